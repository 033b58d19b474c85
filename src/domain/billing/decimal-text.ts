/**
 * Decimal strings as the invoice stores and shows them. PostgreSQL prints numerics with the
 * column's scale ("25.00", "412.345000"); these give them back in the form rating wrote them.
 */

/** Normalised decimal text: "25.00" → "25", "12.500000" → "12.5", "-0.000" → "0". */
export function normalizeDecimal(text: string): string {
  if (!text.includes(".")) return text;
  const t = text.replace(/0+$/, "").replace(/\.$/, "");
  return t === "-0" ? "0" : t;
}

/** An energy quantity with exactly 3 decimals, as rating writes it: "412.345000" → "412.345". */
export function milliText(text: string): string {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const out = `${whole}.${fraction.padEnd(3, "0").slice(0, 3)}`;
  return negative && !/^0\.000$/.test(out) ? `-${out}` : out;
}
