/**
 * Calendar helpers in an IANA time zone, built on Intl only (no date library).
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD") and carry no time zone; instants are `Date`s.
 * A "local day" runs from the instant of local midnight to the next local midnight, so it lasts
 * 23, 24 or 25 hours around daylight-saving changes. Meter values (one row per local day) and
 * every aggregation by day, month or year rely on these boundaries.
 */

export type Resolution = "PT15M" | "PT1H";

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface LocalDay {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** UTC instant of local midnight starting the day. */
  startsAt: Date;
  /** UTC instant of the next local midnight (exclusive end). */
  endsAt: Date;
  /** Length of the day in hours: 23, 24 or 25 in zones with a one-hour DST shift. */
  hours: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Constructing an Intl.DateTimeFormat costs far more than formatting with one, and the same few
// zones are used for every value, so keep one per zone for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      // h23 avoids the "24:00" that hour12:false produces at midnight in some engines.
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface FullParts extends ZonedParts {
  second: number;
}

const PART_FIELDS: ReadonlySet<string> = new Set<keyof FullParts>(["year", "month", "day", "hour", "minute", "second"]);

function fullParts(instant: Date, timeZone: string): FullParts {
  const result: FullParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (PART_FIELDS.has(part.type)) result[part.type as keyof FullParts] = Number(part.value);
  }
  return result;
}

/** Local wall-clock time of an instant in a time zone. Throws RangeError for an unknown zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const { year, month, day, hour, minute } = fullParts(instant, timeZone);
  return { year, month, day, hour, minute };
}

/** Offset of local time from UTC at an instant, in milliseconds (Stockholm summer: +2 h). */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  const p = fullParts(instant, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Drop sub-second precision: wall-clock parts have none.
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return wallAsUtc - whole;
}

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return { year, month, day };
}

function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of a calendar date (a plain day count, no time zone involved). */
export function epochDay(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Calendar date of an epoch day number; inverse of `epochDay`. */
export function dateOfEpochDay(days: number): string {
  const d = new Date(days * DAY_MS);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Adds (or with negative n subtracts) calendar days. */
export function addDays(date: string, n: number): string {
  return dateOfEpochDay(epochDay(date) + n);
}

/** Adds calendar months; the day is clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatIsoDate(y, m, Math.min(day, lastDay));
}

/** Adds calendar years; 29 Feb becomes 28 Feb in a common year. */
export function addYears(date: string, n: number): string {
  return addMonths(date, 12 * n);
}

/** Number of calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const weekday = new Date(epochDay(date) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Day of the year, 1 = 1 January. */
export function dayOfYear(date: string): number {
  const { year } = parseIsoDate(date);
  return epochDay(date) - epochDay(formatIsoDate(year, 1, 1)) + 1;
}

/** Local calendar date of an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const p = fullParts(instant, timeZone);
  return formatIsoDate(p.year, p.month, p.day);
}

/**
 * UTC instant of local 00:00 on a calendar date.
 *
 * Europe's zones change at 01:00 UTC, never at midnight, so midnight always exists there. A zone
 * that skips midnight (some American zones historically) gets the first instant of the day instead.
 */
export function localMidnightUtc(date: string, timeZone: string): Date {
  const { year, month, day } = parseIsoDate(date);
  const wallAsUtc = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset: the first guess uses the offset at UTC midnight, which can sit on
  // the other side of a change that happens during the local evening before.
  const firstOffset = utcOffsetMs(new Date(wallAsUtc), timeZone);
  let candidate = wallAsUtc - firstOffset;
  const secondOffset = utcOffsetMs(new Date(candidate), timeZone);
  if (secondOffset !== firstOffset) {
    const alternative = wallAsUtc - secondOffset;
    if (utcOffsetMs(new Date(alternative), timeZone) === secondOffset) candidate = alternative;
  }
  const parts = fullParts(new Date(candidate), timeZone);
  if (formatIsoDate(parts.year, parts.month, parts.day) === date && parts.hour === 0 && parts.minute === 0) {
    return new Date(candidate);
  }
  return firstInstantOfDate(date, timeZone, candidate);
}

/** Earliest minute whose local date is `date`, searched within a day around `near`. */
function firstInstantOfDate(date: string, timeZone: string, near: number): Date {
  let low = near - DAY_MS / 2; // local date before `date`
  let high = near + DAY_MS / 2; // local date `date` or later
  while (high - low > MINUTE_MS) {
    const mid = Math.floor((low + high) / 2 / MINUTE_MS) * MINUTE_MS;
    if (mid <= low || mid >= high) break;
    if (localDate(new Date(mid), timeZone) < date) low = mid;
    else high = mid;
  }
  return new Date(high);
}

/** One entry per local day from `from` up to but excluding `toExclusive`. */
export function localDays(from: string, toExclusive: string, timeZone: string): LocalDay[] {
  const days: LocalDay[] = [];
  const count = daysBetween(from, toExclusive);
  if (count <= 0) return days;
  let date = from;
  let startsAt = localMidnightUtc(date, timeZone);
  for (let i = 0; i < count; i++) {
    const next = addDays(date, 1);
    const endsAt = localMidnightUtc(next, timeZone);
    days.push({ date, startsAt, endsAt, hours: (endsAt.getTime() - startsAt.getTime()) / HOUR_MS });
    date = next;
    startsAt = endsAt;
  }
  return days;
}

/** Minutes per interval of a resolution. */
export function resolutionMinutes(resolution: Resolution): number {
  return resolution === "PT15M" ? 15 : 60;
}

/** Number of intervals in a local day: 23/24/25 hours, or 92/96/100 quarter-hours. */
export function intervalsInLocalDay(date: string, timeZone: string, resolution: Resolution): number {
  const start = localMidnightUtc(date, timeZone).getTime();
  const end = localMidnightUtc(addDays(date, 1), timeZone).getTime();
  return Math.round((end - start) / (resolutionMinutes(resolution) * MINUTE_MS));
}

/**
 * Local wall-clock minute of the day (0–1439) at the start of each interval of a local day, in
 * order. On the autumn change the repeated hour appears twice (…, 120, 120, 180, … in Stockholm
 * hourly) and in spring the skipped hour is absent. The zone is consulted per interval only on
 * days that are not exactly 24 hours with one offset; other days are computed arithmetically.
 */
export function intervalWallClockMinutes(date: string, timeZone: string, resolution: Resolution): number[] {
  const startsAt = localMidnightUtc(date, timeZone);
  const endsAt = localMidnightUtc(addDays(date, 1), timeZone);
  const step = resolutionMinutes(resolution);
  const count = Math.round((endsAt.getTime() - startsAt.getTime()) / (step * MINUTE_MS));
  const minutes = new Array<number>(count);
  const regular =
    endsAt.getTime() - startsAt.getTime() === DAY_MS &&
    utcOffsetMs(startsAt, timeZone) === utcOffsetMs(new Date(endsAt.getTime() - MINUTE_MS), timeZone);
  for (let i = 0; i < count; i++) {
    if (regular) {
      minutes[i] = i * step;
    } else {
      const p = zonedParts(new Date(startsAt.getTime() + i * step * MINUTE_MS), timeZone);
      minutes[i] = p.hour * 60 + p.minute;
    }
  }
  return minutes;
}

// ---------------------------------------------------------------------------------------------
// Offset transitions
//
// Aggregating a year of quarter-hours needs a zone's offset at a handful of calendar boundaries,
// and asking Intl for each of them (several µs per call) would cost more than summing the values.
// The offsets of a zone are piecewise constant, so they are found once per zone and UTC month:
// sample every 7 days, bisect (to the second) wherever two samples differ, and keep the result.
// After that, any local wall time in the month converts to an instant with plain arithmetic.
//
// Limitation: two changes less than 7 days apart that cancel each other out would go unnoticed;
// no zone in the tz database has done that in modern times (Europe changes twice a year).

/** A change of a zone's UTC offset. */
export interface OffsetTransition {
  /** First instant with the new offset. */
  at: Date;
  /** Offset before the change, in milliseconds (Stockholm in autumn: +2 h). */
  offsetBeforeMs: number;
  /** Offset from `at` on, in milliseconds (Stockholm in autumn: +1 h). */
  offsetAfterMs: number;
}

/** The offsets of a zone over a span of time: the offset in force at `from` and every change after it. */
export interface OffsetTimeline {
  /** Offset in force at `from`, in milliseconds. */
  offsetAtFromMs: number;
  /** Changes with `from < at ≤ to`, in order. */
  transitions: OffsetTransition[];
}

interface OffsetChunk {
  /** Offset at the first instant of the UTC month. */
  startOffset: number;
  /** Instants of changes in (month start, next month start], ascending. */
  at: number[];
  /** Offset from the matching `at` on. */
  after: number[];
}

const SECOND_MS = 1000;
const OFFSET_SAMPLE_MS = 7 * DAY_MS;
/** Bound on cached zone-months (about 250 zone-years); the cache starts over when it is reached. */
const MAX_CACHED_CHUNKS = 3000;
const offsetChunks = new Map<string, Map<number, OffsetChunk>>();
let cachedChunkCount = 0;

function offsetChunk(timeZone: string, monthIndex: number): OffsetChunk {
  const cached = offsetChunks.get(timeZone)?.get(monthIndex);
  if (cached) return cached;

  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const start = Date.UTC(year, month, 1);
  const end = Date.UTC(year, month + 1, 1);
  const offsetAt = (t: number) => utcOffsetMs(new Date(t), timeZone);
  const chunk: OffsetChunk = { startOffset: offsetAt(start), at: [], after: [] };

  let low = start;
  let lowOffset = chunk.startOffset;
  while (low < end) {
    const high = Math.min(low + OFFSET_SAMPLE_MS, end);
    const highOffset = offsetAt(high);
    if (highOffset === lowOffset) {
      low = high;
      continue;
    }
    // Bisect for the first whole second in (low, high] whose offset differs from lowOffset.
    let a = low;
    let b = high;
    let bOffset = highOffset;
    while (b - a > SECOND_MS) {
      const mid = a + Math.floor((b - a) / 2 / SECOND_MS) * SECOND_MS;
      const midOffset = offsetAt(mid);
      if (midOffset === lowOffset) {
        a = mid;
      } else {
        b = mid;
        bOffset = midOffset;
      }
    }
    chunk.at.push(b);
    chunk.after.push(bOffset);
    // Look again from the change: a second change may follow before `high`.
    low = b;
    lowOffset = bOffset;
  }

  if (cachedChunkCount >= MAX_CACHED_CHUNKS) clearUtcOffsetCache();
  let zone = offsetChunks.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetChunks.set(timeZone, zone);
  }
  zone.set(monthIndex, chunk);
  cachedChunkCount++;
  return chunk;
}

function utcMonthIndex(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * The offset in force at `from` and every offset change with `from < at ≤ to`.
 *
 * Intl is consulted only the first time a zone and UTC month are seen (about a dozen calls per
 * month, a few more for a month with a change); later calls are plain arithmetic on the cached
 * result. Throws RangeError for an unknown zone or an invalid or inverted range.
 */
export function utcOffsetTimeline(from: Date, to: Date, timeZone: string): OffsetTimeline {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) {
    throw new RangeError(`Expected a valid range of instants, got ${String(from)} to ${String(to)}`);
  }
  const first = utcMonthIndex(fromMs);
  const last = utcMonthIndex(toMs);
  let offset = 0;
  const transitions: OffsetTransition[] = [];
  for (let m = first; m <= last; m++) {
    const chunk = offsetChunk(timeZone, m);
    if (m === first) offset = chunk.startOffset;
    for (let i = 0; i < chunk.at.length; i++) {
      const at = chunk.at[i]!;
      const after = chunk.after[i]!;
      if (at > toMs) break;
      if (at > fromMs) transitions.push({ at: new Date(at), offsetBeforeMs: offset, offsetAfterMs: after });
      offset = after;
    }
  }
  const offsetAtFromMs = transitions.length > 0 ? transitions[0]!.offsetBeforeMs : offset;
  return { offsetAtFromMs, transitions };
}

/** Offset changes with `from < at ≤ to`, in order (see `utcOffsetTimeline`). */
export function utcOffsetTransitions(from: Date, to: Date, timeZone: string): OffsetTransition[] {
  return utcOffsetTimeline(from, to, timeZone).transitions;
}

/** Forgets every cached offset table (for benchmarks of the cold path and for tests). */
export function clearUtcOffsetCache(): void {
  offsetChunks.clear();
  cachedChunkCount = 0;
}
