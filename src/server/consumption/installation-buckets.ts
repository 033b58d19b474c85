import "server-only";
// Internal to src/server/consumption: each installation's buckets, read either value by value
// (series path) or from the stored day sums (sums path). getConsumption reads a whole selection at
// once; the export reads it a few installations at a time with the same functions, so both write
// the same buckets.
import { localDate } from "@/domain/time/zoned";
import { sumsPerSeries, yearBuckets, type SumUnit } from "./period-sums";
import type { ResolvedInstallation } from "./resolve-installations";
import type { ConsumptionBucket, ConsumptionGranularity } from "./schemas";
import { effectiveEnd, loadDayRows, seriesBuckets, type DayRow } from "./series-buckets";

export type BucketPath = "series" | "sums";

export type BucketRequest = {
  /** Local dates [from, toExclusive). */
  from: string;
  toExclusive: string;
  granularity: ConsumptionGranularity;
  mean: boolean;
  /** Zone whose yesterday ends the sums path's period: the whole selection's first installation's. */
  endZone: string;
  now?: Date;
};

export type InstallationBuckets = { installationId: string; buckets: ConsumptionBucket[] };

/**
 * Which path a selection takes: several installations by day, month or year come from the stored
 * day sums grouped in SQL; hours, and a single installation, from the values themselves. Decided
 * for the whole selection, so that reading it in parts gives the same buckets.
 */
export function bucketPathOf(measuredCount: number, granularity: ConsumptionGranularity): BucketPath {
  return measuredCount > 1 && granularity !== "hour" ? "sums" : "series";
}

/** The buckets of each of `measured` (installations with a series of the quantity), in their order. */
export async function bucketsPerInstallation(measured: readonly ResolvedInstallation[], request: BucketRequest, path: BucketPath): Promise<InstallationBuckets[]> {
  if (measured.length === 0) return [];
  return path === "sums" ? sumsPath(measured, request) : seriesPath(measured, request);
}

async function seriesPath(measured: readonly ResolvedInstallation[], request: BucketRequest): Promise<InstallationBuckets[]> {
  const rows = await loadDayRows(
    measured.map((i) => i.series!.id),
    request.from,
    request.toExclusive,
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
      from: request.from,
      toExclusive: request.toExclusive,
      timeZone: i.timeZone,
      resolution: i.series!.resolution,
      granularity: request.granularity,
      mean: request.mean,
      now: request.now,
    }),
  }));
}

async function sumsPath(measured: readonly ResolvedInstallation[], request: BucketRequest): Promise<InstallationBuckets[]> {
  const unit: SumUnit = request.granularity === "day" ? "day" : "month";
  const end = effectiveEnd(request.toExclusive, request.endZone, request.now);
  const today = (timeZone: string) => localDate(request.now ?? new Date(), timeZone);
  const series = measured.map((i) => ({ seriesId: i.series!.id, timeZone: i.timeZone, resolution: i.series!.resolution }));
  const sums = await sumsPerSeries(series, unit, request.from, end, request.mean, today);
  return measured.map((i) => {
    const periods = sums.get(i.series!.id)!;
    return { installationId: i.id, buckets: request.granularity === "year" ? yearBuckets(periods, i.timeZone, request.mean) : periods };
  });
}
