import "server-only";
// Internal to src/server/consumption: turns MeterDay rows into buckets through the aggregation core,
// and adds buckets of several installations together.
import { aggregateSeries } from "@/domain/consumption/aggregate";
import { localDate } from "@/domain/time/zoned";
import type { Resolution } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { loadSeriesDays, periodLayout, placeSeriesDays, type SeriesDayRow } from "@/server/metering/read-series";
import type { ConsumptionBucket, ConsumptionGranularity, ConsumptionTotal } from "./schemas";

export type DayRow = SeriesDayRow;

/** The MeterDay rows of some series over local days [from, toExclusive), in day order. */
export async function loadDayRows(seriesIds: string[], from: string, toExclusive: string): Promise<DayRow[]> {
  return loadSeriesDays(db, seriesIds, from, toExclusive);
}

/**
 * Where the shown period ends for an installation: the requested end, but never after yesterday in
 * its zone. Meter values for a day arrive the day after, so today (and anything later) would only
 * show up as "missing" when it simply has not been delivered yet.
 */
export function effectiveEnd(toExclusive: string, timeZone: string, now = new Date()): string {
  const today = localDate(now, timeZone);
  return toExclusive < today ? toExclusive : today;
}

const STEP_MS: Record<Resolution, number> = { PT15M: 900_000, PT1H: 3_600_000 };

/**
 * Buckets of one series over local days [from, toExclusive). Days without a row count as missing;
 * the values go into one Float64Array from local midnight of `from`, and `aggregateSeries` cuts the
 * buckets in the installation's calendar. `expected` is the number of intervals of the bucket that
 * lie inside the requested period, so a period that starts mid-month does not mark its first month
 * as incomplete; `estimated` counts quality 1 (estimated) and 2 (corrected) values. The period
 * ends with yesterday at the latest (effectiveEnd).
 */
export function seriesBuckets(options: {
  rows: DayRow[];
  from: string;
  toExclusive: string;
  timeZone: string;
  resolution: Resolution;
  granularity: ConsumptionGranularity;
  mean: boolean;
  now?: Date;
}): ConsumptionBucket[] {
  const { rows, from, timeZone, resolution, granularity, mean } = options;
  const end = effectiveEnd(options.toExclusive, timeZone, options.now);
  if (from >= end) return [];
  const step = STEP_MS[resolution];
  const layout = periodLayout(from, end, timeZone, resolution);
  const { n, startMs } = layout;
  // Prefix sums of estimated flags: estimated values of any index range in O(1).
  const flags = new Uint8Array(n);
  const values = placeSeriesDays(rows, layout, flags);
  const estimatedBefore = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) estimatedBefore[i + 1] = estimatedBefore[i]! + flags[i]!;

  const raw = aggregateSeries({ start: new Date(startMs).toISOString(), resolution, values }, granularity, timeZone);
  const indexOf = (iso: string) => Math.min(n, Math.max(0, Math.round((Date.parse(iso) - startMs) / step)));

  return raw.map((b, k) => {
    const a = indexOf(b.start);
    const z = k + 1 < raw.length ? indexOf(raw[k + 1]!.start) : n;
    const expected = Math.max(0, z - a);
    return {
      start: b.start,
      localStart: b.localStart,
      value: b.count === 0 ? null : mean ? b.value / b.count : b.value,
      sum: b.value,
      count: b.count,
      expected,
      estimated: estimatedBefore[z]! - estimatedBefore[a]!,
    };
  });
}

/**
 * Adds the buckets of several installations: buckets with the same local start are one bucket.
 * Installations in one portal share the Nordic zones, so their buckets line up; when zones differ,
 * "January" is each installation's own local January, and the UTC start shown is that of the first
 * installation with the bucket (decision: calendar periods are what customers compare, not UTC
 * instants). The hour repeated when daylight saving ends appears twice in a day; it is matched by
 * occurrence, so the two 02:00 hours are never merged.
 */
export function sumBuckets(lists: ConsumptionBucket[][], mean: boolean): ConsumptionBucket[] {
  if (lists.length === 1) return lists[0]!;
  const sum = new BucketSum(mean);
  for (const list of lists) sum.add(list);
  return sum.buckets();
}

/**
 * sumBuckets one installation at a time, for the export: each installation's buckets are added
 * and can then be dropped, so only the selection's buckets stay in memory.
 */
export class BucketSum {
  private readonly merged = new Map<string, ConsumptionBucket>();
  constructor(private readonly mean: boolean) {}

  add(list: readonly ConsumptionBucket[]): void {
    const seen = new Map<string, number>();
    for (const b of list) {
      const occurrence = seen.get(b.localStart) ?? 0;
      seen.set(b.localStart, occurrence + 1);
      const key = `${b.localStart}#${occurrence}`;
      const into = this.merged.get(key);
      if (!into) this.merged.set(key, { ...b });
      else {
        into.sum += b.sum;
        into.count += b.count;
        into.expected += b.expected;
        into.estimated += b.estimated;
      }
    }
  }

  /** The summed buckets in local order. */
  buckets(): ConsumptionBucket[] {
    const out = [...this.merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
    for (const b of out) b.value = b.count === 0 ? null : this.mean ? b.sum / b.count : b.sum;
    return out;
  }
}

export function totalOf(buckets: ConsumptionBucket[], mean: boolean): ConsumptionTotal {
  let sum = 0;
  let count = 0;
  let expected = 0;
  let estimated = 0;
  for (const b of buckets) {
    sum += b.sum;
    count += b.count;
    expected += b.expected;
    estimated += b.estimated;
  }
  return { value: count === 0 ? null : mean ? sum / count : sum, sum, count, expected, estimated };
}
