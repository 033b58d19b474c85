import { describe, expect, it } from "vitest";
import { DEMO_DK_GRID, DEMO_DK_SUPPLY, DEMO_SE_GRID, DEMO_SE_SUPPLY_SPOT } from "@/fixtures/demo-price-lists";
import type { DistrictHeatingPriceList } from "./price-list";
import { rateConsumption } from "./rate";
import { seGrid, fiSupply, DK_GRID, DH, series, constant, se, fi, dk, table, line, names, ratingError, STHLM_2025_01_01, STHLM_2025_03_01, STHLM_2025_10_01, HEL_2025_03_01, HEL_2025_10_01 } from "../../../tests/support/rating";

describe("Swedish grid, a full month", () => {
  it("rates January 2025 line by line with VAT per line", () => {
    // 744 hours × 1 kWh.
    const result = rateConsumption(se(["2025-01-01", "2025-02-01"], constant(STHLM_2025_01_01, 744, 1), [seGrid("g", "2025-01-01", null)]));
    expect(table(result)).toEqual([
      // 1 month × 32 000 öre; VAT 8 000
      ["SE_GRID_FIXED_FEE", "2025-01-01", "2025-02-01", "1", "month", "32000", 32_000, "25", 8_000],
      // 744 × 25.6 = 19 046.4 → 19 046; VAT 4 761.5 → 4 762
      ["SE_GRID_TRANSFER", "2025-01-01", "2025-02-01", "744.000", "kWh", "25.6", 19_046, "25", 4_762],
      // 744 × 43.9 = 32 661.6 → 32 662; VAT 8 165.5 → 8 166
      ["SE_GRID_ENERGY_TAX", "2025-01-01", "2025-02-01", "744.000", "kWh", "43.9", 32_662, "25", 8_166],
    ]);
    // Net 83 708; VAT summed per line = 20 928 (25 % of the net total would be 20 927: the rule is per line).
    expect(result.totals).toEqual({ netMinor: 83_708, vatMinor: 20_928, totalMinor: 104_636 });
    expect(result.vatSummary).toEqual([{ ratePercent: "25", netMinor: 83_708, vatMinor: 20_928 }]);
    expect(names(line(result, "SE_GRID_TRANSFER"))).toEqual({ sv: "Överföringsavgift", en: "Transfer fee" });
    expect(line(result, "SE_GRID_TRANSFER").priceListIds).toEqual(["g"]);
  });

  it("ignores values outside the period", () => {
    // A day of 100 kWh hours before 1 January and after 31 January changes nothing.
    const values = [...new Array<number>(24).fill(100), ...new Array<number>(744).fill(1), ...new Array<number>(24).fill(100)];
    const result = rateConsumption(se(["2025-01-01", "2025-02-01"], series("2024-12-30T23:00:00Z", values), [seGrid("g", "2025-01-01", null)]));
    expect(line(result, "SE_GRID_TRANSFER").quantity).toBe("744.000");
    expect(result.totals.netMinor).toBe(83_708);
  });
});

describe("DST months: local days of 23 and 25 hours", () => {
  it.each([
    // zone, market, period, series start (local midnight), hours, code, unit price, amount
    ["Stockholm March", "SE", ["2025-03-01", "2025-04-01"], STHLM_2025_03_01, 743, "SE_GRID_TRANSFER", "25.6", 19_021], // 743 × 25.6 = 19 020.8
    ["Stockholm October", "SE", ["2025-10-01", "2025-11-01"], STHLM_2025_10_01, 745, "SE_GRID_ENERGY_TAX", "43.9", 32_706], // 745 × 43.9 = 32 705.5 → 32 706
    ["Copenhagen March", "DK", ["2025-03-01", "2025-04-01"], "2025-02-28T23:00:00Z", 743, "DK_ELECTRICITY_TAX", "72.7", 54_016], // 54 016.1
    ["Copenhagen October", "DK", ["2025-10-01", "2025-11-01"], "2025-09-30T22:00:00Z", 745, "DK_ELECTRICITY_TAX", "72.7", 54_162], // 54 161.5 → 54 162
    ["Helsinki March", "FI", ["2025-03-01", "2025-04-01"], HEL_2025_03_01, 743, "SUPPLY_ENERGY_FIXED", "8.49", 6_308], // 6 308.07
    ["Helsinki October", "FI", ["2025-10-01", "2025-11-01"], HEL_2025_10_01, 745, "SUPPLY_ENERGY_FIXED", "8.49", 6_325], // 6 325.05
  ] as const)("%s: %s kWh from %s", (_name, market, period, start, hours, code, price, amount) => {
    const consumption = constant(start, hours, 1);
    const input =
      market === "SE"
        ? se([...period], consumption, [seGrid("g", "2025-01-01", null)])
        : market === "DK"
          ? dk([...period], consumption, [DK_GRID])
          : fi([...period], consumption, [fiSupply({ kind: "fixed", pricePerKWh: "8.49" })]);
    const l = line(rateConsumption(input), code);
    expect([l.quantity, l.unitPriceMinor, l.amountMinor]).toEqual([`${hours}.000`, price, amount]);
  });

  it("rates quarter-hours of a 25-hour-day month the same way (2 980 × 0.25 kWh)", () => {
    const result = rateConsumption(se(["2025-10-01", "2025-11-01"], constant(STHLM_2025_10_01, 2980, 0.25, "PT15M"), [seGrid("g", "2025-01-01", null)]));
    expect(line(result, "SE_GRID_TRANSFER").quantity).toBe("745.000"); // 745 × 25.6 = 19 072
    expect(line(result, "SE_GRID_TRANSFER").amountMinor).toBe(19_072);
  });

  it("wants exactly the period's intervals: 744 values for October are one short", () => {
    const error = ratingError(() => rateConsumption(se(["2025-10-01", "2025-11-01"], constant(STHLM_2025_10_01, 744, 1), [seGrid("g", "2025-01-01", null)])));
    expect(error.code).toBe("MISSING_CONSUMPTION");
    expect(error.date).toBe("2025-10-31");
    expect(error.message).toBe(
      "Missing consumption for 2025-10-31 at 23:00 (Europe/Stockholm), the interval starting 2025-10-31T22:00:00Z: the series does not cover it",
    );
  });
});

describe("price changes inside the period", () => {
  it("gives two lines where a price changes mid-month and one where it does not", () => {
    // Version a 1–15 January, b from 16 January; 1 kWh every hour (360 h + 384 h).
    const a = seGrid("a", "2025-01-01", "2025-01-16", { fixed: "32000", transfer: "25.6", tax: "43.9" });
    const b = seGrid("b", "2025-01-16", null, { fixed: "34000", transfer: "30", tax: "43.9" });
    const result = rateConsumption(se(["2025-01-01", "2025-02-01"], constant(STHLM_2025_01_01, 744, 1), [b, a]));
    expect(table(result)).toEqual([
      // 15/31 × 32 000 = 15 483.87 → 15 484 (quantity 0.48387… → 0.4839); VAT 3 871
      ["SE_GRID_FIXED_FEE", "2025-01-01", "2025-01-16", "0.4839", "month", "32000", 15_484, "25", 3_871],
      // 16/31 × 34 000 = 17 548.39 → 17 548; VAT 4 387
      ["SE_GRID_FIXED_FEE", "2025-01-16", "2025-02-01", "0.5161", "month", "34000", 17_548, "25", 4_387],
      // 360 × 25.6 = 9 216; VAT 2 304
      ["SE_GRID_TRANSFER", "2025-01-01", "2025-01-16", "360.000", "kWh", "25.6", 9_216, "25", 2_304],
      // 384 × 30 = 11 520; VAT 2 880
      ["SE_GRID_TRANSFER", "2025-01-16", "2025-02-01", "384.000", "kWh", "30", 11_520, "25", 2_880],
      // unchanged energy tax: one line, 744 × 43.9 = 32 661.6 → 32 662; VAT 8 166
      ["SE_GRID_ENERGY_TAX", "2025-01-01", "2025-02-01", "744.000", "kWh", "43.9", 32_662, "25", 8_166],
    ]);
    expect(line(result, "SE_GRID_ENERGY_TAX").priceListIds).toEqual(["a", "b"]);
    expect(line(result, "SE_GRID_FIXED_FEE", 1).details).toEqual({ kind: "monthly", months: [{ month: "2025-01", days: 16, daysInMonth: 31 }] });
    expect(result.totals).toEqual({ netMinor: 86_430, vatMinor: 21_608, totalMinor: 108_038 });
  });

  it("stops with MISSING_PRICE naming the day without a price, and bills nothing", () => {
    const before = seGrid("before", "2025-01-01", "2025-03-14");
    const after = seGrid("after", "2025-03-15", null);
    const error = ratingError(() => rateConsumption(se(["2025-03-01", "2025-04-01"], constant(STHLM_2025_03_01, 743, 1), [before, after])));
    expect(error.code).toBe("MISSING_PRICE");
    expect(error.date).toBe("2025-03-14");
    expect(error.message).toBe("Missing price for SE_GRID (Swedish grid) for 2025-03-14: no price list is valid on that day");
  });

  it("splits Finnish lines at the VAT change of 2024-09-01 (24 % → 25.5 %)", () => {
    // Helsinki August (744 h) and September (720 h) 2024 × 1 kWh, fixed 8.49 c/kWh, basic fee 399 c/month.
    const result = rateConsumption(
      fi(["2024-08-01", "2024-10-01"], constant("2024-07-31T21:00:00Z", 1464, 1), [fiSupply({ kind: "fixed", pricePerKWh: "8.49" })]),
    );
    expect(table(result)).toEqual([
      // 399 × 24 % = 95.76 → 96
      ["SUPPLY_MONTHLY_FEE", "2024-08-01", "2024-09-01", "1", "month", "399", 399, "24", 96],
      // 399 × 25.5 % = 101.745 → 102
      ["SUPPLY_MONTHLY_FEE", "2024-09-01", "2024-10-01", "1", "month", "399", 399, "25.5", 102],
      // 744 × 8.49 = 6 316.56 → 6 317; × 24 % = 1 516.08 → 1 516
      ["SUPPLY_ENERGY_FIXED", "2024-08-01", "2024-09-01", "744.000", "kWh", "8.49", 6_317, "24", 1_516],
      // 720 × 8.49 = 6 112.8 → 6 113; × 25.5 % = 1 558.815 → 1 559
      ["SUPPLY_ENERGY_FIXED", "2024-09-01", "2024-10-01", "720.000", "kWh", "8.49", 6_113, "25.5", 1_559],
    ]);
    expect(result.vatSummary).toEqual([
      { ratePercent: "24", netMinor: 6_716, vatMinor: 1_612 },
      { ratePercent: "25.5", netMinor: 6_512, vatMinor: 1_661 },
    ]);
    expect(result.totals).toEqual({ netMinor: 13_228, vatMinor: 3_273, totalMinor: 16_501 });
  });
});

describe("leap day and pro rata", () => {
  const grid2024 = seGrid("g24", "2024-01-01", null, { fixed: "28000", transfer: "24", tax: "42.8" });

  it("rates February 2024 with its 29 days (696 hours) as one month", () => {
    const result = rateConsumption(se(["2024-02-01", "2024-03-01"], constant("2024-01-31T23:00:00Z", 696, 1), [grid2024]));
    expect(table(result)).toEqual([
      ["SE_GRID_FIXED_FEE", "2024-02-01", "2024-03-01", "1", "month", "28000", 28_000, "25", 7_000],
      ["SE_GRID_TRANSFER", "2024-02-01", "2024-03-01", "696.000", "kWh", "24", 16_704, "25", 4_176],
      // 696 × 42.8 = 29 788.8 → 29 789; VAT 7 447.25 → 7 447
      ["SE_GRID_ENERGY_TAX", "2024-02-01", "2024-03-01", "696.000", "kWh", "42.8", 29_789, "25", 7_447],
    ]);
  });

  it("pro-rates a partial leap February by 29 days", () => {
    // 1–14 February 2024: 14/29 × 28 000 = 13 517.24 → 13 517; 14/29 = 0.48275… → "0.4828".
    const result = rateConsumption(se(["2024-02-01", "2024-02-15"], constant("2024-01-31T23:00:00Z", 336, 1), [grid2024]));
    expect(table(result)[0]).toEqual(["SE_GRID_FIXED_FEE", "2024-02-01", "2024-02-15", "0.4828", "month", "28000", 13_517, "25", 3_379]);
    expect(line(result, "SE_GRID_TRANSFER").amountMinor).toBe(8_064); // 336 × 24
  });

  it("pro-rates across months of different lengths exactly", () => {
    // 16 January – 14 February 2025: 16/31 + 13/28 months = 0.516129 + 0.464286 = 0.980415 → "0.9804";
    // 32 000 × (16/31 + 13/28) = 16 516.13 + 14 857.14 = 31 373.27 → 31 373 (one rounding).
    const result = rateConsumption(se(["2025-01-16", "2025-02-14"], constant("2025-01-15T23:00:00Z", 29 * 24, 1), [seGrid("g", "2025-01-01", null)]));
    expect(table(result)[0]).toEqual(["SE_GRID_FIXED_FEE", "2025-01-16", "2025-02-14", "0.9804", "month", "32000", 31_373, "25", 7_843]);
    expect(line(result, "SE_GRID_FIXED_FEE").details).toEqual({
      kind: "monthly",
      months: [
        { month: "2025-01", days: 16, daysInMonth: 31 },
        { month: "2025-02", days: 13, daysInMonth: 28 },
      ],
    });
  });

  it("pro-rates a yearly fee by 366 days in a leap year", () => {
    // District heating fixed fee 195 000 öre/year, February 2024: 195 000 × 29/366 = 15 450.82 → 15 451;
    // per day 195 000 / 366 = 532.7869 öre.
    const list: DistrictHeatingPriceList = { ...DH, prices: { energy: DH.prices.energy, fixedFee: DH.prices.fixedFee } };
    const result = rateConsumption(se(["2024-02-01", "2024-03-01"], constant("2024-01-31T23:00:00Z", 696, 1), [list]));
    expect(table(result)[0]).toEqual(["DH_FIXED_FEE", "2024-02-01", "2024-03-01", "29", "day", "532.7869", 15_451, "25", 3_863]);
  });
});

describe("refusals", () => {
  it("stops with MISSING_CONSUMPTION naming the local date and hour of a NaN", () => {
    const values = new Array<number>(744).fill(1);
    values[9 * 24 + 8] = Number.NaN; // 10 January 08:00 local = 07:00Z
    const error = ratingError(() => rateConsumption(se(["2025-01-01", "2025-02-01"], series(STHLM_2025_01_01, values), [seGrid("g", "2025-01-01", null)])));
    expect(error.code).toBe("MISSING_CONSUMPTION");
    expect(error.date).toBe("2025-01-10");
    expect(error.message).toBe(
      "Missing consumption for 2025-01-10 at 08:00 (Europe/Stockholm), the interval starting 2025-01-10T07:00:00Z: the value is missing",
    );
  });

  it("stops when the series starts after the period start", () => {
    const error = ratingError(() => rateConsumption(se(["2025-01-01", "2025-01-02"], constant("2025-01-01T00:00:00Z", 24, 1), [seGrid("g", "2025-01-01", null)])));
    expect(error.code).toBe("MISSING_CONSUMPTION");
    expect(error.message).toContain("2025-01-01 at 00:00");
  });

  it("refuses a series off the period's grid, a wrong currency and another market's list", () => {
    const list = seGrid("g", "2025-01-01", null);
    expect(ratingError(() => rateConsumption(se(["2025-01-01", "2025-01-02"], constant("2024-12-31T23:30:00Z", 25, 1), [list]))).message).toBe(
      "consumption series start 2024-12-31T23:30:00Z is not on the PT1H grid of the period",
    );
    expect(ratingError(() => rateConsumption({ ...se(["2025-01-01", "2025-01-02"], constant(STHLM_2025_01_01, 24, 1), [list]), currency: "EUR" })).message).toBe(
      'Market SE bills in SEK, not "EUR"',
    );
    expect(ratingError(() => rateConsumption(fi(["2025-01-01", "2025-01-02"], constant("2024-12-31T22:00:00Z", 24, 1), [list]))).message).toBe(
      'Price list "g" is for SE/SEK, the installation is FI/EUR',
    );
    expect(ratingError(() => rateConsumption({ ...se(["2025-01-01", "2025-01-02"], constant(STHLM_2025_01_01, 24, 1), [list]), timeZone: "Mars/Olympus" })).code).toBe(
      "INVALID_INPUT",
    );
  });
});

describe("demo price lists", () => {
  it("rate a Swedish spot customer and a Danish customer end to end", () => {
    const swedish = rateConsumption(
      se(["2025-06-01", "2025-07-01"], constant("2025-05-31T22:00:00Z", 720, 0.5), [...DEMO_SE_GRID, ...DEMO_SE_SUPPLY_SPOT], {
        spotPrices: constant("2025-05-31T22:00:00Z", 720, 31.25),
      }),
    );
    // 360 kWh: spot 360 × 31.25 = 11 250; margin 360 × 4.9 = 1 764; transfer 360 × 22.4 = 8 064;
    // energy tax 360 × 43.9 = 15 804; fees 4 900 + 30 000; power 0.5 kW × 4 500 = 2 250.
    expect(swedish.lines.map((l) => [l.code, l.amountMinor])).toEqual([
      ["SUPPLY_MONTHLY_FEE", 4_900],
      ["SUPPLY_ENERGY_SPOT", 11_250],
      ["SUPPLY_MARGIN", 1_764],
      ["SE_GRID_FIXED_FEE", 30_000],
      ["SE_GRID_TRANSFER", 8_064],
      ["SE_GRID_ENERGY_TAX", 15_804],
      ["SE_GRID_POWER_FEE", 2_250],
    ]);
    expect(swedish.totals).toEqual({ netMinor: 74_032, vatMinor: 18_509, totalMinor: 92_541 });

    const danish = rateConsumption(
      dk(["2025-12-01", "2026-01-01"], constant("2025-11-30T23:00:00Z", 744, 1), [...DEMO_DK_GRID, ...DEMO_DK_SUPPLY], {
        spotPrices: constant("2025-11-30T23:00:00Z", 744, 100),
      }),
    );
    // Elafgift 2025: 744 × 72.7 = 54 088.8 → 54 089.
    expect(line(danish, "DK_ELECTRICITY_TAX").amountMinor).toBe(54_089);
  });
});
