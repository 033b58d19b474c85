// Formatting of invoice figures on the invoice pages: exact decimal strings as stored, with the
// locale's separators (Intl reads the decimal string as written, so nothing is rounded twice).
import { formatUnitPrice as unitPriceText } from "@/domain/billing/unit-price";
import { addDays } from "@/domain/time/zoned";
import { formatDate } from "@/lib/format";

const intl = (locale: string) => (locale === "en" ? "en-GB" : "sv-SE");
const formats = new Map<string, Intl.NumberFormat>();

/** "1054.000" → "1 054", "0.5161" → "0,5161", with between `min` and `max` decimals. */
export function formatDecimal(value: string, locale: string, min = 0, max = 4): string {
  const key = `${locale}:${min}:${max}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(intl(locale), { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f.format(value as unknown as number);
}

type Translate = (key: string) => string;

/**
 * A line's unit price as on Nordic bills: energy per kWh in minor units ("86,63 öre/kWh"), fees
 * per month, day, kW or m³ in major units ("49,00 kr/mån").
 */
export function formatUnitPrice(line: { unit: string; unitPriceMinor: string }, currency: string, locale: string, t: Translate): string {
  return unitPriceText(line, currency, {
    decimal: (value, min, max) => formatDecimal(value, locale, min, max),
    unit: (unit) => unitLabel(unit, t),
    minorUnit: (c) => t(`minorUnit.${c}`),
    majorUnit: (c) => t(`majorUnit.${c}`),
  });
}

export function unitLabel(unit: string, t: Translate): string {
  return ["kWh", "kW", "month", "day", "m³"].includes(unit) ? t(`units.${unit}`) : unit;
}

/** A period with an exclusive end, written with its last day. */
export function periodDates(from: string, toExclusive: string, locale: string): { from: string; to: string } {
  return { from: formatDate(from, locale), to: formatDate(addDays(toExclusive, -1), locale) };
}

/** A price in minor units per kWh with two decimals: "86,63 öre/kWh". */
export function formatKwhPrice(value: string, currency: string, locale: string, t: Translate): string {
  return `${formatDecimal(value, locale, 2, 2)} ${t(`minorUnit.${currency}`)}/kWh`;
}
