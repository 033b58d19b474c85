import { describe, expect, it } from "vitest";
import { acontoForPeriod, annualizeConsumption, splitAcontoByQuarters } from "./aconto";

describe("annualizeConsumption", () => {
  it("scales the DOMAIN.md example to 365 days", () => {
    // 25 433 / 358 × 365 = 25 930.29…
    expect(annualizeConsumption(25_433, 358)).toBe(25_930);
  });

  it.each([
    [25_000, 365, 25_000],
    [1, 730, 1], // exactly 0.5 rounds up
    [3, 730, 2], // exactly 1.5 rounds up
    [0, 10, 0],
    [100, 1, 36_500],
    [12_000.4, 365, 12_000],
  ])("annualizeConsumption(%s kWh, %s days) === %s", (kWh, days, expected) => {
    expect(annualizeConsumption(kWh, days)).toBe(expected);
  });

  it.each([
    [25_433, 0, "Measured period must be a whole number of days > 0, got 0"],
    [25_433, -5, "got -5"],
    [25_433, 1.5, "got 1.5"],
    [25_433, Number.NaN, "got NaN"],
    [25_433, Number.POSITIVE_INFINITY, "got Infinity"],
    [-1, 358, "Consumption must be a finite number ≥ 0 kWh, got -1"],
    [Number.NaN, 358, "got NaN"],
    [Number.POSITIVE_INFINITY, 358, "got Infinity"],
  ])("throws for %s kWh over %s days", (kWh, days, message) => {
    expect(() => annualizeConsumption(kWh, days)).toThrow(RangeError);
    expect(() => annualizeConsumption(kWh, days)).toThrow(message);
  });
});

describe("acontoForPeriod", () => {
  it("gives the DOMAIN.md quarter: 25 000 kWh/year over 90 days of 2025", () => {
    // 25 000 × 90 / 365 = 6 164.38…
    expect(acontoForPeriod(25_000, "2025-01-01", "2025-04-01")).toBe(6_164);
  });

  it.each([
    ["2025-01-01", "2026-01-01", "a non-leap year"],
    ["2024-01-01", "2025-01-01", "a leap year"],
    ["2000-01-01", "2001-01-01", "a leap century year"],
    ["2100-01-01", "2101-01-01", "a non-leap century year"],
  ])("gives the yearly figure for %s..%s (%s)", (from, to) => {
    expect(acontoForPeriod(25_000, from, to)).toBe(25_000);
    expect(acontoForPeriod(25_930, from, to)).toBe(25_930);
  });

  it.each([
    // Leap-year days weigh 1/366: 25 000 × 91 / 366 = 6 215.85…
    [25_000, "2024-01-01", "2024-04-01", 6_216],
    // Across New Year each part is weighed against its own year:
    // 25 000 × (184/366 + 181/365) = 24 965.57…, slightly below the yearly figure.
    [25_000, "2024-07-01", "2025-07-01", 24_966],
    // 10 000 × (1/366 + 1/365) = 54.72
    [10_000, "2024-12-31", "2025-01-02", 55],
    // Over the March DST change: still 31 calendar days, 25 000 × 31 / 365 = 2 123.29
    [25_000, "2025-03-01", "2025-04-01", 2_123],
    // Over the October DST change: 25 000 × 31 / 365
    [25_000, "2025-10-01", "2025-11-01", 2_123],
    // One day
    [36_500, "2025-06-15", "2025-06-16", 100],
    // Exact halves round up: 183 / 366 = 0.5 and 3 × 183 / 366 = 1.5.
    [183, "2024-03-01", "2024-03-02", 1],
    [183, "2024-03-01", "2024-03-04", 2],
    // A non-integer yearly figure: 182.5 / 365 = 0.5
    [182.5, "2025-03-01", "2025-03-02", 1],
    [0, "2025-01-01", "2025-04-01", 0],
    // Several years: 2 × 25 000 + 25 000 × 31/365 (2024 counts whole, 366/366)
    [25_000, "2023-01-01", "2025-02-01", 52_123],
  ])("acontoForPeriod(%s, %s, %s) === %s", (yearly, from, to, expected) => {
    expect(acontoForPeriod(yearly, from, to)).toBe(expected);
  });

  it("does not make independently rounded quarters add up (hence splitAcontoByQuarters)", () => {
    const quarters = [
      acontoForPeriod(25_000, "2025-01-01", "2025-04-01"),
      acontoForPeriod(25_000, "2025-04-01", "2025-07-01"),
      acontoForPeriod(25_000, "2025-07-01", "2025-10-01"),
      acontoForPeriod(25_000, "2025-10-01", "2026-01-01"),
    ];
    expect(quarters).toEqual([6_164, 6_233, 6_301, 6_301]);
    expect(quarters.reduce((a, b) => a + b, 0)).toBe(24_999);
  });

  it.each([
    ["2025-02-29", "2025-04-01", "Period start is not a real calendar date: 2025-02-29"],
    ["2025-01-01", "2025-13-01", "Period end is not a real calendar date: 2025-13-01"],
    ["2025-1-01", "2025-04-01", "Period start must be a date written YYYY-MM-DD"],
    ["2025-01-01T00:00:00Z", "2025-04-01", "Period start must be a date written YYYY-MM-DD"],
    ["", "2025-04-01", "Period start must be a date written YYYY-MM-DD"],
    ["2025-01-01", "2025-01-01", "Period end 2025-01-01 must be after period start 2025-01-01"],
    ["2025-04-01", "2025-01-01", "Period end 2025-01-01 must be after period start 2025-04-01"],
  ])("throws for %j..%j", (from, to, message) => {
    expect(() => acontoForPeriod(25_000, from, to)).toThrow(RangeError);
    expect(() => acontoForPeriod(25_000, from, to)).toThrow(message);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("throws for expected yearly %s kWh", (yearly) => {
    expect(() => acontoForPeriod(yearly, "2025-01-01", "2025-04-01")).toThrow(
      "Expected yearly consumption must be a finite number ≥ 0 kWh",
    );
  });

  it("accepts 29 February in a leap year", () => {
    expect(acontoForPeriod(36_600, "2024-02-29", "2024-03-01")).toBe(100);
  });
});

describe("splitAcontoByQuarters", () => {
  it("splits 25 000 kWh over the quarters of 2025 so they add up exactly", () => {
    // Exact shares 6 164.38, 6 232.88, 6 301.37, 6 301.37: the floors leave
    // 2 kWh, which go to Q2 (.88) and Q1 (.38).
    const quarters = splitAcontoByQuarters(25_000, 2025);
    expect(quarters).toEqual([6_165, 6_233, 6_301, 6_301]);
    expect(quarters.reduce((a, b) => a + b, 0)).toBe(25_000);
  });

  it("splits by days rather than in four equal parts", () => {
    // DOMAIN.md: 25 000 / 4 = 6 250 per quarter is the simple alternative;
    // by days, the short first quarter gets less and the long last quarters more.
    const [q1, , , q4] = splitAcontoByQuarters(25_000, 2025);
    expect(q1).toBeLessThan(6_250);
    expect(q4).toBeGreaterThan(6_250);
  });

  it("weighs leap-year quarters by 366 days and breaks ties towards the earlier quarter", () => {
    // 91, 91, 92, 92 days of 366: 6 215.85, 6 215.85, 6 284.15, 6 284.15.
    expect(splitAcontoByQuarters(25_000, 2024)).toEqual([6_216, 6_216, 6_284, 6_284]);
  });

  it.each([
    [0, 2025, [0, 0, 0, 0]],
    // One kWh goes to the quarter with the largest share; Q3 and Q4 tie (92 days).
    [1, 2025, [0, 0, 1, 0]],
    [365, 2025, [90, 91, 92, 92]],
    [366, 2024, [91, 91, 92, 92]],
    // The yearly figure is first rounded half up to whole kWh.
    [25_000.4, 2025, [6_165, 6_233, 6_301, 6_301]],
    [365.5, 2025, [90, 91, 93, 92]],
  ])("splitAcontoByQuarters(%s, %s) === %j", (yearly, year, expected) => {
    expect(splitAcontoByQuarters(yearly, year)).toEqual(expected);
  });

  it("always adds up to the yearly figure and keeps each quarter within 1 kWh of its exact share", () => {
    for (const year of [2023, 2024, 2025, 2100, 2000]) {
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const quarterDays = leap ? [91, 91, 92, 92] : [90, 91, 92, 92];
      const daysInYear = leap ? 366 : 365;
      for (let yearly = 0; yearly <= 3000; yearly += 7) {
        const parts = splitAcontoByQuarters(yearly, year);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(yearly);
        parts.forEach((part, q) => {
          const exact = (yearly * quarterDays[q]) / daysInYear;
          expect(Math.abs(part - exact)).toBeLessThan(1);
        });
      }
    }
  });

  it("adds up for large yearly figures", () => {
    const parts = splitAcontoByQuarters(987_654_321, 2025);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(987_654_321);
  });

  it.each([
    [-1, 2025, "Expected yearly consumption must be a finite number ≥ 0 kWh"],
    [Number.NaN, 2025, "Expected yearly consumption must be a finite number ≥ 0 kWh"],
    [25_000, 2025.5, "Year must be a whole number 100–9999, got 2025.5"],
    [25_000, 99, "Year must be a whole number 100–9999, got 99"],
    [25_000, 10_000, "Year must be a whole number 100–9999, got 10000"],
  ])("throws for (%s, %s)", (yearly, year, message) => {
    expect(() => splitAcontoByQuarters(yearly, year)).toThrow(RangeError);
    expect(() => splitAcontoByQuarters(yearly, year)).toThrow(message);
  });
});
