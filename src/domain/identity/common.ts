/**
 * Shared result and date helpers for the identity module. Kept in its own file
 * (rather than index.ts) so the scheme parsers do not import the barrel that
 * re-exports them.
 */

/**
 * Why a national id or metering point id was rejected. Deliberately coarse so
 * the UI can map each value to one translated message:
 * - "empty": nothing but whitespace was entered
 * - "format": wrong length, characters, separators or impossible field values
 * - "date": the embedded birth date does not exist (Feb 30, month 13, future)
 * - "serial": the birth/individual number after the date is one that is never
 *   issued (Swedish födelsenummer 000, Finnish yksilönumero 000 and 001)
 * - "group": a Swedish organisationsnummer whose first digit is no
 *   Skatteverket group (0 and 4 are not used)
 * - "checksum": the check digit/character does not match (usually a typo)
 * - "unsupported": a real but not acceptable identifier (e.g. Finnish
 *   temporary hetu 900–999) or an unknown market
 */
export type IdentityErrorReason = "empty" | "format" | "date" | "serial" | "group" | "checksum" | "unsupported";

export type IdentityResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: IdentityErrorReason };

export function ok<T>(value: T): IdentityResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: IdentityErrorReason): IdentityResult<T> {
  return { ok: false, reason };
}

/**
 * Calendar check via Date.UTC round-trip. UTC avoids DST/timezone shifts that
 * could move a local midnight into the neighbouring day. Years below 100 are
 * rejected because Date.UTC silently maps them to 19xx.
 */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * True when the calendar date is after `today`'s date in UTC, i.e. the person
 * would not be born yet. One rule for every scheme, so Swedish, Danish and
 * Finnish numbers refuse a future birth date alike; UTC keeps the answer
 * independent of the server's time zone.
 */
export function isAfterToday(year: number, month: number, day: number, today: Date): boolean {
  const todayYear = today.getUTCFullYear();
  const todayMonth = today.getUTCMonth() + 1;
  const todayDay = today.getUTCDate();
  return (
    year > todayYear ||
    (year === todayYear && (month > todayMonth || (month === todayMonth && day > todayDay)))
  );
}

/**
 * The first steps every scheme parser takes: blank text is "empty", text the pattern does not match
 * is "format", otherwise the pattern's capture groups ("" for a group that took no part). Each parser
 * prepares its text first (trimmed, upper-cased or without spaces) as its scheme is written.
 */
export function matchFields(text: string, pattern: RegExp): IdentityResult<string[]> {
  if (text === "") return fail("empty");
  const match = pattern.exec(text);
  if (!match) return fail("format");
  return ok(match.slice(1).map((group) => group ?? ""));
}

/** Σ weight × digit over the weights' length: the mod-11 checks of CVR and Y-tunnus. */
export function weightedDigitSum(weights: readonly number[], digits: string): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += (weights[i] ?? 0) * Number(digits[i]);
  }
  return sum;
}
