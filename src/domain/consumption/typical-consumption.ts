/**
 * Normal (typical) household electricity use, to compare a home's consumption with (seed 000: "Vad
 * är normal elförbrukning? Lägenhet / Villa").
 *
 * Yearly figures are the round numbers Energimarknadsbyrån uses in its price comparisons of
 * "normal elförbrukning" (energimarknadsbyran.se, approximate, households in Sweden):
 *   - lägenhet (flat), household electricity only            ≈  2 000 kWh/year
 *   - villa utan elvärme (house heated otherwise)            ≈  5 000 kWh/year
 *   - villa med elvärme (house with electric heating)        ≈ 20 000 kWh/year
 * They are reference points, not forecasts; the page says so.
 *
 * The monthly shares are our own approximation of the seasonal shape: households use somewhat more
 * in the dark months (lighting, cooking, being at home), and an electrically heated house follows
 * the heating season strongly. Each profile's twelve shares sum to 1, so a calendar year of typical
 * consumption is exactly the yearly figure. A day gets its month's share spread evenly over the days
 * of the month; an hour gets the day's value spread evenly over the hours of the local day (no
 * daily load shape: the comparison is meant for months and days).
 */

export type TypicalProfile = "flat" | "house" | "houseElectricHeating";

export const TYPICAL_PROFILES: readonly TypicalProfile[] = ["flat", "house", "houseElectricHeating"];

export const TYPICAL_YEARLY_KWH: Readonly<Record<TypicalProfile, number>> = {
  flat: 2_000,
  house: 5_000,
  houseElectricHeating: 20_000,
};

// Relative weights January…December; normalized below so the shares sum to exactly 1.
const MONTHLY_WEIGHTS: Readonly<Record<TypicalProfile, readonly number[]>> = {
  flat: [10.2, 9.2, 8.9, 7.9, 7.4, 6.8, 6.6, 7.0, 7.7, 8.6, 9.6, 10.1],
  house: [10.6, 9.5, 9.1, 8.0, 7.2, 6.4, 6.2, 6.7, 7.5, 8.6, 9.8, 10.4],
  houseElectricHeating: [14.5, 13.0, 11.5, 8.0, 5.5, 4.0, 3.5, 4.0, 5.5, 8.0, 10.5, 12.0],
};

function normalize(weights: readonly number[]): readonly number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => w / total);
  // Put the rounding remainder on December so the sum is exactly 1 in floating point as well.
  const rest = 1 - shares.slice(0, 11).reduce((a, b) => a + b, 0);
  shares[11] = rest;
  return Object.freeze(shares);
}

/** Share of the year's typical consumption per month, index 0 = January; each profile sums to 1. */
export const TYPICAL_MONTHLY_SHARES: Readonly<Record<TypicalProfile, readonly number[]>> = {
  flat: normalize(MONTHLY_WEIGHTS.flat),
  house: normalize(MONTHLY_WEIGHTS.house),
  houseElectricHeating: normalize(MONTHLY_WEIGHTS.houseElectricHeating),
};

export function isTypicalProfile(value: unknown): value is TypicalProfile {
  return typeof value === "string" && (TYPICAL_PROFILES as readonly string[]).includes(value);
}

/** The profile matching an installation's dwelling type ("flat", "house"); null when unknown. */
export function profileForDwelling(dwellingType: string | null | undefined): TypicalProfile | null {
  if (dwellingType === "flat") return "flat";
  if (dwellingType === "house") return "house";
  return null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function parts(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Typical kWh of a calendar month (month 1–12). */
export function typicalMonthKwh(profile: TypicalProfile, month: number): number {
  const share = TYPICAL_MONTHLY_SHARES[profile][month - 1];
  if (share === undefined) throw new RangeError(`Month must be 1–12, got ${month}`);
  return TYPICAL_YEARLY_KWH[profile] * share;
}

/** Typical kWh of one local calendar day (YYYY-MM-DD): the month's share spread over its days. */
export function typicalDayKwh(profile: TypicalProfile, date: string): number {
  const { year, month } = parts(date);
  return typicalMonthKwh(profile, month) / daysInMonth(year, month);
}

/**
 * Typical kWh over local calendar days [from, toExclusive): the sum of the days' values. A whole
 * calendar year gives exactly the yearly figure (up to rounding), a whole month its month's share.
 */
export function typicalPeriodKwh(profile: TypicalProfile, from: string, toExclusive: string): number {
  const start = parts(from);
  const end = parts(toExclusive);
  let total = 0;
  // Walk month by month: whole months at once, partial months by their days.
  let y = start.year;
  let m = start.month;
  let d = start.day;
  const endIndex = end.year * 12 + end.month - 1;
  while (y * 12 + m - 1 <= endIndex) {
    const dim = daysInMonth(y, m);
    const lastExclusive = y * 12 + m - 1 === endIndex ? end.day : dim + 1;
    const days = Math.max(0, lastExclusive - d);
    total += (typicalMonthKwh(profile, m) * days) / dim;
    d = 1;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return total;
}

export type TypicalGranularity = "hour" | "day" | "month" | "year";

/**
 * Typical kWh of a bucket that starts at a local wall time (`YYYY-MM-DDTHH:mm`, as buckets carry
 * it). Years and months are whole calendar periods; a day is the local day; an hour is 1/24 of
 * its day (1/23 or 1/25 would only move a few watt-hours around on the two DST days).
 */
export function typicalBucketKwh(profile: TypicalProfile, localStart: string, granularity: TypicalGranularity): number {
  const { month } = parts(localStart);
  switch (granularity) {
    case "year":
      return TYPICAL_YEARLY_KWH[profile];
    case "month":
      return typicalMonthKwh(profile, month);
    case "day":
      return typicalDayKwh(profile, localStart.slice(0, 10));
    case "hour":
      return typicalDayKwh(profile, localStart.slice(0, 10)) / 24;
    default:
      throw new RangeError(`Unknown granularity ${String(granularity)}`);
  }
}
