// The check code (kontrollkod) printed on a customer's invoices: a secret only the customer has,
// asked for wherever a customer without an administrator is claimed (self-registration, adding a
// customer to one's login, a management company registering a client). The customer number and
// the organisation or personal identity number are public or guessable; the code is not.
// See docs/decisions/015-management-company-trust.md.

/**
 * 24 letters without I and O, and the digits 2–9: no 0/O or 1/I look-alikes, so it is typed from
 * paper without doubt. 32 characters, so `byte % 32` picks each with the same chance.
 */
export const CHECK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CHECK_CODE_LENGTH = 8;

/**
 * A fresh code from random bytes (the caller passes `crypto.randomBytes(8)`, so this module stays
 * pure): 8 characters, 40 bits. Guessing is limited by the throttle, not by the length alone.
 */
export function checkCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CHECK_CODE_LENGTH) throw new RangeError(`need ${CHECK_CODE_LENGTH} random bytes`);
  let code = "";
  for (let i = 0; i < CHECK_CODE_LENGTH; i++) code += CHECK_CODE_ALPHABET[bytes[i]! % CHECK_CODE_ALPHABET.length];
  return code;
}

/** What the customer typed, as stored: upper case, without spaces and dashes; null when it cannot be a code. */
export function normalizeCheckCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, "").toUpperCase();
  if (code.length !== CHECK_CODE_LENGTH) return null;
  for (const ch of code) if (!CHECK_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** ABCD-EFGH: how the invoice and Kunduppgifter print it. */
export function formatCheckCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Compares a typed code with the stored one in time that does not depend on where they differ
 * (both normalized, fixed length); a missing code on either side never matches.
 */
export function checkCodesMatch(typed: string | null, stored: string | null): boolean {
  const a = typed ?? "";
  const b = stored ?? "";
  let diff = a.length === CHECK_CODE_LENGTH && b.length === CHECK_CODE_LENGTH ? 0 : 1;
  for (let i = 0; i < CHECK_CODE_LENGTH; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
