/**
 * Luhn (mod 10) as used by Swedish personnummer/organisationsnummer and by
 * Swedish payment references (OCR), which is why it lives in its own module.
 */

const DIGITS_ONLY = /^\d+$/;

/**
 * Check digit to append to `digits` (the payload without its check digit).
 * Throws on non-digit input: callers pass already-validated strings, so bad
 * input here is a programming error rather than user error.
 */
export function luhnCheckDigit(digits: string): number {
  if (!DIGITS_ONLY.test(digits)) {
    throw new RangeError("luhnCheckDigit expects a non-empty string of digits");
  }
  let sum = 0;
  // The rightmost payload digit is doubled because the check digit that will
  // follow it occupies the undoubled position.
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the Luhn check digit of the rest. */
export function isLuhnValid(digits: string): boolean {
  // A lone digit has no payload to check against; treating it as valid would
  // let "0" pass as a payment reference.
  if (digits.length < 2 || !DIGITS_ONLY.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}
