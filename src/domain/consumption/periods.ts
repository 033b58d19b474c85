/**
 * Calendar periods of the consumption pages (seed 000: "Filtrera på tidsperiod", per year, month,
 * day and hour): the natural period of each view, quick periods, previous/next, and limits that
 * keep a view readable. Periods are local calendar dates, both ends included (as a date picker
 * shows them); server functions take `to + 1 day` as their exclusive end.
 */
import { addDays, addMonths, addYears, daysBetween } from "../time/zoned";

export type PeriodGranularity = "year" | "month" | "day" | "hour";
export type Period = { from: string; to: string };

/** Longest period per view: 31 days of hours, a year of days, five years of months, 20 years. */
const MAX_PERIOD_DAYS: Readonly<Record<PeriodGranularity, number>> = {
  hour: 31,
  day: 366,
  month: 1_827,
  year: 7_306,
};

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
const firstOfYear = (date: string) => `${date.slice(0, 4)}-01-01`;
const lastOfMonth = (date: string) => addDays(addMonths(firstOfMonth(date), 1), -1);
const lastOfYear = (date: string) => `${date.slice(0, 4)}-12-31`;

/** Number of days in a period, both ends included. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/**
 * The period a view opens with, around `anchor` (the last day to show, normally yesterday or the
 * end of the period the user came from): five calendar years of years, the calendar year of months,
 * the calendar month of days, and the single day of hours.
 */
export function defaultPeriod(granularity: PeriodGranularity, anchor: string): Period {
  switch (granularity) {
    case "year":
      return { from: firstOfYear(addYears(anchor, -4)), to: lastOfYear(anchor) };
    case "month":
      return { from: firstOfYear(anchor), to: lastOfYear(anchor) };
    case "day":
      return { from: firstOfMonth(anchor), to: lastOfMonth(anchor) };
    case "hour":
      return { from: anchor, to: anchor };
  }
}

/** Shortens a period that is too long for the view by moving its start (the end stays). */
export function clampPeriod(p: Period, granularity: PeriodGranularity): { period: Period; clamped: boolean } {
  const ordered = p.from <= p.to ? p : { from: p.to, to: p.from };
  const max = MAX_PERIOD_DAYS[granularity];
  if (periodDays(ordered) <= max) return { period: ordered, clamped: ordered !== p };
  return { period: { from: addDays(ordered.to, -(max - 1)), to: ordered.to }, clamped: true };
}

export function isWholeYears(p: Period): boolean {
  return p.from.endsWith("-01-01") && p.to.endsWith("-12-31") && p.from <= p.to;
}

export function isWholeMonths(p: Period): boolean {
  return p.from.endsWith("-01") && p.to === lastOfMonth(p.to) && p.from <= p.to;
}

/**
 * The period before (-1) or after (+1): whole years move by their number of years, whole months by
 * their number of months (February stays a whole month), anything else by its number of days.
 */
export function shiftPeriod(p: Period, direction: -1 | 1): Period {
  if (isWholeYears(p)) {
    const years = Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) + 1;
    return { from: addYears(p.from, direction * years), to: lastOfYear(addYears(p.to, direction * years)) };
  }
  if (isWholeMonths(p)) {
    const months = (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 + Number(p.to.slice(5, 7)) - Number(p.from.slice(5, 7)) + 1;
    return { from: addMonths(p.from, direction * months), to: lastOfMonth(addMonths(firstOfMonth(p.to), direction * months)) };
  }
  const days = periodDays(p);
  return { from: addDays(p.from, direction * days), to: addDays(p.to, direction * days) };
}

export type QuickPeriodKey = "last7Days" | "thisMonth" | "lastMonth" | "thisYear" | "lastYear" | "last12Months";

export type QuickPeriod = { key: QuickPeriodKey; granularity: PeriodGranularity; period: Period };

/** The quick choices, relative to today's local date. "Senaste" periods end with yesterday. */
export function quickPeriods(today: string): QuickPeriod[] {
  const yesterday = addDays(today, -1);
  const thisMonth = firstOfMonth(today);
  return [
    { key: "last7Days", granularity: "day", period: { from: addDays(today, -7), to: yesterday } },
    { key: "thisMonth", granularity: "day", period: { from: thisMonth, to: lastOfMonth(today) } },
    { key: "lastMonth", granularity: "day", period: { from: addMonths(thisMonth, -1), to: addDays(thisMonth, -1) } },
    { key: "thisYear", granularity: "month", period: { from: firstOfYear(today), to: lastOfYear(today) } },
    { key: "lastYear", granularity: "month", period: { from: firstOfYear(addYears(today, -1)), to: lastOfYear(addYears(today, -1)) } },
    { key: "last12Months", granularity: "month", period: { from: addMonths(thisMonth, -12), to: addDays(thisMonth, -1) } },
  ];
}
