import { describe, expect, it } from "vitest";
import {
  PaymentReferenceError,
  danishFiLine,
  danishFik71,
  finnishNationalReferenceOf,
  finnishReference,
  finnishVirtualBarcode,
  isValidDanishFik71,
  isValidFinnishIban,
  isValidFinnishReference,
  isValidIban,
  isValidRfReference,
  isValidSwedishOcr,
  isValidSwedishOcrWithLength,
  rfReference,
  swedishOcr,
} from "./payment-references";

type ErrorCode = PaymentReferenceError["code"];

/** Asserts that `fn` throws a PaymentReferenceError with `code` (and message). */
function expectError(fn: () => unknown, code: ErrorCode, message?: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PaymentReferenceError);
  expect(caught).toBeInstanceOf(Error);
  const error = caught as PaymentReferenceError;
  expect(error.code).toBe(code);
  expect(error.name).toBe("PaymentReferenceError");
  if (message !== undefined) expect(error.message).toMatch(message);
}

/** Every string obtained by replacing one of the digits at `positions` with another digit. */
function singleDigitCorruptions(ref: string, positions: Iterable<number>): string[] {
  const result: string[] = [];
  for (const i of positions) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === ref[i]) continue;
      result.push(`${ref.slice(0, i)}${d}${ref.slice(i + 1)}`);
    }
  }
  return result;
}

/** Every swap of two adjacent, different digits starting at `positions`. */
function adjacentTranspositions(ref: string, positions: Iterable<number>): string[] {
  const result: string[] = [];
  for (const i of positions) {
    const [a, b] = [ref[i], ref[i + 1]];
    if (a === b || !/\d/.test(a) || !/\d/.test(b)) continue;
    result.push(`${ref.slice(0, i)}${b}${a}${ref.slice(i + 2)}`);
  }
  return result;
}

function indices(from: number, toExclusive: number): number[] {
  return Array.from({ length: toExclusive - from }, (_, k) => from + k);
}

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

describe("isValidIban", () => {
  it.each([
    "FI37 1590 3000 0007 76",
    "fi3715903000000776",
    "GB82 WEST 1234 5698 7654 32",
    "DE89 3704 0044 0532 0130 00",
    "SE45 5000 0000 0583 9825 7466",
    "DK50 0040 0440 1162 43",
    "NO93 8601 1117 947",
    // True check digits 97, 98 and 02: the ends of the range ISO 13616 allows.
    "FI97 1590 3000 0013 45",
    "FI98 1590 3000 0008 42",
    "FI02 1590 3000 0003 39",
  ])("accepts %j", (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    // Same accounts with 00, 01 and 99: each passes the mod-97 test (00 ≡ 97,
    // 01 ≡ 98, 99 ≡ 02) but ISO 13616 check digits are 02–98.
    ["FI00 1590 3000 0013 45", "check digits 00"],
    ["FI01 1590 3000 0008 42", "check digits 01"],
    ["FI99 1590 3000 0003 39", "check digits 99"],
    ["GB82 WEST 1234 5698 7654 33", "mod 97"],
    ["FI37 1590 3000 0007 7", "too short for Finland"],
    ["FI37-1590-3000-0007-76", "hyphens"],
    ["", "empty"],
  ])("refuses %j (%s)", (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });
});

describe("isValidFinnishIban", () => {
  it("accepts the Finance Finland bar code guide's accounts of every bank group", () => {
    // Nordea (1), Handelsbanken (31), Aktia/savings banks (4), OP (5), Danske (8), S-Bank/Tapiola (36).
    for (const iban of ["FI58 1017 1000 0001 22", "FI73 3131 3001 0000 58", "FI79 4405 2020 0360 82", "FI02 5000 4640 0013 02", "FI16 8000 1400 0502 67", "FI39 3636 3002 0924 92"]) {
      expect(isValidFinnishIban(iban), iban).toBe(true);
    }
  });

  it("refuses an account number whose own (Luhn) check digit is wrong, even with correct IBAN check digits", () => {
    // FI10 1590 3000 0007 77 is 1 mod 97, but the account 159030-777 fails Luhn (776 is right).
    expect(isValidFinnishIban("FI10 1590 3000 0007 77")).toBe(false);
    expect(isValidIban("FI10 1590 3000 0007 77")).toBe(false);
  });

  it("refuses other countries' IBANs", () => {
    expect(isValidFinnishIban("SE45 5000 0000 0583 9825 7466")).toBe(false);
  });
});

describe("finnishVirtualBarcode", () => {
  it("builds the DOMAIN.md version 4 example", () => {
    const code = finnishVirtualBarcode({
      iban: "FI37 1590 3000 0007 76",
      amountCents: 1225,
      reference: "11112",
      dueDate: "2016-12-21",
    });
    expect(code).toBe("437159030000007760000122500000000000000000011112161221");
    expect(code).toHaveLength(54);
  });

  // Vectors from the Finance Finland Bank Bar Code Guide 5.3, recomputed by
  // hand from the field rules before being compared with the guide.
  it.each([
    ["FI79 4405 2020 0360 82", 488315, "86851 62596 19897", "2010-06-12",
      "479440520200360820048831500000000868516259619897100612"],
    ["FI58 1017 1000 0001 22", 48299, "55958 22432 94671", "2012-01-31",
      "458101710000001220004829900000000559582243294671120131"],
    ["FI02 5000 4640 0013 02", 69380, "69 87567 20834 35364", "2011-07-24",
      "402500046400013020006938000000069875672083435364110724"],
    ["FI16 8000 1400 0502 67", 93585, "78 77767 96566 28687", null,
      "416800014000502670009358500000078777679656628687000000"],
    // The guide gives 0.00 €; null (unknown) is written the same way.
    ["FI73 3131 3001 0000 58", null, "8 68624", "2013-08-09",
      "473313130010000580000000000000000000000000868624130809"],
  ] as const)("version 4: %s, %s cents, ref %s, due %s", (iban, amountCents, reference, dueDate, expected) => {
    const code = finnishVirtualBarcode({ iban, amountCents, reference, dueDate });
    expect(code).toBe(expected);
    expect(code).toHaveLength(54);
  });

  // Derived field by field (see the report):
  // 5 | 7944052020036082 | 00488315 | 09 | 000000868516259619897 | 100612
  // The brief's candidate "579440520200360820048831509000000868516100612" is
  // this string with "259619897" dropped (45 digits), and its reference
  // "RF09 0000 0000 0000 0868 51 3" fails the RF check (868513 needs RF97).
  it.each([
    ["FI79 4405 2020 0360 82", 488315, "RF09 8685 1625 9619 897", "2010-06-12",
      "579440520200360820048831509000000868516259619897100612"],
    ["FI58 1017 1000 0001 22", 48299, "RF06 5595 8224 3294 671", "2010-01-31",
      "558101710000001220004829906000000559582243294671100131"],
    ["FI39 3636 3002 0924 92", 103, "RF66 5907 3839 0", "2023-03-11",
      "539363630020924920000010366000000000000590738390230311"],
    // The corrected form of the brief's candidate: body 868513 with its real check digits 97.
    ["FI79 4405 2020 0360 82", 488315, "RF97 8685 13", "2010-06-12",
      "579440520200360820048831597000000000000000868513100612"],
  ] as const)("version 5: %s, %s cents, ref %s, due %s", (iban, amountCents, reference, dueDate, expected) => {
    const code = finnishVirtualBarcode({ iban, amountCents, reference, dueDate });
    expect(code).toBe(expected);
    expect(code).toHaveLength(54);
  });

  it("agrees with rfReference for the corrected candidate", () => {
    expect(rfReference("868513")).toBe("RF97868513");
  });

  const base = {
    iban: "FI3715903000000776",
    amountCents: 1225,
    reference: "11112",
    dueDate: "2016-12-21",
  } as const;

  it("writes zeros for an unknown amount and an amount over 999 999.99 €", () => {
    const zeros = "437159030000007760000000000000000000000000011112161221";
    expect(finnishVirtualBarcode({ ...base, amountCents: null })).toBe(zeros);
    expect(finnishVirtualBarcode({ ...base, amountCents: 100_000_000 })).toBe(zeros);
    expect(finnishVirtualBarcode({ ...base, amountCents: 99_999_999 }).slice(17, 25)).toBe("99999999");
    expect(finnishVirtualBarcode({ ...base, amountCents: 0 }).slice(17, 25)).toBe("00000000");
  });

  it("writes 000000 for an unknown due date", () => {
    expect(finnishVirtualBarcode({ ...base, dueDate: null }).slice(-6)).toBe("000000");
  });

  it("accepts IBAN and references in lowercase and with spaces", () => {
    const expected = finnishVirtualBarcode(base);
    expect(finnishVirtualBarcode({ ...base, iban: "fi37 1590 3000 0007 76" })).toBe(expected);
    const rf = finnishVirtualBarcode({ ...base, reference: "RF712348231" });
    expect(finnishVirtualBarcode({ ...base, reference: "rf71 2348 231" })).toBe(rf);
  });

  it.each([
    ["FI37 1590 3000 0007 77", "wrong IBAN check"],
    ["FI37 1590 3000 0007 7", "15 digits"],
    ["FI00 1590 3000 0013 45", "IBAN check digits 00"],
    ["FI10 1590 3000 0007 77", "account check digit wrong"],
    ["SE45 5000 0000 0583 9825 7466", "not Finnish"],
    ["DE89 3704 0044 0532 0130 00", "not Finnish"],
    ["", "empty"],
  ])("rejects IBAN %j (%s)", (iban) => {
    expectError(() => finnishVirtualBarcode({ ...base, iban }), "INVALID_IBAN", "Finnish IBAN");
  });

  it.each([
    ["11113", "wrong Finnish check digit"],
    ["011112", "leading zero"],
    ["RF722348231", "wrong RF check digits"],
    ["RF47ABC123", "letters cannot be encoded"],
    ["", "empty"],
  ])("rejects reference %j (%s)", (reference) => {
    expectError(() => finnishVirtualBarcode({ ...base, reference }), "INVALID_REFERENCE");
  });

  it("says why an alphanumeric RF reference is refused", () => {
    expectError(
      () => finnishVirtualBarcode({ ...base, reference: "RF47ABC123" }),
      "INVALID_REFERENCE",
      "Only numeric RF references fit in a bank bar code",
    );
  });

  it.each([-1, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects amount %s", (amountCents) => {
    expectError(() => finnishVirtualBarcode({ ...base, amountCents }), "INVALID_AMOUNT");
  });

  it.each(["2021-02-29", "2016-13-01", "2016-12-32", "2016-1-21", "21.12.2016", "2016-12-21T00:00", "1999-12-31", "2100-01-01", ""])(
    "rejects due date %j",
    (dueDate) => {
      expectError(() => finnishVirtualBarcode({ ...base, dueDate }), "INVALID_DATE");
    },
  );

  it("accepts 29 February in a leap year", () => {
    expect(finnishVirtualBarcode({ ...base, dueDate: "2024-02-29" }).slice(-6)).toBe("240229");
  });
});

describe("danishFik71", () => {
  it.each([
    // DOMAIN.md section 3.
    ["1", "000000000000018"],
    ["12345", "000000000123455"],
    ["12345678901234", "123456789012347"],
    ["0", "000000000000000"],
  ])("danishFik71(%s) === %s", (base, expected) => {
    expect(danishFik71(base)).toBe(expected);
  });

  it.each([
    ["", "TOO_SHORT"],
    ["1".repeat(15), "TOO_LONG"],
    ["12a", "NOT_DIGITS"],
  ] as const)("rejects %j with %s", (base, code) => {
    expectError(() => danishFik71(base), code);
  });

  it("says what is wrong", () => {
    expectError(() => danishFik71("1".repeat(15)), "TOO_LONG", "FI-kort +71 payment id base must be 1–14 digits, got 15");
  });

  it("round-trips bases 1..2000", () => {
    for (let n = 1; n <= 2000; n++) {
      const id = danishFik71(String(n));
      expect(id).toHaveLength(15);
      expect(isValidDanishFik71(id)).toBe(true);
    }
  });

  it("detects every single-digit substitution (Luhn)", () => {
    const id = danishFik71("98765432101234");
    for (const corrupted of singleDigitCorruptions(id, indices(0, id.length))) {
      expect(isValidDanishFik71(corrupted), corrupted).toBe(false);
    }
  });
});

describe("isValidDanishFik71", () => {
  it.each(["000000000000018", "000 000 000 000 018", "123456789012347"])("accepts %j", (id) => {
    expect(isValidDanishFik71(id)).toBe(true);
  });

  it.each(["000000000000019", "18", "0000000000000018", "00000000000001A", ""])("rejects %j", (id) => {
    expect(isValidDanishFik71(id)).toBe(false);
  });
});

describe("danishFiLine", () => {
  it("builds the +71 payment line", () => {
    expect(danishFiLine({ paymentId: "000000000000018", creditorNumber: "12345678" })).toBe(
      "+71<000000000000018+12345678<",
    );
    expect(danishFiLine({ paymentId: danishFik71("1"), creditorNumber: "1234 5678" })).toBe(
      "+71<000000000000018+12345678<",
    );
  });

  it("rejects an invalid payment id", () => {
    expectError(
      () => danishFiLine({ paymentId: "000000000000019", creditorNumber: "12345678" }),
      "INVALID_REFERENCE",
    );
    expectError(() => danishFiLine({ paymentId: "1", creditorNumber: "12345678" }), "INVALID_REFERENCE");
  });

  it.each([
    ["1234567", "TOO_SHORT", "FI creditor number must be 8 digits, got 7"],
    ["123456789", "TOO_LONG", "FI creditor number must be 8 digits, got 9"],
    ["1234567X", "NOT_DIGITS", "FI creditor number must contain only digits"],
  ] as const)("rejects creditor number %j with %s", (creditorNumber, code, message) => {
    expectError(() => danishFiLine({ paymentId: "000000000000018", creditorNumber }), code, message);
  });
});
