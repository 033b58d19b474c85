import { describe, expect, it } from "vitest";
import { rateConsumption } from "../rate";
import { fiSupply, series, constant, fi, table, line, names, ratingError, HEL_2025_10_01 } from "../../../../tests/support/rating";

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
    expect(names(result.lines[0]!)).toEqual({ sv: "Grundavgift", en: "Basic fee" });
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
