/**
 * Payment references printed on bills: Swedish Bankgiro OCR, Finnish national
 * reference (viitenumero), ISO 11649 RF creditor reference, the Finnish bank
 * bar code ("virtuaaliviivakoodi") and the Danish FI-kort +71 line.
 *
 * Generators throw `PaymentReferenceError` because their input comes from our
 * own billing data (customer or invoice numbers): a bad base is a bug or bad
 * master data that must not silently produce a reference the bank rejects.
 * Validators return booleans because their input is typed by people.
 */

import { isValidCalendarDate } from "../identity/common";
import { isLuhnValid, luhnCheckDigit } from "../identity/luhn";

type PaymentReferenceErrorCode =
  | "NOT_DIGITS"
  | "NOT_ALPHANUMERIC"
  | "TOO_LONG"
  | "TOO_SHORT"
  | "LEADING_ZERO"
  | "INVALID_IBAN"
  | "INVALID_REFERENCE"
  | "INVALID_AMOUNT"
  | "INVALID_DATE";

/**
 * Thrown for input that cannot become a valid reference. `code` is stable for
 * programs (and translations); `message` is plain English for logs and support.
 */
export class PaymentReferenceError extends Error {
  readonly code: PaymentReferenceErrorCode;

  constructor(code: PaymentReferenceErrorCode, message: string) {
    super(message);
    this.name = "PaymentReferenceError";
    this.code = code;
  }
}

const DIGITS = /^\d+$/;
// ASCII only, tested before uppercasing: toUpperCase maps some non-ASCII
// letters to ASCII ("ß" → "SS"), which would smuggle them past the check.
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
const WHITESPACE = /\s+/g;

/** People copy references as printed, in groups; the groups carry no meaning. */
function compact(input: string): string {
  return input.replace(WHITESPACE, "");
}

/**
 * Characters are checked before length so that "12a" reports the letter, not
 * a length that is only wrong because of it; empty input is "too short".
 */
function requireDigits(what: string, value: string, min: number, max: number): void {
  if (value.length > 0 && !DIGITS.test(value)) {
    throw new PaymentReferenceError(
      "NOT_DIGITS",
      `${what} must contain only digits 0–9, got ${JSON.stringify(value)}`,
    );
  }
  if (value.length < min) {
    throw new PaymentReferenceError(
      "TOO_SHORT",
      `${what} must be ${range(min, max)} digits, got ${value.length}`,
    );
  }
  if (value.length > max) {
    throw new PaymentReferenceError(
      "TOO_LONG",
      `${what} must be ${range(min, max)} digits, got ${value.length}`,
    );
  }
}

function range(min: number, max: number): string {
  return min === max ? String(min) : `${min}–${max}`;
}

// ---------------------------------------------------------------------------
// Swedish OCR (Bankgiro)

/** Bankgiro caps an OCR number at 25 digits including check and length digits. */
const OCR_MAX_LENGTH = 25;
/**
 * One base limit for both modes (25 minus length digit minus check digit), so
 * that a creditor can switch length-digit control on without base numbers
 * suddenly becoming too long.
 */
const OCR_MAX_BASE = 23;

/**
 * Bankgiro OCR number: `base`, optionally a length digit, then a Luhn check
 * digit. The length digit is the total length (itself and the check digit
 * included) mod 10 and is part of the Luhn sum, which is why it is inserted
 * before the check digit is computed. `123` → `1230`; with length digit
 * → `12351`.
 */
export function swedishOcr(base: string, options?: { lengthDigit?: boolean }): string {
  requireDigits("Swedish OCR base", base, 1, OCR_MAX_BASE);
  const payload = options?.lengthDigit === true ? `${base}${(base.length + 2) % 10}` : base;
  return `${payload}${luhnCheckDigit(payload)}`;
}

/**
 * True for 2–25 digits with a correct Luhn check digit (spaces ignored).
 *
 * Whether a creditor uses a length digit is an agreement between the creditor
 * and Bankgiro that the number itself does not reveal, so without knowing it
 * only Luhn can be verified. Numbers with a correct length digit pass too,
 * since the length digit is inside the Luhn sum. Use
 * `isValidSwedishOcrWithLength` when the creditor is known to use length
 * control.
 */
export function isValidSwedishOcr(ref: string): boolean {
  const digits = compact(ref);
  return digits.length >= 2 && digits.length <= OCR_MAX_LENGTH && isLuhnValid(digits);
}

/**
 * Like `isValidSwedishOcr`, and the second-to-last digit must equal the total
 * length mod 10. Needs at least 3 digits (one base digit, length, check).
 */
export function isValidSwedishOcrWithLength(ref: string): boolean {
  const digits = compact(ref);
  if (digits.length < 3 || !isValidSwedishOcr(digits)) return false;
  return Number(digits[digits.length - 2]) === digits.length % 10;
}

// ---------------------------------------------------------------------------
// Finnish national reference (viitenumero)

const FINNISH_WEIGHTS = [7, 3, 1] as const;

function finnishCheckDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    // Weights restart at 7 next to the check digit regardless of base length.
    sum += (base.charCodeAt(base.length - 1 - i) - 48) * FINNISH_WEIGHTS[i % 3];
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Finnish reference: `base` plus a 7-3-1 check digit; `12345` → `123453`.
 * The base must be 3–19 digits so the reference is 4–20 digits, and must not
 * start with 0: banks strip leading zeros, so a reference printed with one
 * would not match what arrives on the payment.
 */
export function finnishReference(base: string): string {
  requireDigits("Finnish reference base", base, 3, 19);
  if (base[0] === "0") {
    throw new PaymentReferenceError(
      "LEADING_ZERO",
      `Finnish reference base must not start with 0, got ${JSON.stringify(base)}`,
    );
  }
  return `${base}${finnishCheckDigit(base)}`;
}

/**
 * True for 4–20 digits without a leading zero whose last digit is the 7-3-1
 * check digit. Spaces are ignored because references are printed in groups of
 * five from the right ("12 34561").
 */
export function isValidFinnishReference(ref: string): boolean {
  const digits = compact(ref);
  if (digits.length < 4 || digits.length > 20 || !DIGITS.test(digits) || digits[0] === "0") {
    return false;
  }
  return finnishCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/**
 * The Finnish national reference a payment carries, as we print it, from the
 * forms bank files use: right-aligned with zeros to 20 digits (the fixed-width
 * field of bank statements and of the bar code, "00000000030000000422"), or an
 * RF creditor reference built on it (Finance Finland: RF + check digits +
 * national reference), with or without the zeros, spaces and in any case.
 * Leading zeros can be dropped safely because a national reference never
 * starts with one. Null when the input is neither.
 */
export function finnishNationalReferenceOf(ref: string): string | null {
  const compacted = compact(ref).toUpperCase();
  const body = /^RF/.test(compacted) ? (isValidRfReference(compacted) ? compacted.slice(4) : null) : compacted;
  if (body === null || !DIGITS.test(body)) return null;
  const national = body.replace(/^0+/, "");
  return isValidFinnishReference(national) ? national : null;
}

// ---------------------------------------------------------------------------
// RF creditor reference (ISO 11649) and the IBAN check (ISO 13616), which
// share ISO 7064 MOD 97-10.

/**
 * Remainder mod 97 of the number obtained by writing each digit as itself and
 * each letter as A=10…Z=35. Folding one decimal digit at a time keeps every
 * intermediate value below 970, so no BigInt is needed for 30+ digit numbers.
 */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const code = char.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    if (value >= 10) {
      remainder = (remainder * 10 + Math.floor(value / 10)) % 97;
      remainder = (remainder * 10 + (value % 10)) % 97;
    } else {
      remainder = (remainder * 10 + value) % 97;
    }
  }
  return remainder;
}

const RF_MAX_BODY = 21;

/**
 * RF creditor reference: `RF` + two check digits + `base` uppercased; the
 * check digits are 98 − (base + "RF00" mod 97). `2348231` → `RF712348231`.
 * Lowercase letters are accepted and uppercased because ISO 11649 treats the
 * reference case-insensitively; anything else but A–Z and 0–9 is rejected.
 */
export function rfReference(base: string): string {
  const body = base.toUpperCase();
  if (base.length === 0) {
    throw new PaymentReferenceError("TOO_SHORT", "RF reference base must be 1–21 characters, got 0");
  }
  if (!ALPHANUMERIC.test(base)) {
    throw new PaymentReferenceError(
      "NOT_ALPHANUMERIC",
      `RF reference base must contain only letters A–Z and digits 0–9, got ${JSON.stringify(base)}`,
    );
  }
  if (body.length > RF_MAX_BODY) {
    throw new PaymentReferenceError(
      "TOO_LONG",
      `RF reference base must be 1–21 characters, got ${body.length}`,
    );
  }
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, "0")}${body}`;
}

/**
 * True for `RF` + two check digits + 1–21 letters or digits where the
 * rearranged number (body + "RF" + check digits) is 1 mod 97. Spaces and case
 * are ignored (printed as "RF71 2348 231"). Check digits 00, 01 and 99 are
 * rejected although 01 and 99 can satisfy the mod-97 test: the algorithm
 * only ever produces 02–98, so such a reference was not issued by anyone.
 */
export function isValidRfReference(ref: string): boolean {
  const compacted = compact(ref);
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/i.test(compacted)) return false;
  const normalized = compacted.toUpperCase();
  const check = Number(normalized.slice(2, 4));
  if (check < 2 || check > 98) return false;
  return mod97(`${normalized.slice(4)}${normalized.slice(0, 4)}`) === 1;
}

/**
 * True for an IBAN (ISO 13616): country code, two check digits, a BBAN of
 * letters and digits; spaces and case ignored ("FI37 1590 3000 0007 76"), 15–34
 * characters. The rearranged number must be 1 mod 97 (ISO 7064 MOD 97-10) and
 * the check digits 02–98: 00, 01 and 99 can satisfy the mod-97 test (they are
 * 97, 98 and 2 plus or minus 97) but the standard's computation, 98 − remainder,
 * never yields them, so no bank issued such an IBAN. Where the country's own
 * account check is known it is verified too (Finland: `isValidFinnishIban`).
 */
export function isValidIban(iban: string): boolean {
  const compacted = compact(iban);
  if (!/^[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}$/.test(compacted)) return false;
  const normalized = compacted.toUpperCase();
  const check = Number(normalized.slice(2, 4));
  if (check < 2 || check > 98) return false;
  if (mod97(`${normalized.slice(4)}${normalized.slice(0, 4)}`) !== 1) return false;
  if (normalized.startsWith("FI")) return isValidFinnishBban(normalized);
  return true;
}

/**
 * Finnish IBAN: FI + 2 check digits + the account number in its 14-digit
 * machine format, which ends in the bank's own check digit. Every Finnish bank
 * group computes it with the Luhn (modulus 10, weights 2-1 from the right) over
 * the machine format (Federation of Finnish Financial Services / Finance
 * Finland, "The structure of Finnish bank account numbers"; the groups differ
 * only in where the short form is padded with zeros, 4 and 5 after the 7th
 * digit, the others after the 6th, which the machine format already has).
 */
export function isValidFinnishIban(iban: string): boolean {
  const normalized = compact(iban).toUpperCase();
  return /^FI\d{16}$/.test(normalized) && isValidIban(normalized);
}

function isValidFinnishBban(iban: string): boolean {
  return /^FI\d{16}$/.test(iban) && isLuhnValid(iban.slice(4));
}

// ---------------------------------------------------------------------------
// Finnish bank bar code (Finance Finland "Pankkiviivakoodi", versions 4 and 5)

/** 999 999.99 €: the amount field holds 6 euro digits and 2 cent digits. */
const BARCODE_MAX_CENTS = 99_999_999;

/**
 * The 54-digit content of the Finnish bank bar code (printed as Code 128C by
 * the PDF layer; this function only builds the digits).
 *
 * Version 4 (national reference): `4` + IBAN without `FI` (16) + amount in
 * cents (8) + `000` + reference right-aligned with zeros (20) + due YYMMDD.
 * Version 5 (RF reference): `5` + IBAN (16) + amount (8) + RF check digits (2)
 * + RF body right-aligned with zeros (21) + due YYMMDD.
 *
 * The version follows from the reference: one starting with "RF" selects
 * version 5. A null amount, or one above 999 999.99 €, is written as zeros, as
 * the guide prescribes, so the payer types the amount. A null due date is
 * written as 000000. Only numeric RF bodies fit, because the bar code is
 * numeric. The due date year must be 2000–2099 because YY cannot express any
 * other century unambiguously.
 */
export function finnishVirtualBarcode(input: {
  iban: string;
  amountCents: number | null;
  reference: string;
  dueDate: string | null;
}): string {
  const iban = compact(input.iban).toUpperCase();
  if (!isValidFinnishIban(iban)) {
    throw new PaymentReferenceError(
      "INVALID_IBAN",
      `IBAN must be a Finnish IBAN (FI + 16 digits) with a correct check, got ${JSON.stringify(input.iban)}`,
    );
  }

  const { amountCents } = input;
  if (amountCents !== null && (!Number.isSafeInteger(amountCents) || amountCents < 0)) {
    throw new PaymentReferenceError(
      "INVALID_AMOUNT",
      `Amount must be a whole number of cents ≥ 0 or null, got ${String(amountCents)}`,
    );
  }
  const amount =
    amountCents === null || amountCents > BARCODE_MAX_CENTS
      ? "00000000"
      : String(amountCents).padStart(8, "0");

  const due = barcodeDueDate(input.dueDate);
  const reference = compact(input.reference);
  const account = iban.slice(2);

  if (/^RF/i.test(reference)) {
    if (!isValidRfReference(reference)) {
      throw new PaymentReferenceError(
        "INVALID_REFERENCE",
        `Reference is not a valid RF creditor reference: ${JSON.stringify(input.reference)}`,
      );
    }
    const body = reference.slice(4);
    if (!DIGITS.test(body)) {
      throw new PaymentReferenceError(
        "INVALID_REFERENCE",
        `Only numeric RF references fit in a bank bar code, got ${JSON.stringify(input.reference)}`,
      );
    }
    return `5${account}${amount}${reference.slice(2, 4)}${body.padStart(21, "0")}${due}`;
  }

  if (!isValidFinnishReference(reference)) {
    throw new PaymentReferenceError(
      "INVALID_REFERENCE",
      `Reference is neither a valid Finnish reference nor an RF reference: ${JSON.stringify(input.reference)}`,
    );
  }
  return `4${account}${amount}000${reference.padStart(20, "0")}${due}`;
}

function barcodeDueDate(dueDate: string | null): string {
  if (dueDate === null) return "000000";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dueDate);
  if (
    match === null ||
    !isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
  ) {
    throw new PaymentReferenceError(
      "INVALID_DATE",
      `Due date must be a real date written YYYY-MM-DD, got ${JSON.stringify(dueDate)}`,
    );
  }
  const year = Number(match[1]);
  if (year < 2000 || year > 2099) {
    throw new PaymentReferenceError(
      "INVALID_DATE",
      `Due date must be in the years 2000–2099 to fit the bar code's YYMMDD, got ${dueDate}`,
    );
  }
  return `${match[1].slice(2)}${match[2]}${match[3]}`;
}

// ---------------------------------------------------------------------------
// Danish FI-kort +71

const FIK71_BASE_MAX = 14;

/**
 * FI-kort type 71 payment id: `base` left-padded with zeros to 14 digits and a
 * mod-10 check digit. FI-kort weights 2,1,2,1… from the right and adds the
 * digit sums of the products, which is exactly Luhn, so the shared Luhn code
 * is used. Padding comes first: leading zeros do not change a Luhn sum, but
 * the id must always be 15 digits. `1` → `000000000000018`.
 */
export function danishFik71(base: string): string {
  requireDigits("FI-kort +71 payment id base", base, 1, FIK71_BASE_MAX);
  const padded = base.padStart(FIK71_BASE_MAX, "0");
  return `${padded}${luhnCheckDigit(padded)}`;
}

/** True for exactly 15 digits with a correct Luhn check digit (spaces ignored). */
export function isValidDanishFik71(id: string): boolean {
  const digits = compact(id);
  return digits.length === FIK71_BASE_MAX + 1 && isLuhnValid(digits);
}

/**
 * The code line printed on a Danish FI-kort +71 payment slip:
 * `+71<` payment id `+` creditor number `<`, e.g.
 * `+71<000000000000018+12345678<`.
 */
export function danishFiLine(input: { paymentId: string; creditorNumber: string }): string {
  const paymentId = compact(input.paymentId);
  if (!isValidDanishFik71(paymentId)) {
    throw new PaymentReferenceError(
      "INVALID_REFERENCE",
      `FI-kort +71 payment id must be 15 digits with a correct check digit, got ${JSON.stringify(input.paymentId)}`,
    );
  }
  const creditorNumber = compact(input.creditorNumber);
  requireDigits("FI creditor number", creditorNumber, 8, 8);
  return `+71<${paymentId}+${creditorNumber}<`;
}
