/**
 * Time-zone-correct aggregation of meter values into hour, day, month and year buckets, and the
 * consumption-weighted average price. Pure TypeScript, no framework or library.
 *
 * Semantics
 * - A series is `values[i]` for the interval starting at `start + i × resolution` (UTC); NaN marks a
 *   missing value. The series start must lie on the resolution grid of the local wall clock (a whole
 *   quarter-hour or hour in `timeZone`; for every European zone that is the same as a whole UTC
 *   quarter-hour or hour), otherwise `aggregateSeries` throws.
 * - Buckets follow the local calendar of `timeZone`: a day runs from local midnight to the next local
 *   midnight (23, 24 or 25 hours), a month from local midnight on the 1st, a year from 1 January.
 *   An interval belongs to the bucket that contains its start instant.
 * - Hour buckets are local clock hours under one UTC offset. On the autumn change the repeated hour
 *   therefore yields TWO buckets with the same `localStart` text (Stockholm: "2025-10-26T02:00" at
 *   00:00Z and at 01:00Z); on the spring change the skipped hour has no bucket at all.
 * - Every bucket from the one containing the first interval to the one containing the last is
 *   returned, in order and contiguous (one bucket's end is the next one's start); a bucket whose
 *   values are all NaN is returned with value 0 and count 0. Nothing is padded: `expected` is the
 *   number of intervals the full bucket holds (spring day at PT1H: 23, March in Stockholm at PT15M:
 *   2 972), `count` the number of present values, so partial buckets at the ends show
 *   `count < expected`.
 * - Strings: `start` is the bucket's first instant as `YYYY-MM-DDTHH:mm:ssZ` (UTC, no milliseconds),
 *   `localStart` the same instant on the local wall clock as `YYYY-MM-DDTHH:mm` (no offset). Where a
 *   zone skips local midnight (America/Santiago 2022-09-11), the day starts at its first instant and
 *   `localStart` says so ("2022-09-11T01:00").
 *
 * Performance
 * The zone's UTC-offset changes in the span are fetched once per call from a per-zone, per-month
 * cache (`utcOffsetTimeline`; Intl only runs the first time a zone-month is seen). Every bucket
 * boundary is then pure arithmetic: local midnight of a date = its wall-clock time as if UTC minus
 * the offset in force, found by walking the (typically two per year) transitions with a pointer.
 * Values are summed by tight loops over contiguous index ranges; strings are built by hand.
 * `bench/aggregate.bench.ts` measures this against a plain summing loop.
 */
import { utcOffsetTimeline, type Resolution } from "../time/zoned";

export type { Resolution } from "../time/zoned";

/** `start`: ISO-8601 instant in UTC; `values[i]` covers `start + i × resolution`; NaN = missing value. */
export type Series = { start: string; resolution: Resolution; values: ArrayLike<number> };
export type Granularity = "hour" | "day" | "month" | "year";
export type Bucket = { start: string; localStart: string; value: number; count: number; expected: number };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const STEP_MS: Record<Resolution, number> = { PT15M: 15 * MINUTE_MS, PT1H: HOUR_MS };
const GRANULARITIES: readonly Granularity[] = ["hour", "day", "month", "year"];

// ---------------------------------------------------------------------------------------------
// Parsing the series start

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO-8601 instant with `Z` or an explicit offset; throws on anything else. */
function parseInstant(text: string): number {
  const match = typeof text === "string" ? INSTANT.exec(text) : null;
  if (!match) {
    throw new Error(
      `Series start must be an ISO-8601 instant such as "2025-03-29T23:00:00Z", got ${JSON.stringify(text)}`,
    );
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`Series start is not a valid date and time: ${JSON.stringify(text)}`);
  }
  let offsetMs = 0;
  if (zone !== "Z") {
    const sign = zone!.startsWith("-") ? -1 : 1;
    offsetMs = sign * (Number(zone!.slice(1, 3)) * HOUR_MS + Number(zone!.slice(4, 6)) * MINUTE_MS);
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // A non-zero fraction of a second can never lie on a minute grid; flag it with a half millisecond
  // so the grid check below rejects it with its clear message.
  const stray = fraction !== undefined && /[1-9]/.test(fraction) ? 0.5 : 0;
  return wall - offsetMs + stray;
}

// ---------------------------------------------------------------------------------------------
// Formatting (by hand: Intl or toISOString per bucket would dominate the day and hour cases)

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + String(i));
/** "HH:mm" for every minute of the day. */
const CLOCK: readonly string[] = Array.from({ length: 1440 }, (_, m) => TWO_DIGITS[Math.floor(m / 60)]! + ":" + TWO_DIGITS[m % 60]!);
/** "HH:mm:00Z" for every minute of the day. */
const UTC_CLOCK: readonly string[] = CLOCK.map((hm) => hm + ":00Z");

function yearText(year: number): string {
  if (year >= 1000 && year <= 9999) return String(year);
  if (year >= 0 && year < 1000) return String(year).padStart(4, "0");
  // ISO-8601 expanded years, as Date.prototype.toISOString writes them.
  return (year < 0 ? "-" : "+") + String(Math.abs(year)).padStart(6, "0");
}

/** "-MM-DDT" for month 1–12 and day 1–31 at index month × 32 + day. */
const MONTH_DAY: readonly string[] = Array.from({ length: 13 * 32 }, (_, i) =>
  "-" + TWO_DIGITS[Math.floor(i / 32)]! + "-" + TWO_DIGITS[i % 32]! + "T",
);

// Civil date of a day number, returned through module variables (no allocation per call).
let civilYear = 0;
let civilMonth = 0;
let civilDay = 0;

/** Civil date of a day number (days since 1970-01-01), after Howard Hinnant's `civil_from_days`. */
function civilFromDays(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civilDay = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civilMonth = mp < 10 ? mp + 3 : mp - 9;
  civilYear = yoe + era * 400 + (civilMonth <= 2 ? 1 : 0);
}

/** Day number (days since 1970-01-01) of a civil date; `month` may run past 12 (Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y0 = year + Math.floor((month - 1) / 12);
  const m0 = month - 12 * Math.floor((month - 1) / 12);
  const y = m0 <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m0 > 2 ? m0 - 3 : m0 + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

let lastYear = NaN;
let lastYearText = "";

/** "YYYY-MM-DDT" of a day number. */
function datePrefix(days: number): string {
  civilFromDays(days);
  if (civilYear !== lastYear) {
    lastYear = civilYear;
    lastYearText = yearText(civilYear);
  }
  return lastYearText + MONTH_DAY[civilMonth * 32 + civilDay]!;
}

// Two most recent date prefixes: hour buckets reuse one for 24 buckets, and a day bucket's UTC
// date is usually the previous bucket's local date.
let prefixDayA = NaN;
let prefixTextA = "";
let prefixDayB = NaN;
let prefixTextB = "";
let prefixReplaceA = true;

function cachedDatePrefix(days: number): string {
  if (days === prefixDayA) return prefixTextA;
  if (days === prefixDayB) return prefixTextB;
  const text = datePrefix(days);
  if (prefixReplaceA) {
    prefixDayA = days;
    prefixTextA = text;
  } else {
    prefixDayB = days;
    prefixTextB = text;
  }
  prefixReplaceA = !prefixReplaceA;
  return text;
}

/**
 * `YYYY-MM-DDTHH:mm` of a wall-clock time given as milliseconds "as if UTC", or with `utc` set
 * `YYYY-MM-DDTHH:mm:ssZ`.
 */
function formatTime(ms: number, utc: boolean): string {
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const minuteOfDay = Math.floor(inDay / MINUTE_MS);
  const prefix = cachedDatePrefix(days);
  if (!utc) return prefix + CLOCK[minuteOfDay]!;
  const second = Math.floor((inDay - minuteOfDay * MINUTE_MS) / 1000);
  if (second === 0) return prefix + UTC_CLOCK[minuteOfDay]!;
  return prefix + CLOCK[minuteOfDay]! + ":" + TWO_DIGITS[second]! + "Z";
}

// ---------------------------------------------------------------------------------------------
// Offsets as segments: segment k covers instants [segStart[k], segStart[k + 1]) at segOffset[k].

interface Segments {
  start: number[];
  offset: number[];
}

function segmentsFor(fromMs: number, toMs: number, timeZone: string): Segments {
  const timeline = utcOffsetTimeline(new Date(fromMs), new Date(toMs), timeZone);
  const start = [fromMs];
  const offset = [timeline.offsetAtFromMs];
  for (const t of timeline.transitions) {
    start.push(t.at.getTime());
    offset.push(t.offsetAfterMs);
  }
  return { start, offset };
}

/** Start of the UTC calendar unit (day for "hour") holding `ms`. */
function utcUnitFloor(ms: number, granularity: Granularity): number {
  const days = Math.floor(ms / DAY_MS);
  if (granularity === "hour" || granularity === "day") return days * DAY_MS;
  civilFromDays(days);
  return daysFromCivil(civilYear, granularity === "month" ? civilMonth : 1, 1) * DAY_MS;
}

/** Start of the UTC calendar unit (day for "hour") after the one holding `ms`. */
function utcUnitCeil(ms: number, granularity: Granularity): number {
  const days = Math.floor(ms / DAY_MS);
  if (granularity === "hour" || granularity === "day") return (days + 1) * DAY_MS;
  civilFromDays(days);
  return granularity === "month"
    ? daysFromCivil(civilYear, civilMonth + 1, 1) * DAY_MS
    : daysFromCivil(civilYear + 1, 1, 1) * DAY_MS;
}

/**
 * UTC instants of the bucket boundaries: bucket b covers [bounds[b], bounds[b + 1]). The first
 * bucket contains `startMs`, the last one contains the last interval start (`endMs - step`).
 */
function bucketBounds(startMs: number, endMs: number, granularity: Granularity, seg: Segments): number[] {
  const segStart = seg.start;
  const segOffset = seg.offset;
  const last = segStart.length - 1;

  // Segment of the series start.
  let j = 0;
  while (j < last && startMs >= segStart[j + 1]!) j++;

  const bounds: number[] = [];
  if (granularity === "hour") {
    // Local clock hours within each segment, and every offset change starts a new bucket.
    let o = segOffset[j]!;
    let t = startMs - mod(startMs + o, HOUR_MS);
    if (t < segStart[j]! && j > 0) t = segStart[j]!;
    bounds.push(t);
    while (t < endMs) {
      let next = t - mod(t + o, HOUR_MS) + HOUR_MS;
      if (j < last && next >= segStart[j + 1]!) {
        j++;
        next = segStart[j]!;
        o = segOffset[j]!;
      }
      t = next;
      bounds.push(t);
    }
    return bounds;
  }

  // Day, month, year: walk the local calendar in wall-clock milliseconds ("as if UTC") and convert
  // each unit start to an instant: the earliest instant showing that wall time, or, if the zone
  // skips it, the first instant after the gap.
  // The calendar unit is tracked as year, month (may run past 12) and day (may run past the month's
  // end): its start is daysFromCivil(...) days, as if UTC.
  civilFromDays(Math.floor((startMs + segOffset[j]!) / DAY_MS));
  const year = civilYear;
  let month = granularity === "year" ? 1 : civilMonth;
  const day = granularity === "day" ? civilDay : 1;
  let wall = daysFromCivil(year, month, day) * DAY_MS;
  let k = 0;
  const toInstant = (w: number): number => {
    // Skip segments whose wall-clock range ends at or before w.
    while (k < last && w >= segStart[k + 1]! + segOffset[k]!) k++;
    const candidate = w - segOffset[k]!;
    return candidate >= segStart[k]! ? candidate : segStart[k]!;
  };
  let t = toInstant(wall);
  bounds.push(t);
  while (t < endMs) {
    if (granularity === "day") {
      wall += DAY_MS;
    } else {
      month += granularity === "month" ? 1 : 12;
      wall = daysFromCivil(year, month, day) * DAY_MS;
    }
    const next = toInstant(wall);
    // A calendar day that the zone skips entirely (Pacific/Apia, 2011-12-30) has no bucket.
    if (next > t) {
      t = next;
      bounds.push(t);
    }
  }
  return bounds;
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

// ---------------------------------------------------------------------------------------------
// Summing

// Results of sumRange; module variables avoid allocating a pair per bucket.
let rangeSum = 0;
let rangeCount = 0;
/** Values per optimistic block (see sumRange). */
const BLOCK = 1024;

/**
 * Sum and count of the present values in values[from, to), added in index order. Each block is
 * first summed without a NaN test (as fast as a plain loop); only a block whose running sum comes
 * out NaN is summed again from the saved running sum, skipping NaNs. A few missing values thus
 * cost one extra block, not a second pass over the bucket.
 */
function sumRange(values: ArrayLike<number>, from: number, to: number): void {
  let s = 0;
  let c = to - from;
  for (let blockStart = from; blockStart < to; blockStart += BLOCK) {
    const blockEnd = blockStart + BLOCK < to ? blockStart + BLOCK : to;
    const before = s;
    for (let i = blockStart; i < blockEnd; i++) s += values[i]!;
    if (s !== s) {
      s = before;
      for (let i = blockStart; i < blockEnd; i++) {
        const v = values[i]!;
        if (v === v) s += v;
        else c--;
      }
    }
  }
  rangeSum = s;
  rangeCount = c;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Sums a series into local-calendar buckets of `timeZone` (see the module comment for the exact
 * rules). Throws an Error for a malformed start, a start off the resolution grid, an unknown
 * resolution or granularity, and a RangeError for an unknown time zone.
 */
export function aggregateSeries(series: Series, granularity: Granularity, timeZone: string): Bucket[] {
  const resolution = series.resolution;
  if (resolution !== "PT15M" && resolution !== "PT1H") {
    throw new Error(`Unknown resolution ${JSON.stringify(resolution)}: expected "PT15M" or "PT1H"`);
  }
  if (!GRANULARITIES.includes(granularity)) {
    throw new Error(`Unknown granularity ${JSON.stringify(granularity)}: expected one of ${GRANULARITIES.join(", ")}`);
  }
  const step = STEP_MS[resolution];
  const startMs = parseInstant(series.start);
  const values = series.values;
  const n = values.length;
  const endMs = startMs + n * step;

  // Offsets from a little before the first bucket to a little after the last one (a bucket starts at
  // most one calendar unit before the series start; zone offsets are below one day).
  const fromMs = utcUnitFloor(startMs - DAY_MS, granularity) - DAY_MS;
  const lastMs = Math.max(startMs, endMs - step);
  const toMs = utcUnitCeil(lastMs + DAY_MS, granularity) + DAY_MS;
  const seg = segmentsFor(fromMs, toMs, timeZone);

  let j = 0;
  while (j < seg.start.length - 1 && startMs >= seg.start[j + 1]!) j++;
  if (mod(startMs + seg.offset[j]!, step) !== 0) {
    throw new Error(
      `Series start ${series.start} is not on the ${resolution} grid: it must be a whole ` +
        `${resolution === "PT15M" ? "quarter-hour" : "hour"} on the local clock of ${timeZone}`,
    );
  }
  if (n === 0) return [];

  const bounds = bucketBounds(startMs, endMs, granularity, seg);
  const segStart = seg.start;
  const segOffset = seg.offset;
  const lastSeg = segStart.length - 1;
  const buckets: Bucket[] = [];
  let s = 0; // segment pointer for the local labels
  let from = 0;
  let fromSlot = Math.ceil((bounds[0]! - startMs) / step); // ≤ 0: slot of the first full-bucket interval
  for (let b = 0; b + 1 < bounds.length; b++) {
    const bucketStart = bounds[b]!;
    const toSlot = Math.ceil((bounds[b + 1]! - startMs) / step);
    // A bucket that no interval of the grid can fall into (only where an offset change is not a
    // multiple of the resolution, e.g. Australia/Lord_Howe's 30 minutes at PT1H) is left out.
    if (toSlot === fromSlot) continue;
    const to = toSlot < n ? toSlot : n;
    sumRange(values, from, to);
    while (s < lastSeg && bucketStart >= segStart[s + 1]!) s++;
    buckets.push({
      start: formatTime(bucketStart, true),
      localStart: formatTime(bucketStart + segOffset[s]!, false),
      value: rangeSum,
      count: rangeCount,
      expected: toSlot - fromSlot,
    });
    from = to;
    fromSlot = toSlot;
  }
  return buckets;
}

/**
 * Consumption-weighted average price Σ(pᵢ·Eᵢ) / ΣEᵢ over the pairs where both price and quantity
 * are finite (a NaN marks a missing price or value). Negative prices count like any other. Returns
 * NaN when the quantities sum to 0 (nothing consumed: no meaningful price); throws when the arrays
 * differ in length. p = [10, −1, 5], E = [2, 4, 1] → 21 / 7 = 3.
 */
export function weightedAveragePrice(prices: ArrayLike<number>, quantities: ArrayLike<number>): number {
  if (prices.length !== quantities.length) {
    throw new Error(`weightedAveragePrice: ${prices.length} prices but ${quantities.length} quantities`);
  }
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i]!;
    const e = quantities[i]!;
    if (Number.isFinite(p) && Number.isFinite(e)) {
      weighted += p * e;
      total += e;
    }
  }
  return total === 0 ? NaN : weighted / total;
}
