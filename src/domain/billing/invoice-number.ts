/**
 * Invoice numbers and the payment reference printed with each invoice. Pure TypeScript.
 *
 * Invoice number: 10 digits, a market digit (SE 1, DK 2, FI 3) and a 9-digit running serial per
 * market ("1000000042"). Credit notes take numbers from the same series. Digits only, and never a
 * leading zero, so every national reference can be built from it.
 *
 * Payment reference, from the invoice number:
 * - SE: Bankgiro OCR with length digit and Luhn check digit (DOMAIN.md §3): 1000000042 → 12 digits.
 * - FI: Finnish national reference (viitenumero, 7-3-1 check digit): 11 digits.
 * - DK: FI-kort +71 payment id: the number left-padded to 14 digits + Luhn check digit = 15 digits.
 */

import { danishFik71, finnishNationalReferenceOf, finnishReference, isValidDanishFik71, isValidFinnishReference, isValidSwedishOcrWithLength, swedishOcr } from "./payment-references";
import type { Market } from "./price-list";

const INVOICE_NUMBER_PREFIX: Readonly<Record<Market, string>> = { SE: "1", DK: "2", FI: "3" };
const INVOICE_NUMBER_LENGTH = 10;
const SERIAL_DIGITS = INVOICE_NUMBER_LENGTH - 1;
const MAX_INVOICE_SERIAL = 10 ** SERIAL_DIGITS - 1;

export type PaymentReferenceScheme = "SE_OCR" | "FI_REFERENCE" | "DK_FIK71";

export const PAYMENT_REFERENCE_SCHEME: Readonly<Record<Market, PaymentReferenceScheme>> = {
  SE: "SE_OCR",
  FI: "FI_REFERENCE",
  DK: "DK_FIK71",
};

class InvoiceNumberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvoiceNumberError";
  }
}

function prefixOf(market: Market): string {
  const prefix = INVOICE_NUMBER_PREFIX[market];
  if (prefix === undefined) throw new InvoiceNumberError(`Unknown market ${JSON.stringify(market)}`);
  return prefix;
}

/** The invoice number of serial `serial` (1 … 999 999 999) in `market`: (SE, 42) → "1000000042". */
export function formatInvoiceNumber(market: Market, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > MAX_INVOICE_SERIAL) {
    throw new InvoiceNumberError(`Invoice serial must be a whole number 1–${MAX_INVOICE_SERIAL}, got ${String(serial)}`);
  }
  return `${prefixOf(market)}${String(serial).padStart(SERIAL_DIGITS, "0")}`;
}

/** Market and serial of one of our invoice numbers, or null for anything else. */
export function parseInvoiceNumber(text: string): { market: Market; serial: number } | null {
  if (!/^\d{10}$/.test(text)) return null;
  const market = (Object.keys(INVOICE_NUMBER_PREFIX) as Market[]).find((m) => INVOICE_NUMBER_PREFIX[m] === text[0]);
  const serial = Number(text.slice(1));
  if (!market || serial < 1) return null;
  return { market, serial };
}

/** The lowest and highest invoice numbers of a market (for finding the latest serial). */
export function invoiceNumberBounds(market: Market): { first: string; last: string } {
  return { first: formatInvoiceNumber(market, 1), last: formatInvoiceNumber(market, MAX_INVOICE_SERIAL) };
}

/** The serials following `lastSerial` (0 when the market has no invoice yet), `count` of them. */
export function nextInvoiceNumbers(market: Market, lastSerial: number, count: number): string[] {
  if (!Number.isSafeInteger(lastSerial) || lastSerial < 0) throw new InvoiceNumberError(`Last serial must be ≥ 0, got ${lastSerial}`);
  if (lastSerial + count > MAX_INVOICE_SERIAL) {
    throw new InvoiceNumberError(`The ${market} invoice number series is exhausted (last ${lastSerial}, ${count} more needed)`);
  }
  return Array.from({ length: count }, (_, i) => formatInvoiceNumber(market, lastSerial + 1 + i));
}

/** The payment reference of an invoice number in its market (see the module comment). */
export function paymentReferenceFor(market: Market, invoiceNumber: string): string {
  const parsed = parseInvoiceNumber(invoiceNumber);
  if (!parsed) throw new InvoiceNumberError(`Not an invoice number of ours (10 digits, market digit first): ${JSON.stringify(invoiceNumber)}`);
  if (parsed.market !== market) {
    throw new InvoiceNumberError(`Invoice number ${invoiceNumber} belongs to market ${parsed.market}, not ${market}`);
  }
  switch (PAYMENT_REFERENCE_SCHEME[market]) {
    case "SE_OCR":
      return swedishOcr(invoiceNumber, { lengthDigit: true });
    case "FI_REFERENCE":
      return finnishReference(invoiceNumber);
    case "DK_FIK71":
      return danishFik71(invoiceNumber);
  }
}

/** Whether `reference` is a well-formed reference of the market's scheme. */
export function isValidPaymentReference(market: Market, reference: string): boolean {
  switch (PAYMENT_REFERENCE_SCHEME[market]) {
    case "SE_OCR":
      return isValidSwedishOcrWithLength(reference);
    case "FI_REFERENCE":
      return isValidFinnishReference(reference);
    case "DK_FIK71":
      return isValidDanishFik71(reference);
    default:
      return false;
  }
}

/**
 * A reference as a bank file or a person writes it, in the form we print: spaces removed,
 * letters upper-cased, a Danish "+71<…+creditor<" line reduced to its payment id, a Danish
 * payment id (DKK) left-padded with zeros to its 15 digits (banks drop leading zeros), and a
 * Finnish reference (EUR) without the zeros bank statements pad it with to 20 digits, also when
 * paid as the RF creditor reference built on it.
 */
export function normalizePaymentReference(text: string, currency?: "SEK" | "DKK" | "EUR"): string {
  let ref = text.replace(/\s+/g, "").toUpperCase();
  const fiLine = /^\+71<(\d+)\+\d+<$/.exec(ref);
  if (fiLine) ref = fiLine[1]!;
  if (currency === "DKK" && /^\d{1,15}$/.test(ref)) ref = ref.padStart(15, "0");
  if (currency === "EUR") ref = finnishNationalReferenceOf(ref) ?? ref;
  return ref;
}
