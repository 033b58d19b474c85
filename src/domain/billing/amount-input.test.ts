import { describe, expect, it } from "vitest";
import { parseMajorAmount } from "./amount-input";

const minor = (text: string) => {
  const r = parseMajorAmount(text);
  return r.ok ? r.minor : r.reason;
};

describe("parseMajorAmount", () => {
  it("reads whole units and decimals with comma or point exactly", () => {
    expect(minor("1234")).toBe(123_400);
    expect(minor("1234,5")).toBe(123_450);
    expect(minor("1234.50")).toBe(123_450);
    expect(minor("0,29")).toBe(29);
    expect(minor("0.07")).toBe(7);
    expect(minor(",5")).toBe(50);
    expect(minor("12,")).toBe(1_200);
  });

  it("allows digit grouping with spaces as Swedish and Finnish amounts are written", () => {
    expect(minor("1 234,50")).toBe(123_450);
    expect(minor("1\u00a0234,50")).toBe(123_450);
    expect(minor("12\u202f345")).toBe(1_234_500);
    expect(minor("  250 ")).toBe(25_000);
  });

  it("accepts negative amounts (credit notes), with a hyphen or a minus sign", () => {
    expect(minor("-80")).toBe(-8_000);
    expect(minor("\u221280,25")).toBe(-8_025);
    expect(minor("-0")).toBe(0);
  });

  it("refuses what it cannot read exactly", () => {
    expect(minor("")).toBe("FORMAT");
    expect(minor("abc")).toBe("FORMAT");
    expect(minor("1,234.50")).toBe("FORMAT");
    expect(minor("1e3")).toBe("FORMAT");
    expect(minor("12,345")).toBe("DECIMALS");
    expect(minor("1234567890123")).toBe("TOO_LARGE");
    expect(minor("999999999999,99")).toBe(99_999_999_999_999);
  });
});
