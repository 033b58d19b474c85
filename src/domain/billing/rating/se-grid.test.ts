import { describe, expect, it } from "vitest";
import type { PowerFeeRule } from "../price-list";
import { rateConsumption } from "../rate";
import { seGrid, series, se, line, names, STHLM_2025_01_01 } from "../../../../tests/support/rating";

describe("Swedish power fee on the month's highest hours", () => {
  const rule: PowerFeeRule = { pricePerKWMonth: "4512.5", peakCount: 3, weekdays: [1, 2, 3, 4, 5], fromHour: 7, toHour: 19 };

  /** January 2025 in Stockholm (UTC+1): hour index = (day − 1) × 24 + local hour. */
  function januaryWithPeaks(): number[] {
    const values = new Array<number>(744).fill(1);
    values[7 * 24 + 8] = 6; // Wed 8 Jan 08:00 — counts
    values[8 * 24 + 18] = 5; // Thu 9 Jan 18:00 — counts (18 < 19)
    values[10 * 24 + 12] = 10; // Sat 11 Jan 12:00 — weekend, ignored
    values[9 * 24 + 19] = 9; // Fri 10 Jan 19:00 — outside 07–19, ignored
    values[12 * 24 + 7] = 4.2; // Mon 13 Jan 07:00 — counts
    values[13 * 24 + 6] = 8; // Tue 14 Jan 06:00 — before 07, ignored
    return values;
  }

  it("averages the three highest weekday hours 07–19 local time", () => {
    // (6 + 5 + 4.2) / 3 = 5.0667 kW; 4 512.5 × 15.2 / 3 = 22 863.33 → 22 863; VAT 5 715.75 → 5 716.
    const result = rateConsumption(se(["2025-01-01", "2025-02-01"], series(STHLM_2025_01_01, januaryWithPeaks()), [seGrid("g", "2025-01-01", null, { powerFee: rule })]));
    const fee = line(result, "SE_GRID_POWER_FEE");
    expect([fee.quantity, fee.unit, fee.unitPriceMinor, fee.amountMinor, fee.vatAmountMinor]).toEqual(["5.067", "kW", "4512.5", 22_863, 5_716]);
    expect(names(fee)).toEqual({ sv: "Effektavgift 2025-01", en: "Power fee 2025-01" });
    expect(fee.details).toEqual({
      kind: "powerFee",
      month: "2025-01",
      days: 31,
      daysInMonth: 31,
      peakCount: 3,
      peaks: [
        { start: "2025-01-08T07:00:00Z", localDate: "2025-01-08", localHour: 8, kWh: "6.000" },
        { start: "2025-01-09T17:00:00Z", localDate: "2025-01-09", localHour: 18, kWh: "5.000" },
        { start: "2025-01-13T06:00:00Z", localDate: "2025-01-13", localHour: 7, kWh: "4.200" },
      ],
    });
  });

  it("sums 15-minute values into hours first", () => {
    // The 6 kWh hour arrives as [3, 1, 1, 1]: its hour is 6 kWh, not 4 × 3 = 12 kW. Same result as hourly.
    const quarters = januaryWithPeaks().flatMap((v, i) => (i === 7 * 24 + 8 ? [3, 1, 1, 1] : [v / 4, v / 4, v / 4, v / 4]));
    const result = rateConsumption(
      se(["2025-01-01", "2025-02-01"], series(STHLM_2025_01_01, quarters, "PT15M"), [seGrid("g", "2025-01-01", null, { powerFee: rule })]),
    );
    const fee = line(result, "SE_GRID_POWER_FEE");
    expect([fee.quantity, fee.amountMinor]).toEqual(["5.067", 22_863]);
  });

  it("pro-rates a partial month and skips excluded dates", () => {
    // 1–15 January, 8 January excluded: peaks 5 (9 Jan), 4.2 (13 Jan) and the first 1 kWh hour allowed,
    // Wed 1 Jan 07:00 → (5 + 4.2 + 1) / 3 = 3.4 kW; 4 512.5 × 3.4 × 15/31 = 7 423.79 → 7 424.
    const partialRule: PowerFeeRule = { ...rule, excludedDates: ["2025-01-08"] };
    const values = januaryWithPeaks().slice(0, 15 * 24);
    const result = rateConsumption(se(["2025-01-01", "2025-01-16"], series(STHLM_2025_01_01, values), [seGrid("g", "2025-01-01", null, { powerFee: partialRule })]));
    const fee = line(result, "SE_GRID_POWER_FEE");
    expect([fee.quantity, fee.amountMinor]).toEqual(["3.400", 7_424]);
    expect(names(fee).sv).toBe("Effektavgift 2025-01 (15/31 dagar)");
    expect(fee.details?.kind === "powerFee" && fee.details.peaks.map((p) => p.start)).toEqual([
      "2025-01-09T17:00:00Z",
      "2025-01-13T06:00:00Z",
      "2025-01-01T06:00:00Z",
    ]);
  });

  it("gives one power line per calendar month", () => {
    // January (peaks above) and February 2025 at a flat 1 kWh: Feb = 1 kW × 4 512.5 = 4 512.5 → 4 513.
    const values = [...januaryWithPeaks(), ...new Array<number>(28 * 24).fill(1)];
    const result = rateConsumption(se(["2025-01-01", "2025-03-01"], series(STHLM_2025_01_01, values), [seGrid("g", "2025-01-01", null, { powerFee: rule })]));
    expect(result.lines.filter((l) => l.code === "SE_GRID_POWER_FEE").map((l) => [l.from, l.to, l.quantity, l.amountMinor])).toEqual([
      ["2025-01-01", "2025-02-01", "5.067", 22_863],
      ["2025-02-01", "2025-03-01", "1.000", 4_513],
    ]);
  });
});
