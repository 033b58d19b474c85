import { fail, isAfterToday, isoDate, isValidCalendarDate, matchFields, ok, type IdentityResult } from "./common";
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
 * For the 10-digit form the century is implied by the separator.
 * Folkbokföringslagen (1991:481) 18 § second paragraph: the hyphen "byts mot
 * ett plustecken det år en person fyller 100 år", so "+" means the person
 * turns 100 this calendar year or is older, whether or not the birthday has
 * passed: born in or before (this year − 100). With "-" (or no separator) the
 * birth date is the most recent one not after `today`. `today` is read in UTC
 * so the result does not depend on the server's timezone.
 *
 * The birth number (födelsenummer, the three digits after the date) is one of
 * 001–999 (Skatteverket, Rättslig vägledning "Personnummer"): 000 is refused.
 */
export function parseSwedishPersonnummer(
  input: string,
  today: Date = new Date(),
): IdentityResult<SwedishPersonnummer> {
  const fields = matchFields(input.trim(), PERSONNUMMER);
  if (!fields.ok) return fields;
  const [centuryPart = "", yy = "", mm = "", dd = "", separator = "", serial = ""] = fields.value;
  // "+" only makes sense where the century is implied; with an explicit
  // century it would contradict the digits, so refuse to guess.
  if (centuryPart !== "" && separator === "+") return fail("format");

  const month = Number(mm);
  const dayField = Number(dd);
  const isSamordning = dayField > SAMORDNING_DAY_OFFSET;
  const day = isSamordning ? dayField - SAMORDNING_DAY_OFFSET : dayField;

  const todayYear = today.getUTCFullYear();
  const mostRecentYearEndingIn = (twoDigitYear: number, notAfter: number): number =>
    notAfter - ((((notAfter - twoDigitYear) % 100) + 100) % 100);

  let year: number;
  if (centuryPart !== "") {
    year = Number(centuryPart + yy);
  } else if (separator === "+") {
    // The calendar year decides, not the birthday: someone born in December
    // 1926 writes "+" from 1 January 2026.
    year = mostRecentYearEndingIn(Number(yy), todayYear - 100);
  } else {
    year = mostRecentYearEndingIn(Number(yy), todayYear);
    // A "-" for someone born later this year is a birthday a century ago
    // (strictly they should write "+" by now, but no other reading exists).
    if (isAfterToday(year, month, day, today)) year -= 100;
  }

  // The century must be known before checking the date: 29 Feb 1900 is not a
  // date but 29 Feb 2000 is.
  if (!isValidCalendarDate(year, month, day)) return fail("date");
  if (isAfterToday(year, month, day, today)) return fail("date");
  if (serial.startsWith("000")) return fail("serial");

  // The check digit is defined over the 10-digit form only.
  if (!isLuhnValid(yy + mm + dd + serial)) return fail("checksum");

  return ok({
    normalized: `${year}${mm}${dd}${serial}`,
    kind: isSamordning ? "samordningsnummer" : "personnummer",
    birthDate: isoDate(year, month, day),
  });
}

/**
 * The first digit ("gruppnummer") of an organisationsnummer names the kind of
 * legal person (Skatteverket, SKV 709 "Organisationsnummer"; lag (1974:174) om
 * identitetsbeteckning för juridiska personer): 1 dödsbon, 2 stat, regioner,
 * kommuner och församlingar, 3 utländska företag, 5 aktiebolag, 6 enkla bolag,
 * 7 ekonomiska föreningar och bostadsrättsföreningar, 8 ideella föreningar och
 * stiftelser, 9 handelsbolag och kommanditbolag. 0 and 4 are not used.
 */
const ORGANISATION_GROUPS: ReadonlySet<string> = new Set(["1", "2", "3", "5", "6", "7", "8", "9"]);

/** Parses a Swedish organisationsnummer (legal entities, not sole traders). */
export function parseSwedishOrganisationsnummer(
  input: string,
): IdentityResult<SwedishOrganisationsnummer> {
  const fields = matchFields(input.trim(), ORGANISATIONSNUMMER);
  if (!fields.ok) return fields;
  const [firstSix = "", lastFour = ""] = fields.value;
  const digits = `${firstSix}${lastFour}`;
  // Digits 3–4 form a number >= 20 (a "month" no date has) so an
  // organisationsnummer can never be mistaken for a personnummer; a lower
  // third digit means it is not one.
  if (Number(digits[2]) < 2) return fail("format");
  if (!ORGANISATION_GROUPS.has(digits[0] ?? "")) return fail("group");
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
