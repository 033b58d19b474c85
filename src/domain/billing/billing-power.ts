/**
 * The billed power of a district heating or cooling installation. Pure TypeScript.
 *
 * The data model has no contracted power per installation, so the power price of a DH list
 * (price per kW and year, billed monthly pro rata by the rating) is applied to the period's
 * HIGHEST DAILY MEAN POWER: max over the local days of the period of (the day's kWh / the day's
 * hours), in kW rounded half up to one decimal — the common Swedish "högsta dygnsmedeleffekt"
 * basis, taken per billing period. The day is reported so the bill can say which day set it.
 * (A contracted power column on the installation would replace this; docs/decisions/008-billing-runs.md.)
 */

import { localDays } from "../time/zoned";

export interface BillingPower {
  /** kW with one decimal, e.g. "12.4". */
  kW: string;
  /** Local date of the day with the highest mean power. */
  date: string;
}

/**
 * Highest daily mean power over [from, to) of a consumption series (kWh per interval from local
 * midnight of `from`, every interval present). Days are cut at local midnights, so a 25-hour day's
 * energy is divided by 25. Null for an empty period.
 */
export function highestDailyMeanPower(
  values: ArrayLike<number>,
  period: { from: string; to: string },
  timeZone: string,
  resolution: "PT15M" | "PT1H",
): BillingPower | null {
  const perHour = resolution === "PT15M" ? 4 : 1;
  let at = 0;
  let best: { tenthsKW: number; date: string } | null = null;
  for (const day of localDays(period.from, period.to, timeZone)) {
    const intervals = Math.round(day.hours * perHour);
    // Whole Wh first (meter values have at most 3 decimals), so the mean is exact before rounding.
    let wh = 0;
    for (let k = 0; k < intervals; k++) wh += Math.round((values[at + k] ?? Number.NaN) * 1000);
    at += intervals;
    if (!Number.isFinite(wh)) continue;
    // kW to one decimal, half up: tenths = round(Wh / hours / 100).
    const tenths = Math.floor((wh / day.hours + 50) / 100);
    if (best === null || tenths > best.tenthsKW) best = { tenthsKW: tenths, date: day.date };
  }
  if (best === null) return null;
  return { kW: `${Math.floor(best.tenthsKW / 10)}.${best.tenthsKW % 10}`, date: best.date };
}
