import "server-only";
import { daysBetween, localDate } from "@/domain/time/zoned";
import type { CustomerActor } from "@/server/access/actor";
import { AppError } from "@/server/errors";
import { sumsOfSelection, sumsPerSeries, yearBuckets, type SumUnit } from "./period-sums";
import { resolveInstallations, type InstallationSelection, type ResolvedInstallation } from "./resolve-installations";
import {
  DEFAULT_UNITS,
  isMeanQuantity,
  type ConsumptionBucket,
  type ConsumptionGranularity,
  type ConsumptionQuantity,
  type ConsumptionResult,
} from "./schemas";
import { effectiveEnd, loadDayRows, seriesBuckets, sumBuckets, totalOf, type DayRow } from "./series-buckets";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Hour buckets beyond a year are not a view anyone reads; the export has the same limit. */
export const MAX_HOUR_DAYS = 366;
/** Installation-days read value by value in one request (500 installations × a year fits). */
export const MAX_INSTALLATION_DAYS = 200_000;
export const MAX_DAYS = 366 * 20;

export type ConsumptionInput = InstallationSelection & {
  quantity: ConsumptionQuantity;
  /** Local dates [from, toExclusive) in the installation's zone. */
  from: string;
  toExclusive: string;
  granularity: ConsumptionGranularity;
  /** Also return each installation's buckets (default true; the export needs them, the page does not). */
  perInstallation?: boolean;
  /** For tests: what "today" is (buckets after today are not shown). */
  now?: Date;
};

/**
 * Consumption of one installation, a selection or all of them (seed 000/001: per year, month, day
 * and hour; aggregated over a group), in the calendar of the installation's time zone.
 *
 * The installations are looked up with the actor's scope in the same query; an id outside it is
 * NOT_FOUND. Each installation's values go through the aggregation core (`aggregateSeries`), and
 * a selection is the sum of its installations' buckets. Day, month and year views over several
 * installations read the stored day sums grouped by day or month in SQL instead (the same buckets,
 * tested to match, with a fraction of the data moved; docs/decisions/004-meter-value-storage.md). Temperatures, flow and power are
 * means per bucket (sum / count), not sums.
 */
export async function getConsumption(actor: CustomerActor, input: ConsumptionInput): Promise<ConsumptionResult> {
  const { from, toExclusive, granularity, quantity } = input;
  if (!ISO_DATE.test(from) || !ISO_DATE.test(toExclusive) || from >= toExclusive) {
    throw new AppError("VALIDATION", "from must be a date before toExclusive");
  }
  const days = daysBetween(from, toExclusive);
  if (days > MAX_DAYS || (granularity === "hour" && days > MAX_HOUR_DAYS)) throw new AppError("VALIDATION", "PERIOD_TOO_LONG");

  const installations = await resolveInstallations(actor, input, quantity);
  const mean = isMeanQuantity(quantity);
  const measured = installations.filter((i) => i.series);
  const unit = measured[0]?.series?.unit ?? DEFAULT_UNITS[quantity];
  const timeZone = installations[0]?.timeZone ?? "Europe/Stockholm";

  let perInstallation: ConsumptionResult["perInstallation"];
  let buckets: ConsumptionBucket[];
  if (measured.length > 1 && granularity !== "hour") {
    ({ total: buckets, perInstallation } = await sqlPath(measured, input, mean, input.perInstallation ?? true));
  } else {
    if (measured.length * days > MAX_INSTALLATION_DAYS) throw new AppError("VALIDATION", "PERIOD_TOO_LONG");
    perInstallation = await seriesPath(measured, input, mean);
    buckets = sumBuckets(
      perInstallation.map((p) => p.buckets),
      mean,
    );
  }
  return {
    quantity,
    unit,
    aggregation: mean ? "mean" : "sum",
    granularity,
    from,
    toExclusive,
    timeZone,
    installations: installations.map(({ series: _series, resolution: _resolution, ...rest }) => rest),
    buckets: measured.length === 0 ? [] : buckets,
    perInstallation,
    total: totalOf(measured.length === 0 ? [] : buckets, mean),
  };
}

async function seriesPath(measured: ResolvedInstallation[], input: ConsumptionInput, mean: boolean) {
  const rows = await loadDayRows(
    measured.map((i) => i.series!.id),
    input.from,
    input.toExclusive,
  );
  const rowsOf = new Map<string, DayRow[]>();
  for (const r of rows) {
    const list = rowsOf.get(r.seriesId) ?? [];
    list.push(r);
    rowsOf.set(r.seriesId, list);
  }
  return measured.map((i) => ({
    installationId: i.id,
    buckets: seriesBuckets({
      rows: rowsOf.get(i.series!.id) ?? [],
      from: input.from,
      toExclusive: input.toExclusive,
      timeZone: i.timeZone,
      resolution: i.series!.resolution,
      granularity: input.granularity,
      mean,
      now: input.now,
    }),
  }));
}

async function sqlPath(measured: ResolvedInstallation[], input: ConsumptionInput, mean: boolean, perInstallation: boolean) {
  const unit: SumUnit = input.granularity === "day" ? "day" : "month";
  const end = effectiveEnd(input.toExclusive, measured[0]!.timeZone, input.now);
  const today = (timeZone: string) => localDate(input.now ?? new Date(), timeZone);
  const series = measured.map((i) => ({ seriesId: i.series!.id, timeZone: i.timeZone, resolution: i.series!.resolution }));
  const toGranularity = (periods: ConsumptionBucket[], timeZone: string) => (input.granularity === "year" ? yearBuckets(periods, timeZone, mean) : periods);
  if (!perInstallation) {
    const zone = measured[0]!.timeZone;
    return { total: toGranularity(await sumsOfSelection(series, unit, input.from, end, mean, today(zone)), zone), perInstallation: [] };
  }
  const sums = await sumsPerSeries(series, unit, input.from, end, mean, today);
  const per = measured.map((i) => ({ installationId: i.id, buckets: toGranularity(sums.get(i.series!.id)!, i.timeZone) }));
  return { total: sumBuckets(per.map((p) => p.buckets), mean), perInstallation: per };
}
