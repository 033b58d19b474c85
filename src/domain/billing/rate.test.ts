import { describe, expect, it } from "vitest";
import type { Series } from "../consumption/aggregate";
import { DEMO_DK_GRID, DEMO_DK_SUPPLY, DEMO_SE_GRID, DEMO_SE_SUPPLY_SPOT, DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import type {
  DistrictHeatingPriceList,
  DkGridPriceList,
  DkSupplyPriceList,
  FiSupplyPriceList,
  PowerFeeRule,
  PriceList,
  SeGridPriceList,
  TimeOfUseBand,
} from "./price-list";
import { RatingError, rateConsumption, type InvoiceLine, type RatingInput, type RatingResult } from "./rate";

// ---------------------------------------------------------------------------------------------
// Fixtures: small hand-made price lists so every figure below can be checked with a pencil.

function seGrid(
  id: string,
  validFrom: string,
  validTo: string | null,
  prices: { fixed?: string; transfer?: string; tax?: string; powerFee?: PowerFeeRule } = {},
): SeGridPriceList {
  return {
    id,
    name: id,
    product: "SE_GRID",
    market: "SE",
    currency: "SEK",
    validFrom,
    validTo,
    prices: {
      fixedFee: { amount: prices.fixed ?? "32000", per: "month" },
      transferPerKWh: prices.transfer ?? "25.6",
      energyTaxPerKWh: prices.tax ?? "43.9",
      ...(prices.powerFee ? { powerFee: prices.powerFee } : {}),
    },
  };
}

function fiSupply(energy: FiSupplyPriceList["prices"]["energy"], monthlyFee = "399"): FiSupplyPriceList {
  return {
    id: `fi-${energy.kind}`,
    name: "fi",
    product: "FI_SUPPLY",
    market: "FI",
    currency: "EUR",
    validFrom: "2024-01-01",
    validTo: null,
    prices: { monthlyFee, energy },
  };
}

const DK_BANDS: TimeOfUseBand[] = Array.from({ length: 24 }, (_, h) => (h < 6 ? "low" : h >= 17 && h < 21 ? "peak" : "high"));

const DK_GRID: DkGridPriceList = {
  id: "dk-grid",
  name: "dk-grid",
  product: "DK_GRID",
  market: "DK",
  currency: "DKK",
  validFrom: "2025-01-01",
  validTo: null,
  prices: {
    transport: {
      seasons: [
        { season: "winter", months: [1, 2, 3, 10, 11, 12], hourBands: DK_BANDS, prices: { low: "15.3", high: "45.9", peak: "137.7" } },
        { season: "summer", months: [4, 5, 6, 7, 8, 9], hourBands: DK_BANDS, prices: { low: "15.3", high: "22.95", peak: "59.67" } },
      ],
    },
    subscriptionPerMonth: "4500",
    energinetNetTariffPerKWh: "7.4",
    energinetSystemTariffPerKWh: "5.1",
    electricityTaxPerKWh: "72.7",
  },
};

const DK_SUPPLY: DkSupplyPriceList = {
  id: "dk-supply",
  name: "dk-supply",
  product: "DK_SUPPLY",
  market: "DK",
  currency: "DKK",
  validFrom: "2025-01-01",
  validTo: null,
  prices: { subscriptionPerMonth: "1900", energy: { kind: "spot", marginPerKWh: "5" } },
};

const DH: DistrictHeatingPriceList = {
  id: "dh",
  name: "dh",
  product: "DH",
  market: "SE",
  currency: "SEK",
  validFrom: "2024-01-01",
  validTo: null,
  prices: {
    energy: [
      { season: "winter", months: [1, 2, 3, 11, 12], pricePerKWh: "80.5" },
      { season: "summer", months: [4, 5, 6, 7, 8, 9, 10], pricePerKWh: "35.25" },
    ],
    powerPerKWYear: "84000",
    flowPerM3: "500",
    fixedFee: { amount: "195000", per: "year" },
  },
};

function series(start: string, values: number[], resolution: Series["resolution"] = "PT1H"): Series {
  return { start, resolution, values };
}

function constant(start: string, count: number, value: number, resolution: Series["resolution"] = "PT1H"): Series {
  return series(start, new Array<number>(count).fill(value), resolution);
}

function se(period: [string, string], consumption: Series, priceLists: PriceList[], extra: Partial<RatingInput> = {}): RatingInput {
  return { market: "SE", currency: "SEK", timeZone: "Europe/Stockholm", period: { from: period[0], to: period[1] }, consumption, priceLists, vatRates: DEMO_VAT_RATES, ...extra };
}

function fi(period: [string, string], consumption: Series, priceLists: PriceList[], extra: Partial<RatingInput> = {}): RatingInput {
  return { market: "FI", currency: "EUR", timeZone: "Europe/Helsinki", period: { from: period[0], to: period[1] }, consumption, priceLists, vatRates: DEMO_VAT_RATES, ...extra };
}

function dk(period: [string, string], consumption: Series, priceLists: PriceList[], extra: Partial<RatingInput> = {}): RatingInput {
  return { market: "DK", currency: "DKK", timeZone: "Europe/Copenhagen", period: { from: period[0], to: period[1] }, consumption, priceLists, vatRates: DEMO_VAT_RATES, ...extra };
}

/** [code, from, to, quantity, unit, unit price, amount, VAT %, VAT] per line: the whole invoice at a glance. */
function table(result: RatingResult): (string | number)[][] {
  return result.lines.map((l) => [l.code, l.from, l.to, l.quantity, l.unit, l.unitPriceMinor, l.amountMinor, l.vatRatePercent, l.vatAmountMinor]);
}

function line(result: RatingResult, code: InvoiceLine["code"], index = 0): InvoiceLine {
  const found = result.lines.filter((l) => l.code === code)[index];
  if (!found) throw new Error(`no line ${code} #${index}`);
  return found;
}

function ratingError(fn: () => unknown): RatingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RatingError);
    return error as RatingError;
  }
  throw new Error("expected a RatingError");
}

// Local midnights (UTC instants) used below.
const STHLM_2025_01_01 = "2024-12-31T23:00:00Z";
const STHLM_2025_03_01 = "2025-02-28T23:00:00Z";
const STHLM_2025_10_01 = "2025-09-30T22:00:00Z";
const CPH_2025_01_01 = "2024-12-31T23:00:00Z";
const HEL_2025_03_01 = "2025-02-28T22:00:00Z";
const HEL_2025_10_01 = "2025-09-30T21:00:00Z";

// ---------------------------------------------------------------------------------------------

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
    expect(line(result, "SE_GRID_TRANSFER").description).toEqual({ sv: "Överföringsavgift", en: "Transfer fee" });
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
    expect(line(result, "DK_GRID_TRANSPORT_PEAK").description).toEqual({
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
    expect(result.lines.filter((l) => l.code === "DK_GRID_TRANSPORT_LOW").map((l) => l.description.en)).toEqual([
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

describe("spot pricing", () => {
  // Helsinki, 2025-06-10: local midnight 2025-06-09T21:00Z (UTC+3).
  const JUNE_10 = "2025-06-09T21:00:00Z";
  const spotList = fiSupply({ kind: "spot", marginPerKWh: "0.5" });

  it("uses the consumption-weighted average, negative hours included (DOMAIN.md example)", () => {
    // E = [2, 4, 1, 0 …] kWh, p = [10, −1, 5, 0 …] c/kWh: Σ pE = 20 − 4 + 5 = 21 c over 7 kWh → 3.000 c/kWh.
    const energy = [2, 4, 1, ...new Array<number>(21).fill(0)];
    const prices = [10, -1, 5, ...new Array<number>(21).fill(0)];
    const result = rateConsumption(fi(["2025-06-10", "2025-06-11"], series(JUNE_10, energy), [spotList], { spotPrices: series(JUNE_10, prices) }));
    expect(table(result)).toEqual([
      // 1/30 month × 399 c = 13.3 → 13; VAT 25.5 % = 3.315 → 3
      ["SUPPLY_MONTHLY_FEE", "2025-06-10", "2025-06-11", "0.0333", "month", "399", 13, "25.5", 3],
      // 21 c; VAT 5.355 → 5
      ["SUPPLY_ENERGY_SPOT", "2025-06-10", "2025-06-11", "7.000", "kWh", "3.0000", 21, "25.5", 5],
      // 7 × 0.5 = 3.5 → 4 (tie away from zero); VAT 1.02 → 1
      ["SUPPLY_MARGIN", "2025-06-10", "2025-06-11", "7.000", "kWh", "0.5", 4, "25.5", 1],
    ]);
    expect(result.totals).toEqual({ netMinor: 38, vatMinor: 9, totalMinor: 47 });
    const details = line(result, "SUPPLY_ENERGY_SPOT").details;
    expect(details).toMatchObject({ kind: "spot", weightedAverage: 3, intervals: 24, negativeIntervals: 1 });
    // Plain average over the day's 24 hours: (10 − 1 + 5) / 24 = 0.58333…
    expect(details?.kind === "spot" && details.plainAverage).toBeCloseTo(14 / 24, 12);
    expect(result.lines[0]!.description).toEqual({ sv: "Grundavgift", en: "Basic fee" });
  });

  it("sums pᵢ·Eᵢ exactly instead of rounding the average and multiplying again", () => {
    // E = [500, 500] kWh, p = [2.5, 2.49896] c/kWh: Σ pE = 1 250 + 1 249.48 = 2 499.48 → 2 499 c.
    // The average 2.49948 shows as 2.4995; 2.4995 × 1 000 = 2 499.5 would give 2 500 (wrong).
    const energy = [500, 500, ...new Array<number>(22).fill(0)];
    const prices = [2.5, 2.49896, ...new Array<number>(22).fill(0)];
    const result = rateConsumption(fi(["2025-06-10", "2025-06-11"], series(JUNE_10, energy), [spotList], { spotPrices: series(JUNE_10, prices) }));
    const spot = line(result, "SUPPLY_ENERGY_SPOT");
    expect([spot.quantity, spot.unitPriceMinor, spot.amountMinor]).toEqual(["1000.000", "2.4995", 2_499]);
  });

  it("prices hourly consumption at the mean of four 15-minute prices", () => {
    // Helsinki 2025-10-10 (local midnight 2025-10-09T21:00Z). Hour 0: quarters [10, 10, 10, 12] → 10.5;
    // hour 1: [−1, −2, −3, −4] → −2.5. E = [1, 2, 0 …]: Σ = 10.5 − 5 = 5.5 → 6 c (tie); 5.5 / 3 = 1.8333…
    const start = "2025-10-09T21:00:00Z";
    const quarters = [10, 10, 10, 12, -1, -2, -3, -4, ...new Array<number>(88).fill(0)];
    const energy = [1, 2, ...new Array<number>(22).fill(0)];
    const result = rateConsumption(fi(["2025-10-10", "2025-10-11"], series(start, energy), [spotList], { spotPrices: series(start, quarters, "PT15M") }));
    const spot = line(result, "SUPPLY_ENERGY_SPOT");
    expect([spot.quantity, spot.unitPriceMinor, spot.amountMinor]).toEqual(["3.000", "1.8333", 6]);
    // Plain average of the hourly means: (10.5 − 2.5) / 24 = 0.3333…
    expect(spot.details?.kind === "spot" && spot.details.plainAverage).toBeCloseTo(8 / 24, 12);
  });

  it("prices 15-minute consumption at its hour's price", () => {
    // Hour 0: quarters [0.25, 0.5, 0.75, 1] = 2.5 kWh at 10.1; hour 1: 4 × 1 kWh at −1.
    // Σ = 25.25 − 4 = 21.25 → 21 c; 21.25 / 6.5 = 3.269230… → 3.2692.
    const energy = [0.25, 0.5, 0.75, 1, 1, 1, 1, 1, ...new Array<number>(88).fill(0)];
    const prices = [10.1, -1, ...new Array<number>(22).fill(0)];
    const result = rateConsumption(fi(["2025-06-10", "2025-06-11"], series(JUNE_10, energy, "PT15M"), [spotList], { spotPrices: series(JUNE_10, prices) }));
    const spot = line(result, "SUPPLY_ENERGY_SPOT");
    expect([spot.quantity, spot.unitPriceMinor, spot.amountMinor]).toEqual(["6.500", "3.2692", 21]);
    expect(spot.details).toMatchObject({ intervals: 96, negativeIntervals: 4 });
  });

  it("takes hourly prices until 30 September 2025 and 15-minute prices from 1 October", () => {
    // 48 hours × 1 kWh. 30 Sep: 24 × 8 = 192; 1 Oct: first hour quarters [4, 4, 4, 8] → 5, then 23 × 4 = 92.
    // Σ = 192 + 5 + 92 = 289 c; 289 / 48 = 6.020833… → 6.0208.
    const hourly = constant("2025-09-29T21:00:00Z", 24, 8);
    const quarterly = series(HEL_2025_10_01, [4, 4, 4, 8, ...new Array<number>(92).fill(4)], "PT15M");
    const result = rateConsumption(
      fi(["2025-09-30", "2025-10-02"], constant("2025-09-29T21:00:00Z", 48, 1), [spotList], { spotPrices: [hourly, quarterly] }),
    );
    const spot = line(result, "SUPPLY_ENERGY_SPOT");
    expect([spot.quantity, spot.unitPriceMinor, spot.amountMinor]).toEqual(["48.000", "6.0208", 289]);
  });

  it("stops with MISSING_SPOT_PRICE naming the hour", () => {
    const prices = new Array<number>(24).fill(5);
    prices[13] = Number.NaN; // 13:00 local
    const error = ratingError(() =>
      rateConsumption(fi(["2025-06-10", "2025-06-11"], constant(JUNE_10, 24, 1), [spotList], { spotPrices: series(JUNE_10, prices) })),
    );
    expect(error.code).toBe("MISSING_SPOT_PRICE");
    expect(error.date).toBe("2025-06-10");
    expect(error.message).toBe("Missing spot price for 2025-06-10 at 13:00 (Europe/Helsinki), the interval starting 2025-06-10T10:00:00Z");
  });

  it("stops with MISSING_SPOT_PRICE when a spot contract has no prices at all", () => {
    const error = ratingError(() => rateConsumption(fi(["2025-06-10", "2025-06-11"], constant(JUNE_10, 24, 1), [spotList])));
    expect(error.code).toBe("MISSING_SPOT_PRICE");
    expect(error.message).toContain("2025-06-10 at 00:00");
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
    expect(fee.description).toEqual({ sv: "Effektavgift 2025-01", en: "Power fee 2025-01" });
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
    expect(fee.description.sv).toBe("Effektavgift 2025-01 (15/31 dagar)");
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

describe("district heating", () => {
  it("rates seasonal energy, contracted power, flow and a yearly fixed fee", () => {
    // Stockholm 1 March – 30 April 2025: 743 + 720 = 1 463 hours, 2 kWh and 0.05 m³ each; 150 kW contracted.
    const result = rateConsumption(
      se(["2025-03-01", "2025-05-01"], constant(STHLM_2025_03_01, 1463, 2), [DH], {
        volume: constant(STHLM_2025_03_01, 1463, 0.05),
        contractedPowerKw: "150",
      }),
    );
    expect(table(result)).toEqual([
      // 195 000 × 61/365 = 32 589.04 → 32 589; 195 000 / 365 = 534.2466 per day; VAT 8 147.25 → 8 147
      ["DH_FIXED_FEE", "2025-03-01", "2025-05-01", "61", "day", "534.2466", 32_589, "25", 8_147],
      // March (winter): 1 486 kWh × 80.5 = 119 623; VAT 29 905.75 → 29 906
      ["DH_ENERGY", "2025-03-01", "2025-04-01", "1486.000", "kWh", "80.5", 119_623, "25", 29_906],
      // April (summer): 1 440 kWh × 35.25 = 50 760; VAT 12 690
      ["DH_ENERGY", "2025-04-01", "2025-05-01", "1440.000", "kWh", "35.25", 50_760, "25", 12_690],
      // 150 kW × 84 000 / 12 = 1 050 000 per month × 2
      ["DH_POWER", "2025-03-01", "2025-05-01", "2", "month", "1050000", 2_100_000, "25", 525_000],
      // 1 463 × 0.05 = 73.15 m³ × 500 = 36 575; VAT 9 143.75 → 9 144
      ["DH_FLOW", "2025-03-01", "2025-05-01", "73.150", "m³", "500", 36_575, "25", 9_144],
    ]);
    expect(line(result, "DH_ENERGY", 1).description).toEqual({ sv: "Energiavgift (sommar)", en: "Energy charge (summer)" });
    expect(line(result, "DH_POWER").description).toEqual({ sv: "Effektavgift 150 kW", en: "Power charge 150 kW" });
    expect(result.totals).toEqual({ netMinor: 2_339_547, vatMinor: 584_887, totalMinor: 2_924_434 });
  });

  it("pro-rates the yearly power price over a partial month", () => {
    // 12.5 kW × 84 000 / 12 = 87 500 per month; 1–15 March: × 15/31 = 42 338.71 → 42 339.
    const list: DistrictHeatingPriceList = { ...DH, prices: { energy: DH.prices.energy, powerPerKWYear: "84000" } };
    const result = rateConsumption(se(["2025-03-01", "2025-03-16"], constant(STHLM_2025_03_01, 360, 1), [list], { contractedPowerKw: "12.5" }));
    const power = line(result, "DH_POWER");
    expect([power.quantity, power.unitPriceMinor, power.amountMinor]).toEqual(["0.4839", "87500", 42_339]);
  });

  it("needs the volume series for the flow fee and names a missing volume", () => {
    const input = se(["2025-03-01", "2025-03-02"], constant(STHLM_2025_03_01, 24, 1), [DH], { contractedPowerKw: "10" });
    expect(ratingError(() => rateConsumption(input)).code).toBe("INVALID_INPUT");
    const volume = new Array<number>(24).fill(0.01);
    volume[5] = Number.NaN;
    const error = ratingError(() => rateConsumption({ ...input, volume: series(STHLM_2025_03_01, volume) }));
    expect(error.code).toBe("MISSING_CONSUMPTION");
    expect(error.message).toBe(
      "Missing volume (m³) for 2025-03-01 at 05:00 (Europe/Stockholm), the interval starting 2025-03-01T04:00:00Z: the value is missing",
    );
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
