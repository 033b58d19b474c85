// The period's calendar: local days and the local wall-clock minute of every interval. The one
// calendar of a period of local days, for rating and for reading stored series
// (src/server/metering/read-series.ts places each local day's values at its day's `first`).
import { isoWeekday, localDays, utcOffsetTimeline, type Resolution } from "../../time/zoned";
import { RatingError } from "../price-list";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
export const STEP_MS: Record<Resolution, number> = { PT15M: 15 * MINUTE_MS, PT1H: HOUR_MS };

export interface CalendarDay {
  date: string;
  /** "YYYY-MM" */
  monthKey: string;
  month: number;
  daysInMonth: number;
  daysInYear: number;
  weekday: number;
  /** Index of the day's first interval; the day ends at the next day's first interval. */
  first: number;
  end: number;
}

/** The local days of a period and where each starts in the period's intervals. */
export interface PeriodDays {
  timeZone: string;
  resolution: Resolution;
  stepMs: number;
  startMs: number;
  intervals: number;
  days: CalendarDay[];
}

/** The period's days and the local clock of every interval (rating needs both). */
export interface Calendar extends PeriodDays {
  /** Local wall-clock minute of the day (0–1439) at each interval's start. */
  localMinute: Uint16Array;
  /** Day index of each interval. */
  dayOf: Uint32Array;
}

/** Calendars are the same for every installation of a billing run: keep the latest ones. */
const calendarCache = new Map<string, Calendar>();
const daysCache = new Map<string, PeriodDays>();
const MAX_CACHED_CALENDARS = 64;

function daysInMonthOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local days of [from, to) in a zone at a resolution (cached); throws RatingError INVALID_INPUT. */
export function periodDays(timeZone: string, from: string, to: string, resolution: Resolution): PeriodDays {
  const key = `${timeZone}|${from}|${to}|${resolution}`;
  const cached = daysCache.get(key);
  if (cached) return cached;

  let localDayList;
  try {
    localDayList = localDays(from, to, timeZone);
  } catch (error) {
    throw new RatingError("INVALID_INPUT", `Cannot build the local calendar: ${(error as Error).message}`);
  }
  const stepMs = STEP_MS[resolution];
  // An empty period (from ≥ to) has no days and no intervals.
  const startMs = localDayList[0]?.startsAt.getTime() ?? Number.NaN;
  const days: CalendarDay[] = [];
  let first = 0;
  for (const day of localDayList) {
    const lengthMs = day.endsAt.getTime() - day.startsAt.getTime();
    if (lengthMs % stepMs !== 0) {
      throw new RatingError("INVALID_INPUT", `Local day ${day.date} in ${timeZone} is not a whole number of ${resolution} intervals`, day.date);
    }
    const year = Number(day.date.slice(0, 4));
    const month = Number(day.date.slice(5, 7));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const end = first + lengthMs / stepMs;
    days.push({
      date: day.date,
      monthKey: day.date.slice(0, 7),
      month,
      daysInMonth: daysInMonthOf(year, month),
      daysInYear: leap ? 366 : 365,
      weekday: isoWeekday(day.date),
      first,
      end,
    });
    first = end;
  }
  const period: PeriodDays = { timeZone, resolution, stepMs, startMs, intervals: first, days };
  if (daysCache.size >= MAX_CACHED_CALENDARS) daysCache.clear();
  daysCache.set(key, period);
  return period;
}

/** The period's days with the local wall-clock minute and day of every interval (cached). */
export function calendarFor(timeZone: string, from: string, to: string, resolution: Resolution): Calendar {
  const key = `${timeZone}|${from}|${to}|${resolution}`;
  const cached = calendarCache.get(key);
  if (cached) return cached;

  const period = periodDays(timeZone, from, to, resolution);
  const { stepMs, startMs, intervals, days } = period;
  const endMs = startMs + intervals * stepMs;
  const timeline = intervals > 0 ? utcOffsetTimeline(new Date(startMs), new Date(endMs), timeZone) : { offsetAtFromMs: 0, transitions: [] };
  const localMinute = new Uint16Array(intervals);
  const dayOf = new Uint32Array(intervals);
  let offset = timeline.offsetAtFromMs;
  let next = 0;
  const transitions = timeline.transitions;
  for (let d = 0; d < days.length; d++) {
    const day = days[d]!;
    for (let k = day.first; k < day.end; k++) {
      const t = startMs + k * stepMs;
      while (next < transitions.length && transitions[next]!.at.getTime() <= t) {
        offset = transitions[next]!.offsetAfterMs;
        next++;
      }
      const local = t + offset;
      const inDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
      localMinute[k] = Math.floor(inDay / MINUTE_MS);
      dayOf[k] = d;
    }
  }
  const calendar: Calendar = { ...period, localMinute, dayOf };
  if (calendarCache.size >= MAX_CACHED_CALENDARS) calendarCache.clear();
  calendarCache.set(key, calendar);
  return calendar;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** "2025-03-14 at 08:00 (Europe/Stockholm), the interval starting 2025-03-14T07:00:00Z" */
export function describeInterval(cal: Calendar, k: number): string {
  const day = cal.days[cal.dayOf[k]!]!;
  return `${day.date} at ${clock(cal.localMinute[k]!)} (${cal.timeZone}), the interval starting ${isoInstant(cal.startMs + k * cal.stepMs)}`;
}

/** Forget cached period calendars (tests). */
export function clearCalendarCache(): void {
  calendarCache.clear();
  daysCache.clear();
}
