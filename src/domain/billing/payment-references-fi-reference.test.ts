// Finnish references: the national reference (7-3-1 check digit) and the international RF reference (ISO 11649).
import { describe, expect, it } from "vitest";
import { expectError, singleDigitCorruptions, adjacentTranspositions, indices } from "../../../tests/support/payment-references";
import { finnishNationalReferenceOf, finnishReference, isValidFinnishReference, isValidRfReference, rfReference } from "./payment-references";

describe("finnishReference", () => {
  it.each([
    // DOMAIN.md section 3.
    ["12345", "123453"],
    // The reference in the DOMAIN.md bar code example.
    ["1111", "11112"],
    // Finance Finland's reference guide example "12 34561".
    ["123456", "1234561"],
    // References used in the Finance Finland Bank Bar Code Guide examples.
    ["86851625961989", "868516259619897"],
    ["55958224329467", "559582243294671"],
    ["6987567208343536", "69875672083435364"],
    ["86862", "868624"],
    ["100", "1009"],
  ])("finnishReference(%s) === %s", (base, expected) => {
    expect(finnishReference(base)).toBe(expected);
  });

  it("accepts the longest base (19 digits → 20-digit reference)", () => {
    expect(finnishReference("1".repeat(19))).toHaveLength(20);
  });

  it.each([
    ["12", "TOO_SHORT", "Finnish reference base must be 3–19 digits, got 2"],
    ["", "TOO_SHORT", "Finnish reference base must be 3–19 digits, got 0"],
    ["1".repeat(20), "TOO_LONG", "Finnish reference base must be 3–19 digits, got 20"],
    ["0123", "LEADING_ZERO", "Finnish reference base must not start with 0"],
    ["12a45", "NOT_DIGITS", "Finnish reference base must contain only digits"],
    ["12 345", "NOT_DIGITS", "Finnish reference base must contain only digits"],
  ] as const)("rejects %j with %s", (base, code, message) => {
    expectError(() => finnishReference(base), code, message);
  });
});

describe("isValidFinnishReference", () => {
  it.each(["123453", "11112", "1234561", "12 34561", "86851 62596 19897", "1009"])("accepts %j", (ref) => {
    expect(isValidFinnishReference(ref)).toBe(true);
  });

  it.each([
    ["123454", "wrong check digit"],
    ["0123453", "leading zero"],
    ["107", "three digits (base too short)"],
    [`${"1".repeat(20)}1`, "21 digits"],
    ["12345a", "letter"],
    ["", "empty"],
  ])("rejects %j (%s)", (ref) => {
    expect(isValidFinnishReference(ref)).toBe(false);
  });

  it("round-trips bases 100..2099", () => {
    for (let n = 100; n < 2100; n++) {
      expect(isValidFinnishReference(finnishReference(String(n)))).toBe(true);
    }
  });

  // 7-3-1 guarantee: each weight is coprime to 10, so a substitution changes
  // the sum by d·w ≢ 0 (mod 10) and every single-digit error is caught.
  it("detects every single-digit substitution", () => {
    for (const base of ["12345", "1000000000000000001", "987654321"]) {
      const ref = finnishReference(base);
      for (const corrupted of singleDigitCorruptions(ref, indices(0, ref.length))) {
        expect(isValidFinnishReference(corrupted), corrupted).toBe(false);
      }
    }
  });

  // 7-3-1 limit: swapping neighbours changes the sum by (a−b)(wᵢ−wⱼ) with
  // weight differences 4, 2 or 6, which is 0 mod 10 exactly when |a−b| = 5.
  it("detects adjacent transpositions unless the digits differ by 5", () => {
    // Mixes neighbours that differ by 5 (1-6, 2-7, 5-0, …) with ones that do not.
    const ref = finnishReference("1627384950512349");
    let missed = 0;
    for (const swapped of adjacentTranspositions(ref, indices(0, ref.length - 1))) {
      const i = [...swapped].findIndex((c, k) => c !== ref[k]);
      const differByFive = Math.abs(Number(ref[i]) - Number(ref[i + 1])) === 5;
      expect(isValidFinnishReference(swapped), swapped).toBe(differByFive);
      if (differByFive) missed++;
    }
    expect(missed).toBeGreaterThan(0);
  });
});

describe("finnishNationalReferenceOf", () => {
  it.each([
    ["123453", "123453"],
    ["12 3453", "123453"],
    ["00000000000000123453", "123453"],
    ["0000 0000 0000 0012 3453", "123453"],
    [rfReference("123453"), "123453"],
    [rfReference("000000000000000123453").toLowerCase(), "123453"],
  ])("%j → %j", (input, expected) => {
    expect(finnishNationalReferenceOf(input)).toBe(expected);
  });

  it.each([
    ["00000000000000123454", "wrong 7-3-1 check digit"],
    ["00000000000000000000", "only zeros"],
    ["RF00123453", "RF check digits wrong"],
    ["RF18ABC", "RF body not digits"],
    ["12a453", "letters"],
  ])("refuses %j (%s)", (input) => {
    expect(finnishNationalReferenceOf(input)).toBeNull();
  });
});

describe("rfReference", () => {
  it.each([
    // DOMAIN.md section 3.
    ["2348231", "RF712348231"],
    // The ISO 11649 standard's own example, RF18 5390 0754 7034.
    ["539007547034", "RF18539007547034"],
    // RF references in the Finance Finland Bank Bar Code Guide examples.
    ["868516259619897", "RF09868516259619897"],
    ["559582243294671", "RF06559582243294671"],
    ["590738390", "RF66590738390"],
    // Letters count as A=10…Z=35; lowercase input is uppercased.
    ["ABC123", "RF47ABC123"],
    ["abc123", "RF47ABC123"],
  ])("rfReference(%s) === %s", (base, expected) => {
    expect(rfReference(base)).toBe(expected);
  });

  it("accepts the longest body (21 characters → 25 in all)", () => {
    expect(rfReference("Z".repeat(21))).toHaveLength(25);
  });

  it.each([
    ["", "TOO_SHORT", "RF reference base must be 1–21 characters, got 0"],
    ["1".repeat(22), "TOO_LONG", "RF reference base must be 1–21 characters, got 22"],
    ["12-34", "NOT_ALPHANUMERIC", "only letters A–Z and digits 0–9"],
    ["12 34", "NOT_ALPHANUMERIC", "only letters A–Z and digits 0–9"],
    ["ÅÄÖ", "NOT_ALPHANUMERIC", "only letters A–Z and digits 0–9"],
    // "ß".toUpperCase() is "SS": the check must run before uppercasing.
    ["straße", "NOT_ALPHANUMERIC", "only letters A–Z and digits 0–9"],
  ] as const)("rejects %j with %s", (base, code, message) => {
    expectError(() => rfReference(base), code, message);
  });
});

describe("isValidRfReference", () => {
  it.each([
    "RF712348231",
    "RF71 2348 231",
    "rf712348231",
    "RF18 5390 0754 7034",
    "RF09 8685 1625 9619 897",
    "RF47ABC123",
    "rf47 abc1 23",
  ])("accepts %j", (ref) => {
    expect(isValidRfReference(ref)).toBe(true);
  });

  it.each([
    ["RF722348231", "wrong check digits"],
    ["RF71", "no body"],
    [`RF00${"1".repeat(22)}`, "body over 21 characters"],
    ["XX712348231", "wrong prefix"],
    ["RF7A2348231", "letter in the check digits"],
    ["RF71-2348231", "punctuation"],
    ["RF71 straße", "non-ASCII letter that uppercases to ASCII"],
    ["2348231", "no RF prefix"],
    // Brief's proposed RF value: 868513 needs check digits 97, not 09.
    ["RF09 0000 0000 0000 0868 51 3", "check digits of a different reference"],
  ])("rejects %j (%s)", (ref) => {
    expect(isValidRfReference(ref)).toBe(false);
  });

  // Check digits c and c ± 97 leave the same remainder, so a body issued with
  // 97, 98 or 02 would also pass the bare mod-97 test with 00, 01 or 99.
  // The algorithm never issues those, so they are refused.
  it.each([
    ["RF97", "RF00"],
    ["RF98", "RF01"],
    ["RF02", "RF99"],
  ])("rejects the %s alias %s that only satisfies mod 97", (issued, alias) => {
    let body: string | undefined;
    for (let n = 1; body === undefined && n <= 2000; n++) {
      const ref = rfReference(String(n));
      if (ref.startsWith(issued)) body = ref.slice(4);
    }
    expect(body).toBeDefined();
    expect(isValidRfReference(`${issued}${body ?? ""}`)).toBe(true);
    expect(isValidRfReference(`${alias}${body ?? ""}`)).toBe(false);
  });

  it("round-trips bases 1..2000 and alphanumeric bases", () => {
    for (let n = 1; n <= 2000; n++) {
      expect(isValidRfReference(rfReference(String(n)))).toBe(true);
      expect(isValidRfReference(rfReference(`INV${n}X`))).toBe(true);
    }
  });

  // MOD 97-10 guarantee: changing one digit changes the number by d·10ᵏ,
  // |d| ≤ 9; 97 is prime and does not divide 10, so the remainder changes.
  it("detects every single-digit substitution, including in the check digits", () => {
    for (const base of ["2348231", "539007547034", "100000000000000000001"]) {
      const ref = rfReference(base);
      for (const corrupted of singleDigitCorruptions(ref, indices(2, ref.length))) {
        expect(isValidRfReference(corrupted), corrupted).toBe(false);
      }
    }
  });

  // MOD 97-10 guarantee: swapping digits a,b changes the number by
  // (a−b)(10ⁱ − 10ʲ) = (a−b)·10ʲ·(10ⁱ⁻ʲ − 1); 10 has order 96 mod 97, so for
  // references this short that is never 0 mod 97. Every adjacent swap
  // (and every swap of any two digits) is caught.
  it("detects every adjacent transposition of digits", () => {
    for (const base of ["2348231", "539007547034", "123456789012345678901"]) {
      const ref = rfReference(base);
      const swaps = adjacentTranspositions(ref, indices(2, ref.length - 1));
      expect(swaps.length).toBeGreaterThan(0);
      for (const swapped of swaps) {
        expect(isValidRfReference(swapped), swapped).toBe(false);
      }
    }
  });

  it("detects a changed letter", () => {
    expect(isValidRfReference("RF47ABD123")).toBe(false);
  });
});
