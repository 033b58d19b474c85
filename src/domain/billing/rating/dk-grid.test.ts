import { describe, expect, it } from "vitest";
import { rateConsumption } from "../rate";
import { DK_GRID, DK_SUPPLY, series, constant, dk, table, line, names, CPH_2025_01_01 } from "../../../../tests/support/rating";

describe("Danish time of use by local hour", () => {
  it("classifies the 25-hour day 2025-10-26 in Copenhagen: 02:00 counts twice, in the low band", () => {
    // Local midnight 2025-10-26 = 2025-10-25T22:00Z (CEST). Hour i has i + 1 kWh (1 … 25).
    // Local hours: 00, 01, 02 (CEST), 02 (CET), 03, …, 23.
    //   low  00–06: i = 0…6   → 1 + … + 7   = 28 kWh
    //   high 06–17: i = 7…17  → 8 + … + 18  = 143; 21–24: i = 22…24 → 23 + 24 + 25 = 72; high = 215 kWh
    //   peak 17–21: i = 18…21 → 19 + … + 22 = 82 kWh                       (28 + 215 + 82 = 325 = Σ 1…25)
    const values = Array.from({ length: 25 }, (_, i) => i + 1);
    const result = rateConsumption(dk(["2025-10-26", "2025-10-27"], series("2025-10-25T22:00:00Z", values), [DK_GRID]));
    expect(table(result)).toEqual([
      // 28 × 15.3 = 428.4 → 428; VAT 107
      ["DK_GRID_TRANSPORT_LOW", "2025-10-26", "2025-10-27", "28.000", "kWh", "15.3", 428, "25", 107],
      // 215 × 45.9 = 9 868.5 → 9 869 (tie away from zero); VAT 2 467.25 → 2 467
      ["DK_GRID_TRANSPORT_HIGH", "2025-10-26", "2025-10-27", "215.000", "kWh", "45.9", 9_869, "25", 2_467],
      // 82 × 137.7 = 11 291.4 → 11 291; VAT 2 822.75 → 2 823
      ["DK_GRID_TRANSPORT_PEAK", "2025-10-26", "2025-10-27", "82.000", "kWh", "137.7", 11_291, "25", 2_823],
      // 1/31 month × 4 500 = 145.16 → 145; quantity 0.032258… → "0.0323"; VAT 36.25 → 36
      ["DK_GRID_SUBSCRIPTION", "2025-10-26", "2025-10-27", "0.0323", "month", "4500", 145, "25", 36],
      // 325 × 7.4 = 2 405; VAT 601.25 → 601
      ["DK_ENERGINET_NET_TARIFF", "2025-10-26", "2025-10-27", "325.000", "kWh", "7.4", 2_405, "25", 601],
      // 325 × 5.1 = 1 657.5 → 1 658; VAT 414.5 → 415
      ["DK_ENERGINET_SYSTEM_TARIFF", "2025-10-26", "2025-10-27", "325.000", "kWh", "5.1", 1_658, "25", 415],
      // 325 × 72.7 = 23 627.5 → 23 628; VAT 5 907
      ["DK_ELECTRICITY_TAX", "2025-10-26", "2025-10-27", "325.000", "kWh", "72.7", 23_628, "25", 5_907],
    ]);
    expect(names(line(result, "DK_GRID_TRANSPORT_PEAK"))).toEqual({
      sv: "Nättariff, spetslasttid 17–21 (vinter)",
      en: "Grid transport tariff, peak load 17–21 (winter)",
    });
    expect(line(result, "DK_GRID_TRANSPORT_PEAK").details).toEqual({ kind: "timeOfUse", band: "peak", season: "winter" });
  });

  it("classifies the 23-hour day 2025-03-30: 02:00 does not exist", () => {
    // 23 × 1 kWh; local hours 00, 01, 03, …, 23 → low 5, high 14, peak 4.
    const result = rateConsumption(dk(["2025-03-30", "2025-03-31"], constant("2025-03-29T23:00:00Z", 23, 1), [DK_GRID]));
    expect(result.lines.slice(0, 3).map((l) => [l.code, l.quantity])).toEqual([
      ["DK_GRID_TRANSPORT_LOW", "5.000"],
      ["DK_GRID_TRANSPORT_HIGH", "14.000"],
      ["DK_GRID_TRANSPORT_PEAK", "4.000"],
    ]);
  });

  it("classifies quarter-hours by their local hour and splits lines at the season change", () => {
    // 2025-03-31 (winter) and 2025-04-01 (summer), 96 quarter-hours each, quarter q of a day = q × 0.001 kWh.
    // Peak quarters are 68…83 (17:00–21:00): Σ q = (68 + 83) × 16 / 2 = 1 208 → 1.208 kWh per day.
    const day = Array.from({ length: 96 }, (_, q) => q / 1000);
    const result = rateConsumption(dk(["2025-03-31", "2025-04-02"], series("2025-03-30T22:00:00Z", [...day, ...day], "PT15M"), [DK_GRID]));
    const peaks = result.lines.filter((l) => l.code === "DK_GRID_TRANSPORT_PEAK");
    expect(peaks.map((l) => [l.from, l.to, l.quantity, l.unitPriceMinor, l.amountMinor])).toEqual([
      ["2025-03-31", "2025-04-01", "1.208", "137.7", 166], // 1.208 × 137.7 = 166.3416
      ["2025-04-01", "2025-04-02", "1.208", "59.67", 72], // 1.208 × 59.67 = 72.08136
    ]);
    // Low is 15.3 in both seasons, but the season is part of the line: two lines.
    expect(result.lines.filter((l) => l.code === "DK_GRID_TRANSPORT_LOW").map((l) => names(l).en)).toEqual([
      "Grid transport tariff, low load (winter)",
      "Grid transport tariff, low load (summer)",
    ]);
  });

  it("rates a whole Danish quarter with the spring DST day inside", () => {
    // Q1 2025: 90 days, 2 159 hours (30 March has 23) × 1 kWh; spot 50.125 øre every hour.
    // low: 90 × 6 − 1 = 539, peak: 90 × 4 = 360, high: 90 × 14 = 1 260.
    const result = rateConsumption(
      dk(["2025-01-01", "2025-04-01"], constant(CPH_2025_01_01, 2159, 1), [DK_GRID, DK_SUPPLY], {
        spotPrices: constant(CPH_2025_01_01, 2159, 50.125),
      }),
    );
    expect(table(result)).toEqual([
      ["DK_SUPPLY_SUBSCRIPTION", "2025-01-01", "2025-04-01", "3", "month", "1900", 5_700, "25", 1_425],
      // 2 159 × 50.125 = 108 219.875 → 108 220; VAT 27 055
      ["SUPPLY_ENERGY_SPOT", "2025-01-01", "2025-04-01", "2159.000", "kWh", "50.1250", 108_220, "25", 27_055],
      // 2 159 × 5 = 10 795; VAT 2 698.75 → 2 699
      ["SUPPLY_MARGIN", "2025-01-01", "2025-04-01", "2159.000", "kWh", "5", 10_795, "25", 2_699],
      // 539 × 15.3 = 8 246.7 → 8 247; VAT 2 061.75 → 2 062
      ["DK_GRID_TRANSPORT_LOW", "2025-01-01", "2025-04-01", "539.000", "kWh", "15.3", 8_247, "25", 2_062],
      // 1 260 × 45.9 = 57 834; VAT 14 458.5 → 14 459
      ["DK_GRID_TRANSPORT_HIGH", "2025-01-01", "2025-04-01", "1260.000", "kWh", "45.9", 57_834, "25", 14_459],
      // 360 × 137.7 = 49 572; VAT 12 393
      ["DK_GRID_TRANSPORT_PEAK", "2025-01-01", "2025-04-01", "360.000", "kWh", "137.7", 49_572, "25", 12_393],
      ["DK_GRID_SUBSCRIPTION", "2025-01-01", "2025-04-01", "3", "month", "4500", 13_500, "25", 3_375],
      // 2 159 × 7.4 = 15 976.6 → 15 977; VAT 3 994.25 → 3 994
      ["DK_ENERGINET_NET_TARIFF", "2025-01-01", "2025-04-01", "2159.000", "kWh", "7.4", 15_977, "25", 3_994],
      // 2 159 × 5.1 = 11 010.9 → 11 011; VAT 2 752.75 → 2 753
      ["DK_ENERGINET_SYSTEM_TARIFF", "2025-01-01", "2025-04-01", "2159.000", "kWh", "5.1", 11_011, "25", 2_753],
      // 2 159 × 72.7 = 156 959.3 → 156 959; VAT 39 239.75 → 39 240
      ["DK_ELECTRICITY_TAX", "2025-01-01", "2025-04-01", "2159.000", "kWh", "72.7", 156_959, "25", 39_240],
    ]);
    expect(result.totals).toEqual({ netMinor: 437_815, vatMinor: 109_455, totalMinor: 547_270 });
  });
});
