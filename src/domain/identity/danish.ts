import { fail, isAfterToday, isoDate, isValidCalendarDate, matchFields, ok, weightedDigitSum, type IdentityResult } from "./common";

export interface DanishCpr {
  /** 10 digits, DDMMYYSSSS. */
  normalized: string;
  birthDate: string;
}

export interface DanishCvr {
  /** 8 digits. */
  normalized: string;
}

const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const CVR = /^(?:DK)?(\d{8})$/;
const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * The CPR encodes the century in the first serial digit (CPR-kontoret's
 * table), which lets one 2-digit year cover 1858–2057.
 */
function cprCentury(twoDigitYear: number, firstSerialDigit: number): number {
  if (firstSerialDigit <= 3) return 1900;
  if (firstSerialDigit === 4 || firstSerialDigit === 9) return twoDigitYear <= 36 ? 2000 : 1900;
  return twoDigitYear <= 57 ? 2000 : 1800;
}

/**
 * Parses a Danish CPR number. Modulus 11 is intentionally not checked: since
 * 2007 CPR numbers that fail it are issued, so the date is the only
 * structural check available. Positions 7–10 are a serial (løbenummer) with
 * no excluded values (CPR-kontoret, "Opbygning af CPR-nummeret"; BEK nr. 1153
 * af 23/11/2006 § 1), unlike the Swedish birth number 000. A birth date after
 * `today` (UTC) is refused, as for Swedish numbers.
 */
export function parseDanishCpr(input: string, today: Date = new Date()): IdentityResult<DanishCpr> {
  const fields = matchFields(input.trim(), CPR);
  if (!fields.ok) return fields;
  const [dd = "", mm = "", yy = "", serial = ""] = fields.value;
  const year = cprCentury(Number(yy), Number(serial[0])) + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (!isValidCalendarDate(year, month, day)) return fail("date");
  if (isAfterToday(year, month, day, today)) return fail("date");
  return ok({ normalized: `${dd}${mm}${yy}${serial}`, birthDate: isoDate(year, month, day) });
}

/**
 * Parses a Danish CVR number. The "DK" prefix and spaces are accepted because
 * customers often copy the VAT number ("DK 13 58 56 28") from an invoice.
 */
export function parseDanishCvr(input: string): IdentityResult<DanishCvr> {
  const fields = matchFields(input.replace(/\s+/g, "").toUpperCase(), CVR);
  if (!fields.ok) return fields;
  const [digits = ""] = fields.value;
  if (digits[0] === "0") return fail("format");
  if (weightedDigitSum(CVR_WEIGHTS, digits) % 11 !== 0) return fail("checksum");
  return ok({ normalized: digits });
}
