/**
 * Amounts typed by people in major units ("1 234,50", "1234.5", "-80") → exact integer minor units.
 * No floating point: the digits are joined as text and read as an integer, so "0,29" is 29 öre and
 * never 28.999….
 */

export type AmountInputResult = { ok: true; minor: number } | { ok: false; reason: "FORMAT" | "DECIMALS" | "TOO_LARGE" };

// Spaces, no-break spaces and the narrow no-break space Intl uses for grouping in sv-SE and fi-FI.
const GROUPING = /[\s\u00a0\u202f']/g;
// Up to 12 digits of whole units: far above any invoice, far below Number.MAX_SAFE_INTEGER in minor units.
const MAX_WHOLE_DIGITS = 12;

/**
 * Reads an amount in major units with a decimal comma or point and at most two decimals; spaces
 * between digit groups are allowed, and a leading minus (credit notes are negative). Text with
 * both a comma and a point is refused rather than guessed ("1,234.50" vs "1.234,50").
 */
export function parseMajorAmount(text: string): AmountInputResult {
  const compact = text.trim().replace(GROUPING, "").replace(/^\u2212/, "-");
  if (compact.includes(",") && compact.includes(".")) return { ok: false, reason: "FORMAT" };
  const match = /^([+-]?)(\d+)(?:[.,](\d*))?$/.exec(compact) ?? /^([+-]?)()[.,](\d+)$/.exec(compact);
  if (!match) return { ok: false, reason: "FORMAT" };
  const [, sign, whole = "", fraction = ""] = match;
  if (fraction.length > 2) return { ok: false, reason: "DECIMALS" };
  const digits = whole.replace(/^0+(?=\d)/, "");
  if (digits.length > MAX_WHOLE_DIGITS) return { ok: false, reason: "TOO_LARGE" };
  const minor = Number(`${digits || "0"}${fraction.padEnd(2, "0")}`);
  return { ok: true, minor: sign === "-" && minor !== 0 ? -minor : minor };
}
