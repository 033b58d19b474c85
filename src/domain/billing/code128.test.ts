import { describe, expect, it } from "vitest";
import {
  CODE128_PATTERNS,
  CODE128_QUIET_ZONE,
  Code128Error,
  code128CValues,
  code128Checksum,
  encodeCode128C,
} from "./code128";
import { finnishVirtualBarcode } from "./payment-references";

const sum = (pattern: string) => [...pattern].reduce((s, c) => s + Number(c), 0);

describe("Code 128 pattern table", () => {
  it("has 107 symbols: 106 of 11 modules and a 13-module stop", () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    CODE128_PATTERNS.slice(0, 106).forEach((p, value) => {
      expect(p, `symbol ${value}`).toMatch(/^[1-4]{6}$/);
      expect(sum(p), `symbol ${value}`).toBe(11);
    });
    expect(CODE128_PATTERNS[106]).toBe("2331112");
    expect(sum(CODE128_PATTERNS[106]!)).toBe(13);
  });

  it("has an even number of bar modules in every symbol (the symbology's parity rule)", () => {
    for (const p of CODE128_PATTERNS) {
      const bars = [...p].filter((_, i) => i % 2 === 0).reduce((s, c) => s + Number(c), 0);
      expect(bars % 2, p).toBe(0);
    }
  });

  it("has no two symbols alike", () => {
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
  });

  it("has the well-known patterns of the start symbols and value 0", () => {
    expect(CODE128_PATTERNS[0]).toBe("212222"); // space in set B
    expect(CODE128_PATTERNS[103]).toBe("211412"); // Start A
    expect(CODE128_PATTERNS[104]).toBe("211214"); // Start B
    expect(CODE128_PATTERNS[105]).toBe("211232"); // Start C
  });
});

describe("code128CValues", () => {
  it('encodes "1234" as Start C, 12, 34, check 82, Stop', () => {
    // (105 + 1×12 + 2×34) mod 103 = 185 mod 103 = 82
    expect(code128CValues("1234")).toEqual([105, 12, 34, 82, 106]);
  });

  it("keeps leading zeros as pair values", () => {
    expect(code128CValues("0001")).toEqual([105, 0, 1, code128Checksum(105, [0, 1]), 106]);
    expect(code128Checksum(105, [0, 1])).toBe((105 + 0 + 2) % 103);
  });

  it("takes the checksum mod 103", () => {
    // 105 + 99 + 2×99 + 3×99 = 699 → 699 mod 103 = 81
    expect(code128Checksum(105, [99, 99, 99])).toBe(81);
  });

  it("refuses odd lengths, non-digits and empty input with a message that says why", () => {
    expect(() => code128CValues("123")).toThrow(Code128Error);
    expect(() => code128CValues("123")).toThrow(/even number of digits/);
    expect(() => code128CValues("12a4")).toThrow(/digits 0–9 only/);
    expect(() => code128CValues("")).toThrow(Code128Error);
  });
});

describe("encodeCode128C", () => {
  it("lays out bars with quiet zones: 11 modules per symbol, 13 for stop", () => {
    const { bars, widthModules, checksum } = encodeCode128C("1234");
    // start + 2 data + check = 4 symbols × 11 + stop 13 + 2 quiet zones
    expect(widthModules).toBe(4 * 11 + 13 + 2 * CODE128_QUIET_ZONE);
    expect(checksum).toBe(82);
    // 3 bars per symbol, 4 in the stop symbol
    expect(bars).toHaveLength(4 * 3 + 4);
    expect(bars[0]).toEqual({ x: CODE128_QUIET_ZONE, width: 2 }); // Start C begins 2-1-1-2-3-2
    const last = bars[bars.length - 1]!;
    expect(last.x + last.width).toBe(widthModules - CODE128_QUIET_ZONE);
  });

  it("encodes the 54-digit Finnish virtual bar code of DOMAIN.md section 3 in 30 symbols", () => {
    const digits = finnishVirtualBarcode({ iban: "FI37 1590 3000 0007 76", amountCents: 1225, reference: "11112", dueDate: "2016-12-21" });
    expect(digits).toBe("437159030000007760000122500000000000000000011112161221");
    const { values, widthModules } = encodeCode128C(digits);
    expect(values).toHaveLength(1 + 27 + 1 + 1);
    expect(values.slice(1, 28).map((v) => String(v).padStart(2, "0")).join("")).toBe(digits);
    expect(widthModules).toBe(29 * 11 + 13 + 2 * CODE128_QUIET_ZONE);
  });
});
