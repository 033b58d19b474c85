import "server-only";
import { daysBetween, localDate } from "@/domain/time/zoned";
import type { CustomerActor } from "@/server/access/actor";
import { AppError } from "@/server/errors";
import { bucketPathOf, bucketsPerInstallation, type BucketRequest } from "./installation-buckets";
import { sumsOfSelection, yearBuckets, type SumUnit } from "./period-sums";
import { resolveInstallations, type InstallationSelection, type ResolvedInstallation } from "./resolve-installations";
import {
  DEFAULT_UNITS,
  isMeanQuantity,
  type ConsumptionBucket,
  type ConsumptionGranularity,
  type ConsumptionQuantity,
  type ConsumptionResult,
} from "./schemas";
import { effectiveEnd, sumBuckets, totalOf } from "./series-buckets";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Hour buckets beyond a year are not a view anyone reads; the export has the same limit. */
export const MAX_HOUR_DAYS = 366;
/** Installation-days read value by value in one request (500 installations × a year fits). */
const MAX_INSTALLATION_DAYS = 200_000;
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
  const path = bucketPathOf(measured.length, granularity);
  const request = { from, toExclusive, granularity, mean, endZone: measured[0]?.timeZone ?? timeZone, now: input.now };
  if (path === "sums" && input.perInstallation === false) {
    ({ total: buckets, perInstallation } = await selectionSums(measured, request));
  } else {
    if (path === "series" && measured.length * days > MAX_INSTALLATION_DAYS) throw new AppError("VALIDATION", "PERIOD_TOO_LONG");
    perInstallation = await bucketsPerInstallation(measured, request, path);
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

/** The selection's buckets summed in SQL, one row per bucket, when the installations' own are not asked for. */
async function selectionSums(measured: ResolvedInstallation[], request: BucketRequest) {
  const unit: SumUnit = request.granularity === "day" ? "day" : "month";
  const zone = request.endZone;
  const end = effectiveEnd(request.toExclusive, zone, request.now);
  const series = measured.map((i) => ({ seriesId: i.series!.id, timeZone: i.timeZone, resolution: i.series!.resolution }));
  const periods = await sumsOfSelection(series, unit, request.from, end, request.mean, localDate(request.now ?? new Date(), zone));
  return { total: request.granularity === "year" ? yearBuckets(periods, zone, request.mean) : periods, perInstallation: [] };
}
