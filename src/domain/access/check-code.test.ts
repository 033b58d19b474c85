import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHECK_CODE_ALPHABET, checkCodeFromBytes, checkCodesMatch, formatCheckCode, normalizeCheckCode } from "./check-code";

describe("the check code on a customer's invoices", () => {
  it("is eight characters without look-alikes (no 0, O, 1 or I)", () => {
    expect(CHECK_CODE_ALPHABET).toHaveLength(32);
    expect(CHECK_CODE_ALPHABET).not.toMatch(/[01IO]/);
    for (let i = 0; i < 200; i++) expect(checkCodeFromBytes(randomBytes(8))).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    // Every character of the alphabet is reachable, each from exactly 8 of the 256 byte values.
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const ch = checkCodeFromBytes(new Uint8Array(8).fill(b))[0]!;
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual(Array(32).fill(8));
  });

  it("is read as typed from paper: any case, with a dash or spaces", () => {
    expect(normalizeCheckCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normalizeCheckCode(" ABCD EFGH ")).toBe("ABCDEFGH");
    expect(normalizeCheckCode("ABCDEFG")).toBeNull();
    expect(normalizeCheckCode("ABCD-EFG0")).toBeNull();
    expect(normalizeCheckCode("")).toBeNull();
    expect(formatCheckCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });

  it("matches only the same code", () => {
    expect(checkCodesMatch("ABCDEFGH", "ABCDEFGH")).toBe(true);
    expect(checkCodesMatch("ABCDEFGJ", "ABCDEFGH")).toBe(false);
    expect(checkCodesMatch(null, "ABCDEFGH")).toBe(false);
    expect(checkCodesMatch("ABCDEFGH", null)).toBe(false);
    expect(checkCodesMatch(null, null)).toBe(false);
    expect(checkCodesMatch("", "")).toBe(false);
  });
});
