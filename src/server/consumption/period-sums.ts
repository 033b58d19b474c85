import "server-only";
// Internal to src/server/consumption: day and month totals straight from SQL, from the stored day
// sums, for views over many installations.
import { addMonths, localDays, localMidnightUtc } from "@/domain/time/zoned";
import { Prisma } from "@/generated/prisma/client";
import type { Resolution } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import type { ConsumptionBucket } from "./schemas";

export type SumUnit = "day" | "month";

type PeriodSumRow = {
  /** Null when the rows are summed over all series. */
  seriesId: string | null;
  /** Local day (YYYY-MM-DD) or local month (YYYY-MM). */
  period: string;
  sum: number;
  /** Intervals stored (length of the day arrays), missing ones included. */
  intervals: number;
  missing: number;
  estimated: number;
};

const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * One row per local day or month (and series, when asked) over local days [from, toExclusive).
 * `MeterDay.day` is already the local date in the installation's zone, so grouping by it, or by
 * date_trunc('month', day), gives local calendar buckets without any time-zone arithmetic in SQL;
 * `sum` is the stored day total, so the value arrays are never read. The quality arrays are only
 * counted on days that hold a missing or estimated value (`= ANY` is a cheap scan; array_positions
 * allocates), which keeps the counts close to the cost of the sum itself (see
 * docs/decisions/004-meter-value-storage.md).
 */
async function loadPeriodSums(seriesIds: string[], from: string, toExclusive: string, unit: SumUnit, perSeries: boolean): Promise<PeriodSumRow[]> {
  if (seriesIds.length === 0 || from >= toExclusive) return [];
  const period = unit === "day" ? Prisma.sql`to_char(d.day, 'YYYY-MM-DD')` : Prisma.sql`to_char(date_trunc('month', d.day::timestamp), 'YYYY-MM')`;
  const series = perSeries ? Prisma.sql`d."seriesId"::text` : Prisma.sql`NULL::text`;
  const groupBy = perSeries ? Prisma.sql`d."seriesId", 2` : Prisma.sql`2`;
  return db.$queryRaw<PeriodSumRow[]>(Prisma.sql`
    SELECT ${series} AS "seriesId", ${period} AS period,
      sum(CASE WHEN d.sum = 'NaN'::float8 THEN 0 ELSE d.sum END)::float8 AS sum,
      sum(cardinality(d.quality))::int AS intervals,
      sum(CASE WHEN 3 = ANY(d.quality) THEN cardinality(array_positions(d.quality, 3::smallint)) ELSE 0 END)::int AS missing,
      sum(CASE WHEN 1 = ANY(d.quality) OR 2 = ANY(d.quality)
        THEN cardinality(array_positions(d.quality, 1::smallint)) + cardinality(array_positions(d.quality, 2::smallint)) ELSE 0 END)::int AS estimated
    FROM "MeterDay" d
    WHERE d."seriesId" = ANY(${seriesIds}::uuid[]) AND d.day >= ${dbDate(from)}::date AND d.day < ${dbDate(toExclusive)}::date
    GROUP BY ${groupBy}
    ORDER BY ${groupBy}`);
}

const STEP_MS: Record<Resolution, number> = { PT15M: 900_000, PT1H: 3_600_000 };

type ExpectedBucket = { expected: number; start: string; localStart: string };
type ExpectedKey = { timeZone: string; resolution: Resolution };

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");

/**
 * The calendar buckets of [from, end) in a zone with the number of intervals each should hold
 * inside that span: a spring day has 23 hours, March 743; a month cut by the period holds only
 * its days inside it. `end` is already clipped to today (effectiveEnd).
 */
function expectedBuckets(key: ExpectedKey, unit: SumUnit, from: string, end: string): ReadonlyMap<string, ExpectedBucket> {
  // The export reads a selection a few installations at a time: the calendar of years of days is
  // the same for every part, and costs more to cut (a time-zone lookup per day) than to read.
  const cacheKey = `${key.timeZone}|${key.resolution}|${unit}|${from}|${end}`;
  const hit = calendars.get(cacheKey);
  if (hit) return hit;
  const out = calendarOf(key, unit, from, end);
  if (calendars.size >= 16) calendars.delete(calendars.keys().next().value!);
  calendars.set(cacheKey, out);
  return out;
}

const calendars = new Map<string, ReadonlyMap<string, ExpectedBucket>>();

function calendarOf(key: ExpectedKey, unit: SumUnit, from: string, end: string): Map<string, ExpectedBucket> {
  const out = new Map<string, ExpectedBucket>();
  if (from >= end) return out;
  const step = STEP_MS[key.resolution];
  if (unit === "day") {
    for (const d of localDays(from, end, key.timeZone)) {
      out.set(d.date, { expected: Math.round((d.endsAt.getTime() - d.startsAt.getTime()) / step), start: iso(d.startsAt), localStart: `${d.date}T00:00` });
    }
    return out;
  }
  for (let first = `${from.slice(0, 7)}-01`; first < end; first = addMonths(first, 1)) {
    const next = addMonths(first, 1);
    const a = localMidnightUtc(first < from ? from : first, key.timeZone).getTime();
    const b = localMidnightUtc(next > end ? end : next, key.timeZone).getTime();
    out.set(first.slice(0, 7), {
      expected: Math.max(0, Math.round((b - a) / step)),
      start: iso(localMidnightUtc(first, key.timeZone)),
      localStart: `${first}T00:00`,
    });
  }
  return out;
}

/** Rows of one series (or of a group sharing zone and resolution) as buckets; periods without rows are missing. */
function sumBucketsOf(rows: PeriodSumRow[], expected: ReadonlyMap<string, ExpectedBucket>, mean: boolean, multiplicity = 1): ConsumptionBucket[] {
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const out: ConsumptionBucket[] = [];
  for (const [period, e] of expected) {
    const r = byPeriod.get(period);
    const count = r ? r.intervals - r.missing : 0;
    const sum = r ? r.sum : 0;
    out.push({
      start: e.start,
      localStart: e.localStart,
      value: count === 0 ? null : mean ? sum / count : sum,
      sum,
      count,
      expected: e.expected * multiplicity,
      estimated: r ? r.estimated : 0,
    });
  }
  return out;
}

/** Drops trailing empty buckets that start today or later (their values have not arrived yet). */
function trimFuture(buckets: ConsumptionBucket[], today: string, unit: SumUnit): ConsumptionBucket[] {
  const cut = unit === "day" ? today : today.slice(0, 7);
  const len = unit === "day" ? 10 : 7;
  let n = buckets.length;
  while (n > 0 && buckets[n - 1]!.count === 0 && buckets[n - 1]!.localStart.slice(0, len) >= cut) n -= 1;
  return n === buckets.length ? buckets : buckets.slice(0, n);
}

/** Month buckets summed into calendar-year buckets (start: local 1 January). */
export function yearBuckets(months: ConsumptionBucket[], timeZone: string, mean: boolean): ConsumptionBucket[] {
  const years = new Map<string, ConsumptionBucket>();
  for (const m of months) {
    const year = m.localStart.slice(0, 4);
    const into = years.get(year);
    if (!into) years.set(year, { ...m, start: iso(localMidnightUtc(`${year}-01-01`, timeZone)), localStart: `${year}-01-01T00:00` });
    else {
      into.sum += m.sum;
      into.count += m.count;
      into.expected += m.expected;
      into.estimated += m.estimated;
    }
  }
  const out = [...years.values()];
  for (const y of out) y.value = y.count === 0 ? null : mean ? y.sum / y.count : y.sum;
  return out;
}

export type SummedSeries = { seriesId: string; timeZone: string; resolution: Resolution };

/**
 * Day or month buckets of each series, from one grouped query. Calendars depend only on zone and
 * resolution, so they are computed once and shared by all series.
 */
export async function sumsPerSeries(series: SummedSeries[], unit: SumUnit, from: string, end: string, mean: boolean, today: (timeZone: string) => string): Promise<Map<string, ConsumptionBucket[]>> {
  const rows = await loadPeriodSums(series.map((s) => s.seriesId), from, end, unit, true);
  const rowsOf = new Map<string, PeriodSumRow[]>();
  for (const r of rows) {
    const list = rowsOf.get(r.seriesId!) ?? [];
    list.push(r);
    rowsOf.set(r.seriesId!, list);
  }
  const calendars = new Map<string, ReadonlyMap<string, ExpectedBucket>>();
  const out = new Map<string, ConsumptionBucket[]>();
  for (const s of series) {
    const key = `${s.timeZone}|${s.resolution}`;
    let expected = calendars.get(key);
    if (!expected) calendars.set(key, (expected = expectedBuckets(s, unit, from, end)));
    out.set(s.seriesId, trimFuture(sumBucketsOf(rowsOf.get(s.seriesId) ?? [], expected, mean), today(s.timeZone), unit));
  }
  return out;
}

/**
 * Day or month buckets of a whole selection, summed in SQL (one row per bucket comes back, however
 * many installations). The expected counts are the sum of every series' calendar; with several
 * zones the first series' calendar labels the buckets (Nordic zones share their calendar days).
 */
export async function sumsOfSelection(series: SummedSeries[], unit: SumUnit, from: string, end: string, mean: boolean, today: string): Promise<ConsumptionBucket[]> {
  if (series.length === 0) return [];
  const rows = await loadPeriodSums(series.map((s) => s.seriesId), from, end, unit, false);
  const groups = new Map<string, { key: ExpectedKey; n: number }>();
  for (const s of series) {
    const k = `${s.timeZone}|${s.resolution}`;
    const g = groups.get(k) ?? { key: { timeZone: s.timeZone, resolution: s.resolution }, n: 0 };
    g.n += 1;
    groups.set(k, g);
  }
  const [first, ...others] = [...groups.values()];
  const buckets = sumBucketsOf(rows, expectedBuckets(first!.key, unit, from, end), mean, first!.n);
  for (const g of others) {
    const extra = expectedBuckets(g.key, unit, from, end);
    for (const b of buckets) b.expected += (extra.get(b.localStart.slice(0, unit === "day" ? 10 : 7))?.expected ?? 0) * g.n;
  }
  return trimFuture(buckets, today, unit);
}
