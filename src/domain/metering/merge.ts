/**
 * Merges a series' imported values into its stored local days (one row per local calendar day in
 * the series' time zone, values ordered from local midnight; see MeterDay in schema.prisma).
 *
 * Per interval: nothing stored (NaN) → the new value fills it; the same value and quality → left as
 * it is; a different value or quality → replaced, and the previous one is returned as a revision
 * (billing issues corrections from them). Only days that change are returned, so importing the same
 * file again writes nothing. Time-zone work happens once per local day, never per value.
 */
import { addDays, localDate, localDays } from "@/domain/time/zoned";
import { QUALITY, STEP_MS, type Resolution } from "./types";

/** Consecutive local days of one time zone: `starts[i]` is day i's local midnight, `starts[n]` the end. */
export interface DayGrid {
  timeZone: string;
  dates: string[];
  starts: Float64Array;
}

/** The local days of `timeZone` that contain the instants from `fromMs` to `toMs` (inclusive). */
export function buildDayGrid(timeZone: string, fromMs: number, toMs: number): DayGrid {
  const first = localDate(new Date(fromMs), timeZone);
  const last = localDate(new Date(toMs), timeZone);
  const days = localDays(first, addDays(last, 1), timeZone);
  const starts = new Float64Array(days.length + 1);
  days.forEach((d, i) => (starts[i] = d.startsAt.getTime()));
  starts[days.length] = days.length ? days[days.length - 1]!.endsAt.getTime() : fromMs;
  return { timeZone, dates: days.map((d) => d.date), starts };
}

/** Index of the day that contains `time`, searching forward from `hint` (values come in time order). */
function dayIndexOf(grid: DayGrid, time: number, hint: number): number {
  const { starts } = grid;
  const last = starts.length - 2;
  let i = hint;
  if (i > last || starts[i]! > time) {
    // Binary search: the largest i with starts[i] <= time.
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= time) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  while (i < last && starts[i + 1]! <= time) i++;
  return i;
}

export interface StoredDay {
  values: ArrayLike<number>;
  quality: ArrayLike<number>;
}

export interface MergedDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Local midnight, epoch ms. */
  startsAt: number;
  values: Float64Array;
  quality: Uint8Array;
  /** Sum of the present values. */
  sum: number;
}

export interface Revisions {
  length: number;
  intervalStart: number[];
  previousValue: number[];
  previousQuality: number[];
  newValue: number[];
  newQuality: number[];
}

export interface MergeResult {
  changedDays: MergedDay[];
  revisions: Revisions;
  /** Intervals that had no value and got one. */
  stored: number;
  /** Intervals whose value or quality changed. */
  replaced: number;
  /** Intervals that already held the same value and quality. */
  unchanged: number;
}

export interface SeriesValues {
  resolution: Resolution;
  length: number;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
  quality: ArrayLike<number>;
}

export function emptyRevisions(): Revisions {
  return { length: 0, intervalStart: [], previousValue: [], previousQuality: [], newValue: [], newQuality: [] };
}

/**
 * Merges `series` (sorted by time, on the resolution's grid) into the stored days, looked up by local
 * date in `stored`. `grid` must cover every value's day (see buildDayGrid).
 */
export function mergeIntoDays(series: SeriesValues, grid: DayGrid, stored: ReadonlyMap<string, StoredDay>, revisions = emptyRevisions()): MergeResult {
  const step = STEP_MS[series.resolution];
  const { times, values, quality } = series;
  const changedDays: MergedDay[] = [];
  let stored_ = 0;
  let replaced = 0;
  let unchanged = 0;
  let i = 0;
  let dayIndex = 0;
  while (i < series.length) {
    dayIndex = dayIndexOf(grid, times[i]!, dayIndex);
    const dayStart = grid.starts[dayIndex]!;
    const dayEnd = grid.starts[dayIndex + 1]!;
    const count = Math.round((dayEnd - dayStart) / step);
    const date = grid.dates[dayIndex]!;
    const existing = stored.get(date);
    const dayValues = new Float64Array(count).fill(Number.NaN);
    const dayQuality = new Uint8Array(count).fill(QUALITY.missing);
    if (existing) {
      const n = Math.min(count, existing.values.length, existing.quality.length);
      for (let k = 0; k < n; k++) {
        dayValues[k] = existing.values[k]!;
        dayQuality[k] = Number.isNaN(existing.values[k]!) ? QUALITY.missing : existing.quality[k]!;
      }
    }
    let changed = false;
    for (; i < series.length && times[i]! < dayEnd; i++) {
      const t = times[i]!;
      const k = Math.round((t - dayStart) / step);
      const v = values[i]!;
      const q = quality[i]!;
      const old = dayValues[k]!;
      if (Number.isNaN(old)) {
        dayValues[k] = v;
        dayQuality[k] = q;
        stored_++;
        changed = true;
      } else if (old === v && dayQuality[k] === q) {
        unchanged++;
      } else {
        revisions.intervalStart.push(t);
        revisions.previousValue.push(old);
        revisions.previousQuality.push(dayQuality[k]!);
        revisions.newValue.push(v);
        revisions.newQuality.push(q);
        revisions.length++;
        dayValues[k] = v;
        dayQuality[k] = q;
        replaced++;
        changed = true;
      }
    }
    if (changed) {
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const v = dayValues[k]!;
        if (v === v) sum += v; // skips NaN
      }
      changedDays.push({ date, startsAt: dayStart, values: dayValues, quality: dayQuality, sum });
    }
    dayIndex++;
  }
  return { changedDays, revisions, stored: stored_, replaced, unchanged };
}

/** The first and last local date that a sorted series touches, for loading its stored days. */
export function dateSpan(grid: DayGrid, firstTime: number, lastTime: number): { from: string; to: string } {
  return { from: grid.dates[dayIndexOf(grid, firstTime, 0)]!, to: grid.dates[dayIndexOf(grid, lastTime, 0)]! };
}
