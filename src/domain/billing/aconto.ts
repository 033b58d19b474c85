/**
 * Danish aconto (prepayment) quantities: the expected yearly consumption and
 * the kWh share of it billed in advance for a period. Amounts in money are
 * derived elsewhere from these kWh and the price list.
 *
 * Dates are ISO calendar dates (YYYY-MM-DD) counted in UTC day numbers, so a
 * period has the same number of days whatever the server's time zone and
 * regardless of daylight-saving changes inside it.
 */

import { isValidCalendarDate } from "../identity/common";

const MS_PER_DAY = 86_400_000;
/** 365 × 366: common denominator so mixed leap/non-leap periods stay exact. */
const LEAP_COMMON_DENOMINATOR = 365 * 366;

/**
 * Round half up for non-negative values. `Math.round` would do the same for
 * positives, but going through the fractional part avoids the `x + 0.5`
 * pitfall where 0.49999999999999994 rounds to 1.
 */
function roundHalfUp(value: number): number {
  const whole = Math.floor(value);
  return value - whole >= 0.5 ? whole + 1 : whole;
}

/**
 * Last year's measured consumption scaled to 365 days, in whole kWh (round
 * half up): 25 433 kWh over 358 days → 25 930 kWh. The multiplication comes
 * first so that integer inputs are divided only once and an exact half (e.g.
 * 1 kWh over 730 days) is not lost to an intermediate rounding.
 * `days` must be a whole number of days, since measured periods are.
 */
export function annualizeConsumption(kWh: number, days: number): number {
  if (!Number.isFinite(kWh) || kWh < 0) {
    throw new RangeError(`Consumption must be a finite number ≥ 0 kWh, got ${String(kWh)}`);
  }
  if (!Number.isInteger(days) || days <= 0) {
    throw new RangeError(`Measured period must be a whole number of days > 0, got ${String(days)}`);
  }
  return roundHalfUp((kWh * 365) / days);
}

/** UTC day number of a strict ISO date, or a RangeError naming the field. */
function parseIsoDate(value: string, name: string): { year: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) {
    throw new RangeError(`${name} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (!isValidCalendarDate(year, month, dayOfMonth)) {
    throw new RangeError(`${name} is not a real calendar date: ${value}`);
  }
  return { year, day: Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function startOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / MS_PER_DAY;
}

function requireExpectedYearly(expectedYearlyKWh: number): void {
  if (!Number.isFinite(expectedYearlyKWh) || expectedYearlyKWh < 0) {
    throw new RangeError(
      `Expected yearly consumption must be a finite number ≥ 0 kWh, got ${String(expectedYearlyKWh)}`,
    );
  }
}

/**
 * The share of a yearly consumption that falls on the days [from, to),
 * returned as the exact fraction numerator / (365 × 366). Each day weighs
 * 1/366 in a leap year and 1/365 otherwise, so any calendar year is exactly
 * 1 and a period crossing New Year counts each part against its own year
 * length (2024-07-01..2025-07-01 is 184/366 + 181/365, slightly below 1).
 */
function yearShareNumerator(fromDay: number, toDay: number, fromYear: number, toYear: number): number {
  let numerator = 0;
  for (let year = fromYear; year <= toYear; year++) {
    const start = Math.max(fromDay, startOfYear(year));
    const end = Math.min(toDay, startOfYear(year + 1));
    if (end <= start) continue;
    // A day in a leap year is 1/366 = 365/(365×366); otherwise 366/(365×366).
    numerator += (end - start) * (isLeapYear(year) ? 365 : 366);
  }
  return numerator;
}

/**
 * Expected kWh for the days from `from` (inclusive) to `to` (exclusive), in
 * whole kWh (round half up): expectedYearly × Σ days / days-in-that-year,
 * with days in leap years weighing 1/366 and others 1/365 (see
 * `yearShareNumerator`). 25 000 kWh/year over 2025-01-01..2025-04-01 (90 days)
 * → 6 164; any full calendar year → the yearly figure.
 *
 * Rounding each period on its own means consecutive periods need not add up
 * to the yearly figure (the four quarters of 2025 give 24 999 for 25 000);
 * use `splitAcontoByQuarters` when the parts must sum exactly.
 */
export function acontoForPeriod(expectedYearlyKWh: number, from: string, to: string): number {
  requireExpectedYearly(expectedYearlyKWh);
  const start = parseIsoDate(from, "Period start");
  const end = parseIsoDate(to, "Period end");
  if (end.day <= start.day) {
    throw new RangeError(`Period end ${to} must be after period start ${from}`);
  }
  const numerator = yearShareNumerator(start.day, end.day, start.year, end.year);
  // One multiplication and one division: for whole-kWh inputs the quotient is
  // the correctly rounded exact fraction, so exact halves round as intended.
  return roundHalfUp((expectedYearlyKWh * numerator) / LEAP_COMMON_DENOMINATOR);
}

/**
 * The yearly figure (rounded half up to whole kWh) split over the four
 * calendar quarters of `year` in proportion to their days, in whole kWh that
 * add up exactly to the yearly figure. Largest remainder: every quarter gets
 * the floor of its exact share, and the kWh left over go one each to the
 * quarters with the largest fractional parts (earlier quarter first on a tie).
 * A quarter may therefore be one kWh above `acontoForPeriod` for the same
 * days: 25 000 in 2025 → [6 165, 6 233, 6 301, 6 301], whereas rounding alone
 * gives 6 164 for Q1 and a total of 24 999.
 */
export function splitAcontoByQuarters(expectedYearlyKWh: number, year: number): number[] {
  requireExpectedYearly(expectedYearlyKWh);
  if (!Number.isInteger(year) || year < 100 || year > 9999) {
    throw new RangeError(`Year must be a whole number 100–9999, got ${String(year)}`);
  }
  const total = roundHalfUp(expectedYearlyKWh);
  const daysInYear = isLeapYear(year) ? 366 : 365;
  const quarterStarts = [0, 3, 6, 9, 12].map((month) => Date.UTC(year, month, 1) / MS_PER_DAY);

  // Integer arithmetic (total is whole) so remainders compare exactly.
  const parts = [0, 1, 2, 3].map((quarter) => {
    const days = quarterStarts[quarter + 1] - quarterStarts[quarter];
    const scaled = total * days;
    const remainder = scaled % daysInYear;
    return { quarter, kWh: (scaled - remainder) / daysInYear, remainder };
  });

  let leftover = total - parts.reduce((sum, part) => sum + part.kWh, 0);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.quarter - b.quarter);
  for (const part of byRemainder) {
    if (leftover === 0) break;
    part.kWh += 1;
    leftover -= 1;
  }
  return parts.map((part) => part.kWh);
}
