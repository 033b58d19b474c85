/**
 * A line's unit price as Nordic bills print it: energy and volume per kWh in minor units
 * ("86,63 öre/kWh", "6,10 snt/kWh"), fees per month, day, kW or m³ in major units ("49,00 kr/mån").
 * One rule for the invoice page and the PDF; each passes its own number formatting and words.
 */

import { PRICE_SCALE, formatFraction, parseDecimal } from "./money";

export interface UnitPriceWords {
  /** An exact decimal string with between `min` and `max` decimals, in the reader's locale. */
  decimal(value: string, min: number, max: number): string;
  unit(unit: string): string;
  minorUnit(currency: string): string;
  majorUnit(currency: string): string;
}

/** Minor units per unit → major units per unit, exactly ("30000" öre → "300"). */
function minorToMajor(value: string): string {
  return formatFraction(parseDecimal(value, "unit price"), PRICE_SCALE * 100n, 6, "trim");
}

export function formatUnitPrice(line: { unit: string; unitPriceMinor: string }, currency: string, w: UnitPriceWords): string {
  const unit = w.unit(line.unit);
  if (line.unit === "kWh") return `${w.decimal(line.unitPriceMinor, 2, 4)} ${w.minorUnit(currency)}/${unit}`;
  return `${w.decimal(minorToMajor(line.unitPriceMinor), 2, 4)} ${w.majorUnit(currency)}/${unit}`;
}
