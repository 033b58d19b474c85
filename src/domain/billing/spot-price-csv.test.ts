import { describe, expect, it } from "vitest";
import { convertSpotPrice, parseSpotPriceCsv } from "./spot-price-csv";

describe("convertSpotPrice", () => {
  it.each([
    ["45.67", "EUR/MWh", "EUR", "4.567"],
    ["-1.25", "EUR/MWh", "EUR", "-0.125"],
    ["0", "EUR/MWh", "EUR", "0"],
    ["523,4", "SEK/MWh", "SEK", "52.34"],
    ["987.65432", "DKK/MWh", "DKK", "98.765432"],
    ["0.61255", "SEK/kWh", "SEK", "61.255"],
    ["0.045", "EUR/kWh", "EUR", "4.5"],
    ["4.567", "c/kWh", "EUR", "4.567"],
    ["4.567", "snt/kWh", "EUR", "4.567"],
    ["61.25", "öre/kWh", "SEK", "61.25"],
    ["98.7654", "øre/kWh", "DKK", "98.7654"],
    ["12.5", "ore/kWh", "DKK", "12.5"],
    ["12.5", "ORE/KWH", "SEK", "12.5"],
  ])("%s %s in a %s area → %s minor units per kWh", (price, unit, currency, expected) => {
    expect(convertSpotPrice(price, unit, currency as "EUR" | "SEK" | "DKK")).toBe(expected);
  });

  it("refuses what it cannot convert exactly", () => {
    expect(() => convertSpotPrice("1.123456", "EUR/MWh", "EUR")).toThrow("would need more than 6 decimals");
    expect(() => convertSpotPrice("45", "EUR/MWh", "SEK")).toThrow("Unit EUR/MWh is in EUR, the price area bills in SEK; convert to SEK first");
    expect(() => convertSpotPrice("45", "öre/kWh", "DKK")).toThrow("is in SEK");
    expect(() => convertSpotPrice("45", "NOK/MWh", "EUR")).toThrow('Unknown unit "NOK/MWh"');
    expect(() => convertSpotPrice("4,5e3", "EUR/MWh", "EUR")).toThrow("Price must be a decimal number");
  });
});

describe("parseSpotPriceCsv", () => {
  it("reads lines in any column order, with BOM, CRLF, quotes and blank lines", () => {
    const parsed = parseSpotPriceCsv('\uFEFFunit,price,start,resolution,price_area\r\nEUR/MWh,"45,67",2025-10-01T00:00:00+0300,PT15M,fi\r\n,,,,\r\nSEK/MWh,100,2025-09-30 22:00:00Z,PT60M,SE3\r\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map(({ line: _line, ...r }) => r)).toEqual([
      { priceArea: "FI", resolution: "PT15M", startsAt: "2025-09-30T21:00:00.000Z", currency: "EUR", priceMinor: "4.567" },
      { priceArea: "SE3", resolution: "PT1H", startsAt: "2025-09-30T22:00:00.000Z", currency: "SEK", priceMinor: "10" },
    ]);
    expect(parsed.received).toBe(2);
  });

  it("keeps an interval given twice with the same price once", () => {
    const parsed = parseSpotPriceCsv("price_area;start;resolution;price;unit\nSE1;2025-09-30T22:00:00Z;PT1H;10;öre/kWh\nSE1;2025-10-01T00:00:00+02:00;PT1H;10.0;öre/kWh\n");
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
  });

  it("reports a wrong header", () => {
    expect(parseSpotPriceCsv("area;start;resolution;price;unit\n").problems.map((p) => p.code)).toEqual(["UNKNOWN_COLUMN", "MISSING_COLUMN"]);
    expect(parseSpotPriceCsv("").problems[0]!.code).toBe("EMPTY_FILE");
    expect(parseSpotPriceCsv("price_area;start;resolution;price;unit\nSE1;2025-09-30T22:00:00Z;PT1H;10\n").problems[0]).toMatchObject({ line: 2, code: "FIELD_COUNT" });
    expect(parseSpotPriceCsv("price_area;start;resolution;price;unit\nSE1;2025-09-30T22:00:00Z;P1D;10;öre/kWh\n").problems[0]).toMatchObject({ code: "UNKNOWN_RESOLUTION" });
  });
});
