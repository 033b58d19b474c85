// Swedish OCR references (bankgiro): Luhn check digit, optional length digit; and the error type.
import { describe, expect, it } from "vitest";
import { expectError, singleDigitCorruptions, adjacentTranspositions, indices } from "../../../tests/support/payment-references";
import { PaymentReferenceError, isValidSwedishOcr, isValidSwedishOcrWithLength, swedishOcr } from "./payment-references";

describe("PaymentReferenceError", () => {
  it("is an Error with a code and a plain-English message", () => {
    const error = new PaymentReferenceError("TOO_SHORT", "too short");
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("TOO_SHORT");
    expect(error.message).toBe("too short");
    expect(error.name).toBe("PaymentReferenceError");
  });
});

describe("swedishOcr", () => {
  it.each([
    // DOMAIN.md section 3.
    ["123", false, "1230"],
    ["123", true, "12351"],
    // Luhn of 123456789 is 7 (the classic test number).
    ["123456789", false, "1234567897"],
    // 23 base digits + length digit 5 (25 mod 10) + check digit = 25 digits.
    ["11111111111111111111111", true, "1111111111111111111111155"],
    ["7", false, "75"],
  ])("swedishOcr(%s, lengthDigit=%s) === %s", (base, lengthDigit, expected) => {
    expect(swedishOcr(base, { lengthDigit })).toBe(expected);
  });

  it("defaults to no length digit", () => {
    expect(swedishOcr("123")).toBe("1230");
    expect(swedishOcr("123", {})).toBe("1230");
  });

  it("uses the total length mod 10 as length digit", () => {
    // 8 base digits → total 10 → length digit 0.
    expect(swedishOcr("12345678", { lengthDigit: true }).slice(-2, -1)).toBe("0");
  });

  it.each([
    ["", "TOO_SHORT"],
    ["1".repeat(24), "TOO_LONG"],
    ["12a", "NOT_DIGITS"],
    ["12 3", "NOT_DIGITS"],
    ["-12", "NOT_DIGITS"],
  ] as const)("rejects base %j with %s", (base, code) => {
    expectError(() => swedishOcr(base), code);
    expectError(() => swedishOcr(base, { lengthDigit: true }), code);
  });

  it("says what is wrong", () => {
    expectError(() => swedishOcr("1".repeat(24)), "TOO_LONG", "Swedish OCR base must be 1–23 digits, got 24");
  });
});

describe("isValidSwedishOcr", () => {
  it.each(["1230", "12351", "1234567897", "75", "1111111111111111111111155", "1234 5678 97"])(
    "accepts %j",
    (ref) => {
      expect(isValidSwedishOcr(ref)).toBe(true);
    },
  );

  it.each([
    ["", "empty"],
    ["0", "a lone digit has nothing to check"],
    ["1231", "wrong check digit"],
    ["12a0", "letters"],
    [`${"0".repeat(25)}0`, "26 digits, over the Bankgiro maximum"],
  ])("rejects %j (%s)", (ref) => {
    expect(isValidSwedishOcr(ref)).toBe(false);
  });

  it("round-trips bases 1..2000 with and without length digit", () => {
    for (let n = 1; n <= 2000; n++) {
      const base = String(n);
      expect(isValidSwedishOcr(swedishOcr(base))).toBe(true);
      expect(isValidSwedishOcr(swedishOcr(base, { lengthDigit: true }))).toBe(true);
      expect(isValidSwedishOcrWithLength(swedishOcr(base, { lengthDigit: true }))).toBe(true);
    }
  });

  // Luhn guarantee: every single-digit substitution changes the sum by a
  // non-zero amount mod 10 (doubling permutes the digits 0–9), so all are caught.
  it("detects every single-digit substitution", () => {
    for (const base of ["123", "9876543210", "40000000000000000000001"]) {
      for (const lengthDigit of [false, true]) {
        const ocr = swedishOcr(base, { lengthDigit });
        for (const corrupted of singleDigitCorruptions(ocr, indices(0, ocr.length))) {
          expect(isValidSwedishOcr(corrupted), corrupted).toBe(false);
        }
      }
    }
  });

  // Luhn guarantee: adjacent transpositions are caught except 09 ↔ 90.
  it("detects adjacent transpositions except 09 ↔ 90", () => {
    const ocr = swedishOcr("1234567812345678");
    for (const swapped of adjacentTranspositions(ocr, indices(0, ocr.length - 1))) {
      expect(isValidSwedishOcr(swapped), swapped).toBe(false);
    }
    const blind = swedishOcr("1090");
    expect(isValidSwedishOcr(blind)).toBe(true);
    expect(isValidSwedishOcr(`1900${blind.slice(4)}`)).toBe(true);
  });
});

describe("isValidSwedishOcrWithLength", () => {
  it("accepts a correct length digit", () => {
    expect(isValidSwedishOcrWithLength("12351")).toBe(true);
    expect(isValidSwedishOcrWithLength("1111111111111111111111155")).toBe(true);
  });

  it("rejects a Luhn-valid number whose length digit is wrong", () => {
    // "1230" is Luhn-valid but its second-to-last digit 3 ≠ length 4.
    expect(isValidSwedishOcr("1230")).toBe(true);
    expect(isValidSwedishOcrWithLength("1230")).toBe(false);
  });

  it("rejects a correct length digit with a wrong check digit", () => {
    expect(isValidSwedishOcrWithLength("12350")).toBe(false);
  });

  it("rejects numbers too short to hold base, length and check digit", () => {
    // "26" is Luhn-valid and its first digit equals 2 = length, but has no base.
    expect(isValidSwedishOcr("26")).toBe(true);
    expect(isValidSwedishOcrWithLength("26")).toBe(false);
  });
});
