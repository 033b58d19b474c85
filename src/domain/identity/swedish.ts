import { fail, isoDate, isValidCalendarDate, ok, type IdentityResult } from "./common";
import { isLuhnValid } from "./luhn";

export interface SwedishPersonnummer {
  /** 12 digits, YYYYMMDDXXXX; samordningsnummer keep their day + 60. */
  normalized: string;
  kind: "personnummer" | "samordningsnummer";
  /** Real birth date (day − 60 already applied for samordningsnummer). */
  birthDate: string;
}

export interface SwedishOrganisationsnummer {
  /** 10 digits, NNNNNNNNNN. */
  normalized: string;
  kind: "organisationsnummer";
}

export type SwedishCustomerId = SwedishPersonnummer | SwedishOrganisationsnummer;

// Optional century, 6-digit date, optional separator, 4 digits (birth number + check).
const PERSONNUMMER = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;
// The 12-digit form of an organisationsnummer is prefixed "16" (used e.g. by
// Skatteverket's APIs to give all ids the same length as a personnummer).
const ORGANISATIONSNUMMER = /^(?:16)?(\d{6})-?(\d{4})$/;

const SAMORDNING_DAY_OFFSET = 60;

/**
 * Parses a Swedish personnummer or samordningsnummer.
 *
 * For the 10-digit form the century is implied: with "-" the person is at most
 * 99 years old on `today`, with "+" they are 100 or older. `today` is read in
 * UTC so the result does not depend on the server's timezone.
 */
export function parseSwedishPersonnummer(
  input: string,
  today: Date = new Date(),
): IdentityResult<SwedishPersonnummer> {
  const trimmed = input.trim();
  if (trimmed === "") return fail("empty");
  const match = PERSONNUMMER.exec(trimmed);
  if (!match) return fail("format");
  const centuryPart = match[1] ?? "";
  const yy = match[2] ?? "";
  const mm = match[3] ?? "";
  const dd = match[4] ?? "";
  const separator = match[5] ?? "";
  const serial = match[6] ?? "";
  // "+" only makes sense where the century is implied; with an explicit
  // century it would contradict the digits, so refuse to guess.
  if (centuryPart !== "" && separator === "+") return fail("format");

  const month = Number(mm);
  const dayField = Number(dd);
  const isSamordning = dayField > SAMORDNING_DAY_OFFSET;
  const day = isSamordning ? dayField - SAMORDNING_DAY_OFFSET : dayField;

  const todayYear = today.getUTCFullYear();
  const todayMonth = today.getUTCMonth() + 1;
  const todayDay = today.getUTCDate();
  const birthIsAfterToday = (year: number): boolean =>
    year > todayYear ||
    (year === todayYear && (month > todayMonth || (month === todayMonth && day > todayDay)));

  let year: number;
  if (centuryPart !== "") {
    year = Number(centuryPart + yy);
  } else {
    const twoDigitYear = Number(yy);
    // Most recent year ending in yy that is not after this year…
    year = todayYear - ((((todayYear - twoDigitYear) % 100) + 100) % 100);
    // …stepping back a century if the birthday has not happened yet, so the
    // person is never born in the future and never older than 99.
    if (birthIsAfterToday(year)) year -= 100;
    if (separator === "+") year -= 100;
  }

  // The century must be known before checking the date: 29 Feb 1900 is not a
  // date but 29 Feb 2000 is.
  if (!isValidCalendarDate(year, month, day)) return fail("date");
  if (birthIsAfterToday(year)) return fail("date");

  // The check digit is defined over the 10-digit form only.
  if (!isLuhnValid(yy + mm + dd + serial)) return fail("checksum");

  return ok({
    normalized: `${year}${mm}${dd}${serial}`,
    kind: isSamordning ? "samordningsnummer" : "personnummer",
    birthDate: isoDate(year, month, day),
  });
}

/** Parses a Swedish organisationsnummer (legal entities, not sole traders). */
export function parseSwedishOrganisationsnummer(
  input: string,
): IdentityResult<SwedishOrganisationsnummer> {
  const trimmed = input.trim();
  if (trimmed === "") return fail("empty");
  const match = ORGANISATIONSNUMMER.exec(trimmed);
  if (!match) return fail("format");
  const digits = `${match[1] ?? ""}${match[2] ?? ""}`;
  // Digits 3–4 are a "month" >= 20 so an organisationsnummer can never be
  // mistaken for a personnummer; a lower digit means it is not one.
  if (Number(digits[2]) < 2) return fail("format");
  if (!isLuhnValid(digits)) return fail("checksum");
  return ok({ normalized: digits, kind: "organisationsnummer" });
}

/**
 * Parses a Swedish customer id: a company's organisationsnummer, or the
 * personnummer a sole trader (enskild firma) uses as its organisation number.
 */
export function parseSwedishCustomerId(
  input: string,
  today: Date = new Date(),
): IdentityResult<SwedishCustomerId> {
  const organisation = parseSwedishOrganisationsnummer(input);
  if (organisation.ok) return organisation;
  // A non-"format" failure means the input had the shape of an
  // organisationsnummer (e.g. a typo in the check digit); that reason is more
  // useful to the user than whatever the personnummer parser would say.
  if (organisation.reason !== "format") return organisation;
  return parseSwedishPersonnummer(input, today);
}
