import { describe, expect, it } from "vitest";
import {
  isTypicalProfile,
  profileForDwelling,
  TYPICAL_MONTHLY_SHARES,
  TYPICAL_PROFILES,
  TYPICAL_YEARLY_KWH,
  typicalBucketKwh,
  typicalDayKwh,
  typicalMonthKwh,
  typicalPeriodKwh,
} from "./typical-consumption";

describe("typical consumption (Energimarknadsbyrån-style reference figures)", () => {
  it("uses the approximate yearly figures for a flat and a house with and without electric heating", () => {
    expect(TYPICAL_YEARLY_KWH).toEqual({ flat: 2_000, house: 5_000, houseElectricHeating: 20_000 });
  });

  it.each(TYPICAL_PROFILES)("has twelve positive monthly shares for %s that sum to exactly 1", (profile) => {
    const shares = TYPICAL_MONTHLY_SHARES[profile];
    expect(shares).toHaveLength(12);
    for (const s of shares) expect(s).toBeGreaterThan(0);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("puts more in winter than in summer, most of all for an electrically heated house", () => {
    for (const profile of TYPICAL_PROFILES) expect(typicalMonthKwh(profile, 1)).toBeGreaterThan(typicalMonthKwh(profile, 7));
    const ratio = (p: (typeof TYPICAL_PROFILES)[number]) => typicalMonthKwh(p, 1) / typicalMonthKwh(p, 7);
    expect(ratio("houseElectricHeating")).toBeGreaterThan(3);
    expect(ratio("flat")).toBeLessThan(2);
  });

  it.each([
    ["2025-01-01", "2026-01-01"],
    ["2024-01-01", "2025-01-01"], // leap year: 29 days of February share February's value
  ])("gives the yearly figure for the calendar year %s..%s", (from, to) => {
    for (const profile of TYPICAL_PROFILES) expect(typicalPeriodKwh(profile, from, to)).toBeCloseTo(TYPICAL_YEARLY_KWH[profile], 9);
  });

  it("spreads a month evenly over its days, so the days of a month add up to the month", () => {
    let sum = 0;
    for (let d = 1; d <= 29; d++) sum += typicalDayKwh("house", `2024-02-${String(d).padStart(2, "0")}`);
    expect(sum).toBeCloseTo(typicalMonthKwh("house", 2), 9);
    expect(typicalPeriodKwh("house", "2024-02-01", "2024-03-01")).toBeCloseTo(typicalMonthKwh("house", 2), 9);
  });

  it("handles partial months at both ends and an empty period", () => {
    const partial = typicalPeriodKwh("flat", "2025-01-20", "2025-02-10");
    const expected = (typicalMonthKwh("flat", 1) * 12) / 31 + (typicalMonthKwh("flat", 2) * 9) / 28;
    expect(partial).toBeCloseTo(expected, 9);
    expect(typicalPeriodKwh("flat", "2025-05-05", "2025-05-05")).toBe(0);
  });

  it("gives bucket values for each granularity from the bucket's local start", () => {
    expect(typicalBucketKwh("flat", "2025-06-01T00:00", "year")).toBe(2_000);
    expect(typicalBucketKwh("flat", "2025-06-01T00:00", "month")).toBeCloseTo(typicalMonthKwh("flat", 6), 12);
    expect(typicalBucketKwh("flat", "2025-06-15T00:00", "day")).toBeCloseTo(typicalMonthKwh("flat", 6) / 30, 12);
    expect(typicalBucketKwh("flat", "2025-06-15T13:00", "hour")).toBeCloseTo(typicalMonthKwh("flat", 6) / 30 / 24, 12);
  });

  it("maps dwelling types and recognizes profile names", () => {
    expect(profileForDwelling("flat")).toBe("flat");
    expect(profileForDwelling("house")).toBe("house");
    expect(profileForDwelling(null)).toBeNull();
    expect(profileForDwelling("office")).toBeNull();
    expect(isTypicalProfile("houseElectricHeating")).toBe(true);
    expect(isTypicalProfile("villa")).toBe(false);
  });

  it("rejects a month outside 1–12 and a malformed date", () => {
    expect(() => typicalMonthKwh("flat", 13)).toThrow(RangeError);
    expect(() => typicalDayKwh("flat", "1 jan")).toThrow(RangeError);
  });
});
