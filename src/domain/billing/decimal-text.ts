/**
 * Decimal strings as the invoice stores and shows them. PostgreSQL prints numerics with the
 * column's scale ("25.00", "412.345000"); these give them back in the form rating wrote them.
 */

import { formatMicro, parseDecimal } from "./money";

/** Already normal: no sign but "-", no leading zero, 1–6 decimals without a trailing zero, at most 9 digits before the point. */
const CANONICAL = /^-?(?:0|[1-9]\d{0,8})(?:\.\d{0,5}[1-9])?$/;

/**
 * Normalised decimal text, exactly (at most 6 decimals, as every decimal column and rating has):
 * "25.00" → "25", "12.500000" → "12.5", "-0.000" → "0", "+019" → "19". Throws MoneyError on a
 * malformed decimal, naming `what`. The one decimal normaliser of billing.
 */
export function normalizeDecimal(text: string, what = "decimal"): string {
  // Most texts are already normal (rating writes them so, and a run normalises every line a few
  // times): those are returned as they are, without parsing.
  if (CANONICAL.test(text) && text !== "-0") return text;
  return formatMicro(parseDecimal(text, what));
}

/** An energy quantity with exactly 3 decimals, as rating writes it: "412.345000" → "412.345". */
export function milliText(text: string): string {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const out = `${whole}.${fraction.padEnd(3, "0").slice(0, 3)}`;
  return negative && !/^0\.000$/.test(out) ? `-${out}` : out;
}
