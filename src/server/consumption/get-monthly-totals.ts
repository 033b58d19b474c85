import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { AppError } from "@/server/errors";
import { localDate } from "@/domain/time/zoned";
import { sumsOfSelection, sumsPerSeries } from "./period-sums";
import { resolveInstallations, type InstallationSelection } from "./resolve-installations";
import { DEFAULT_UNITS, isMeanQuantity, type ConsumptionBucket, type ConsumptionInstallation, type ConsumptionTotal, type ConsumptionQuantity } from "./schemas";
import { effectiveEnd, sumBuckets, totalOf } from "./series-buckets";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type MonthlyTotalsInput = InstallationSelection & {
  quantity: ConsumptionQuantity;
  /** Local dates [from, toExclusive) in the installations' zone. */
  from: string;
  toExclusive: string;
  /** Also return each installation's months (default false: only the sum over the selection). */
  perInstallation?: boolean;
};

export type MonthlyTotals = {
  quantity: ConsumptionQuantity;
  unit: string;
  aggregation: "sum" | "mean";
  installations: ConsumptionInstallation[];
  /** One bucket per local month, summed over the selection. */
  months: ConsumptionBucket[];
  perInstallation: { installationId: string; months: ConsumptionBucket[] }[];
  total: ConsumptionTotal;
};

/**
 * Monthly totals of many installations in one SQL statement (seed 001: aggregated views for a
 * property company; the benchmark's 500 installations × one year). Reads the stored day sums
 * grouped by local month; the scope check is the installation query of resolveInstallations.
 * Expected counts come from the calendar of each installation's zone, so months with missing days
 * or hours show `count < expected`.
 */
export async function getMonthlyTotals(actor: CustomerActor, input: MonthlyTotalsInput): Promise<MonthlyTotals> {
  if (!ISO_DATE.test(input.from) || !ISO_DATE.test(input.toExclusive) || input.from >= input.toExclusive) {
    throw new AppError("VALIDATION", "from must be a date before toExclusive");
  }
  const installations = await resolveInstallations(actor, input, input.quantity);
  const mean = isMeanQuantity(input.quantity);
  const measured = installations.filter((i) => i.series);
  const publicInstallations = installations.map(({ series: _series, resolution: _resolution, ...rest }) => rest);
  const unit = measured[0]?.series?.unit ?? DEFAULT_UNITS[input.quantity];
  if (measured.length === 0) {
    return { quantity: input.quantity, unit, aggregation: mean ? "mean" : "sum", installations: publicInstallations, months: [], perInstallation: [], total: totalOf([], mean) };
  }

  const firstZone = measured[0]!.timeZone;
  const end = effectiveEnd(input.toExclusive, firstZone);
  const today = (timeZone: string) => localDate(new Date(), timeZone);
  const series = measured.map((i) => ({ seriesId: i.series!.id, timeZone: i.timeZone, resolution: i.series!.resolution }));
  let months: ConsumptionBucket[];
  let per: MonthlyTotals["perInstallation"] = [];
  if (input.perInstallation) {
    const sums = await sumsPerSeries(series, "month", input.from, end, mean, today);
    per = measured.map((i) => ({ installationId: i.id, months: sums.get(i.series!.id)! }));
    months = sumBuckets(per.map((p) => p.months), mean);
  } else {
    months = await sumsOfSelection(series, "month", input.from, end, mean, today(firstZone));
  }
  return { quantity: input.quantity, unit, aggregation: mean ? "mean" : "sum", installations: publicInstallations, months, perInstallation: per, total: totalOf(months, mean) };
}
