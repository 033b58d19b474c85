import { fail, isAfterToday, isoDate, isValidCalendarDate, matchFields, ok, weightedDigitSum, type IdentityResult } from "./common";

export interface FinnishHenkilotunnus {
  /** 11 characters, DDMMYYCZZZQ, uppercase. */
  normalized: string;
  birthDate: string;
}

export interface FinnishYTunnus {
  /** NNNNNNN-C. */
  normalized: string;
}

const HETU = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;
const HETU_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";
// Since 2023 several signs exist per century so that the pool of numbers per
// birth date is larger; they are otherwise equivalent.
const HETU_CENTURY: Readonly<Record<string, number>> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};
// DVV (Digi- ja väestötietovirasto): individual numbers are given from
// 002–899; 000 and 001 are never used, 900–999 are temporary ids.
const HETU_MIN_INDIVIDUAL = 2;
const HETU_MAX_INDIVIDUAL = 899;

const Y_TUNNUS = /^(\d{6,7})-(\d)$/;
const Y_TUNNUS_WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Parses a Finnish henkilötunnus (hetu). Individual numbers 900–999 are
 * temporary ids from healthcare and similar and are rejected as
 * "unsupported" rather than "format" because they are genuine ids; 000 and
 * 001 are never issued ("serial"). A birth date after `today` (UTC) is
 * refused, as for Swedish numbers.
 */
export function parseFinnishHenkilotunnus(
  input: string,
  today: Date = new Date(),
): IdentityResult<FinnishHenkilotunnus> {
  const normalized = input.trim().toUpperCase();
  const fields = matchFields(normalized, HETU);
  if (!fields.ok) return fields;
  const [dd = "", mm = "", yy = "", sign = "", individual = "", check = ""] = fields.value;
  const century = HETU_CENTURY[sign];
  if (century === undefined) return fail("format");

  const year = century + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (!isValidCalendarDate(year, month, day)) return fail("date");
  if (isAfterToday(year, month, day, today)) return fail("date");

  const individualNumber = Number(individual);
  if (individualNumber < HETU_MIN_INDIVIDUAL) return fail("serial");
  if (individualNumber > HETU_MAX_INDIVIDUAL) return fail("unsupported");

  // 9 digits stay well below 2^53, so plain number arithmetic is exact.
  const expected = HETU_CHECK_CHARS[Number(dd + mm + yy + individual) % 31];
  if (check !== expected) return fail("checksum");

  return ok({ normalized, birthDate: isoDate(year, month, day) });
}

/**
 * Parses a Finnish Y-tunnus (business id). Ids issued before 1991 may be
 * written with 6 digits; they are the same id with a leading zero.
 */
export function parseFinnishYTunnus(input: string): IdentityResult<FinnishYTunnus> {
  const fields = matchFields(input.trim(), Y_TUNNUS);
  if (!fields.ok) return fields;
  const [shortOrFullBody = "", checkDigit = ""] = fields.value;
  const body = shortOrFullBody.padStart(7, "0");
  const check = Number(checkDigit);
  const remainder = weightedDigitSum(Y_TUNNUS_WEIGHTS, body) % 11;
  // Remainder 1 yields 10, which no single digit matches: such bodies are
  // never issued, so any check digit typed for them is a checksum error.
  const expected = remainder === 0 ? 0 : 11 - remainder;
  if (check !== expected) return fail("checksum");
  return ok({ normalized: `${body}-${check}` });
}
