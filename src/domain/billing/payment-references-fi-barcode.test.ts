// The Finnish bank bar code (virtual bar code) and the IBANs it carries.
import { describe, expect, it } from "vitest";
import { expectError } from "../../../tests/support/payment-references";
import { finnishVirtualBarcode, isValidFinnishIban, isValidIban, rfReference } from "./payment-references";

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
