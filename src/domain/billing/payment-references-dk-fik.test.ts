// Danish FI-kort 71: the payment id (Luhn) and the +71 payment line.
import { describe, expect, it } from "vitest";
import { expectError, singleDigitCorruptions, indices } from "../../../tests/support/payment-references";
import { danishFiLine, danishFik71, isValidDanishFik71 } from "./payment-references";

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
