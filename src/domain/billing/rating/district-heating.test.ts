import { describe, expect, it } from "vitest";
import type { DistrictHeatingPriceList } from "../price-list";
import { rateConsumption } from "../rate";
import { DH, series, constant, se, table, line, names, ratingError, STHLM_2025_03_01 } from "../../../../tests/support/rating";

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
    expect(names(line(result, "DH_ENERGY", 1))).toEqual({ sv: "Energiavgift (sommar)", en: "Energy charge (summer)" });
    expect(names(line(result, "DH_POWER"))).toEqual({ sv: "Effektavgift 150 kW", en: "Power charge 150 kW" });
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
