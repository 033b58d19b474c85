import { describe, expect, it } from "vitest";
import {
  ExactSum,
  MoneyError,
  formatFraction,
  formatMicro,
  formatMilli,
  multiplyToMinor,
  parseDecimal,
  priceToMicro,
  quantityToMilli,
  roundHalfAwayFromZero,
  sumMinor,
  vatOf,
} from "./money";
import { normalizeDecimal } from "./decimal-text";

describe("parseDecimal", () => {
  it.each([
    ["42.375", 42_375_000n],
    ["-1.25", -1_250_000n],
    ["+0.5", 500_000n],
    ["43.9", 43_900_000n],
    ["0", 0n],
    ["-0", 0n],
    ["19", 19_000_000n],
    ["0.000001", 1n],
    ["123456789012.123456", 123_456_789_012_123_456n],
    [" 7.4 ", 7_400_000n],
  ])("%s → %s micro", (text, micro) => {
    expect(parseDecimal(text)).toBe(micro);
  });

  it.each(["", "abc", "1e3", ".5", "5.", "1,5", "1 000", "--1", "0x10", "NaN", "Infinity"])("rejects %j", (text) => {
    expect(() => parseDecimal(text, "Price")).toThrow(MoneyError);
    expect(() => parseDecimal(text, "Price")).toThrow(/Price must be a decimal number/);
  });

  it("rejects a seventh decimal instead of dropping it", () => {
    expect(() => parseDecimal("1.0000001")).toThrow(/more than 6 decimals/);
  });

  it("normalises for display", () => {
    expect(formatMicro(parseDecimal("25.50"))).toBe("25.5");
    expect(normalizeDecimal("+019.000")).toBe("19");
    expect(normalizeDecimal("-0.000")).toBe("0");
    expect(normalizeDecimal("-1.250")).toBe("-1.25");
    expect(normalizeDecimal("25.00")).toBe("25");
    expect(normalizeDecimal("12.500000")).toBe("12.5");
    expect(normalizeDecimal("412.345000")).toBe("412.345");
  });

  it("gives a text that is already normal back as it is, the same as parsing and formatting it", () => {
    const texts = ["0", "7", "-7", "25", "12.5", "0.000001", "-0.5", "412.345", "999999999", "123456789.123456", "1.000001", "-3.14"];
    for (const t of texts) expect(normalizeDecimal(t)).toBe(formatMicro(parseDecimal(t)));
    for (const t of texts) expect(normalizeDecimal(t)).toBe(t);
    // Not normal, so parsed: still normalised or refused as before.
    expect(normalizeDecimal("1234567890")).toBe("1234567890");
    expect(normalizeDecimal("-0")).toBe("0");
    expect(() => normalizeDecimal("1.0000001")).toThrow(/more than 6 decimals/);
    expect(() => normalizeDecimal("1e3")).toThrow();
  });
});

describe("quantityToMilli and priceToMicro (the one float → integer conversion)", () => {
  it("converts meter floats with ≤ 3 decimals exactly", () => {
    expect(quantityToMilli(0.1 + 0.2)).toBe(300); // 0.30000000000000004 kWh → 300 Wh
    expect(quantityToMilli(1.005)).toBe(1005); // 1004.9999999999999 → 1005
    expect(quantityToMilli(1234.567)).toBe(1_234_567);
    expect(quantityToMilli(-2.5)).toBe(-2500);
    expect(Object.is(quantityToMilli(-0.0001), 0)).toBe(true); // no −0
  });

  it("rejects missing values", () => {
    expect(() => quantityToMilli(Number.NaN)).toThrow(/finite/);
    expect(() => quantityToMilli(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it("converts spot prices to micro-minor units", () => {
    expect(priceToMicro(4.567)).toBe(4_567_000); // 45.67 EUR/MWh = 4.567 c/kWh
    expect(priceToMicro(-0.123)).toBe(-123_000);
    expect(priceToMicro(0.1 + 0.2)).toBe(300_000);
  });
});

describe("roundHalfAwayFromZero", () => {
  it.each([
    [5n, 10n, 1n], // 0.5 → 1
    [-5n, 10n, -1n], // −0.5 → −1
    [15n, 10n, 2n], // 1.5 → 2
    [25n, 10n, 3n], // 2.5 → 3 (not banker's 2)
    [-25n, 10n, -3n],
    [4n, 10n, 0n],
    [-4n, 10n, 0n],
    [49_999n, 100_000n, 0n],
    [50_000n, 100_000n, 1n],
    [7n, -2n, -4n], // −3.5 → −4
    [0n, 3n, 0n],
  ])("%s / %s → %s", (n, d, expected) => {
    expect(roundHalfAwayFromZero(n, d)).toBe(expected);
  });

  it("refuses division by zero", () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(/Division by zero/);
  });
});

describe("multiplyToMinor", () => {
  it.each([
    // price (minor/unit), quantity (milli-units), amount
    ["42.375", 1000, 42], // 42.375 → 42
    ["42.375", 2000, 85], // 84.75 → 85
    ["0.5", 1000, 1], // tie 0.5 öre → 1
    ["-0.5", 1000, -1], // tie −0.5 → −1
    ["1.25", 2000, 3], // 2.5 → 3
    ["-1.25", 2000, -3], // −2.5 → −3
    ["-1.25", 1000, -1], // −1.25 → −1
    ["0.0005", 1000, 0], // 0.0005 → 0
    ["0.145", 100_000, 15], // 100 kWh × 0.145 = 14.5 → 15 (floats give 14.499999999999998)
    ["43.9", 1_234_567, 54_197], // 1 234.567 kWh × 43.9 = 54 197.4913
    ["25.6", 744_000, 19_046], // 744 × 25.6 = 19 046.4
    ["0.000001", 500, 0], // 0.5 kWh × 10⁻⁶ öre
    ["19", 0, 0],
  ])("%s × %s milli → %s", (price, milli, amount) => {
    expect(multiplyToMinor(price, milli)).toBe(amount);
  });

  it("is exact for large values", () => {
    // 99 999.999999 öre/kWh × 1 000 000 000.000 kWh = 99 999 999 999 000 öre exactly
    expect(multiplyToMinor("99999.999999", 1_000_000_000_000)).toBe(99_999_999_999_000);
    // 3 000 000 000.5 öre: the tie is still seen at this magnitude
    expect(multiplyToMinor("0.5", 6_000_000_001_000)).toBe(3_000_000_001);
    // 2^52 Wh = 4 503 599 627 370.496 kWh; × 1.000001 = 4 503 604 130 970.1234 → 4 503 604 130 970
    expect(multiplyToMinor("1.000001", 2n ** 52n)).toBe(4_503_604_130_970);
  });

  it("accepts micro BigInt prices and rejects fractional milli-units", () => {
    expect(multiplyToMinor(42_375_000n, 2000n)).toBe(85);
    expect(() => multiplyToMinor("1", 1.5)).toThrow(/integer milli-units/);
  });

  it("refuses results beyond the safe-integer range", () => {
    expect(() => multiplyToMinor("999999999", 10n ** 18n)).toThrow(/safe-integer/);
  });
});

describe("vatOf", () => {
  it.each([
    [1, "25", 0], // 0.25
    [2, "25", 1], // 0.5 → 1
    [-2, "25", -1], // −0.5 → −1
    [6, "25", 2], // 1.5 → 2
    [10, "25.5", 3], // 2.55 → 3
    [1000, "25.5", 255],
    [1002, "25.5", 256], // 255.51
    [2, "25.5", 1], // 0.51
    [3, "24", 1], // 0.72
    [2, "24", 0], // 0.48
    [19_046, "25", 4762], // 4 761.5 → 4 762
    [-19_046, "25", -4762],
    [123_456_789_012_345, "25", 30_864_197_253_086], // 30 864 197 253 086.25
    [500, "0", 0],
  ])("VAT on %s at %s %% = %s", (amount, rate, vat) => {
    expect(vatOf(amount, rate)).toBe(vat);
  });

  it("rejects fractional amounts and negative or malformed rates", () => {
    expect(() => vatOf(1.5, "25")).toThrow(/integer number of minor units/);
    expect(() => vatOf(100, "-25")).toThrow(/must not be negative/);
    expect(() => vatOf(100, "25%")).toThrow(/VAT rate must be a decimal/);
  });
});

describe("sumMinor", () => {
  it("adds integer amounts exactly", () => {
    expect(sumMinor([1, 2, 3])).toBe(6);
    expect(sumMinor([])).toBe(0);
    expect(sumMinor([-5, 5])).toBe(0);
    expect(sumMinor([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("rejects fractions and unsafe totals", () => {
    expect(() => sumMinor([1, 0.5])).toThrow(/integer minor units/);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(/safe-integer/);
  });
});

describe("formatting", () => {
  it("formats fractions half away from zero, fixed or trimmed", () => {
    expect(formatFraction(21n, 7n, 4, "fixed")).toBe("3.0000");
    expect(formatFraction(16n, 31n, 4, "trim")).toBe("0.5161"); // 0.516129…
    expect(formatFraction(3n, 2n, 4, "trim")).toBe("1.5");
    expect(formatFraction(5n, 100_000n, 4, "fixed")).toBe("0.0001"); // 0.00005 → 0.0001
    expect(formatFraction(-5n, 100_000n, 4, "fixed")).toBe("-0.0001");
    expect(formatFraction(-4n, 100_000n, 4, "fixed")).toBe("0.0000"); // never "-0.0000"
    expect(formatFraction(0n, 1n, 0, "trim")).toBe("0");
  });

  it("formats milli-units with three decimals", () => {
    expect(formatMilli(743_000)).toBe("743.000");
    expect(formatMilli(5)).toBe("0.005");
    expect(formatMilli(-1500n)).toBe("-1.500");
  });
});

describe("ExactSum", () => {
  it("sums small products in a number and large ones through BigInt, exactly", () => {
    const sum = new ExactSum();
    sum.addProduct(2000, 40_000_000); // 2 kWh × 10 c/kWh (quarter-micro)
    sum.addProduct(4000, -4_000_000); // 4 kWh × −1 c/kWh
    sum.addProduct(1000, 20_000_000); // 1 kWh × 5 c/kWh
    expect(sum.value).toBe(84_000_000_000n); // 21 c × 4·10⁹
    // 2^40 × 2^20 = 2^60 is beyond a double's exact range; 3 is added on top
    sum.addProduct(2 ** 40, 2 ** 20);
    sum.addProduct(1, 3);
    expect(sum.value).toBe(84_000_000_000n + 2n ** 60n + 3n);
  });

  it("stays exact when many small products push the running total past 2^52", () => {
    const sum = new ExactSum();
    for (let i = 0; i < 10; i++) sum.addProduct(2 ** 25, 2 ** 24 - 1); // each < 2^50
    sum.addProduct(1, 1);
    expect(sum.value).toBe(10n * (2n ** 25n) * (2n ** 24n - 1n) + 1n);
  });
});
