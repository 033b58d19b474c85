import { describe, expect, it } from "vitest";
import {
  DEMO_DH,
  DEMO_DK_GRID,
  DEMO_DK_SUPPLY,
  DEMO_FI_SUPPLY_FIXED,
  DEMO_FI_SUPPLY_SPOT,
  DEMO_SE_GRID,
  DEMO_SE_SUPPLY_FIXED,
  DEMO_SE_SUPPLY_SPOT,
  DEMO_TARIFFS,
  DEMO_VAT_RATES,
} from "@/fixtures/demo-price-lists";
import {
  priceAt,
  resolvePriceLists,
  resolveVatRates,
  validatePriceList,
  vatRateAt,
  type DkGridPriceList,
  type PriceList,
  type SeGridPriceList,
} from "./price-list";
import { ratingError, seGrid } from "../../../tests/support/rating";

/** A grid list at 300 kr a month that differs from its neighbours only in the transfer price. */
function grid(id: string, validFrom: string, validTo: string | null, transfer: string): SeGridPriceList {
  return seGrid(id, validFrom, validTo, { fixed: "30000", transfer });
}

const A = grid("a", "2025-01-01", "2025-01-16", "25.6");
const B = grid("b", "2025-01-16", null, "30");

describe("priceAt", () => {
  it("treats validFrom as inclusive and validTo as exclusive", () => {
    expect(priceAt([A, B], "SE_GRID", "2024-12-31")).toBeUndefined();
    expect(priceAt([A, B], "SE_GRID", "2025-01-01")?.id).toBe("a");
    expect(priceAt([A, B], "SE_GRID", "2025-01-15")?.id).toBe("a");
    expect(priceAt([A, B], "SE_GRID", "2025-01-16")?.id).toBe("b");
    expect(priceAt([A, B], "SE_GRID", "2099-12-31")?.id).toBe("b"); // open-ended
  });

  it("only looks at the requested product", () => {
    expect(priceAt([A, ...DEMO_SE_SUPPLY_SPOT], "SE_SUPPLY", "2025-01-05")?.id).toBe("se-supply-spot-2025");
    expect(priceAt([A], "DK_GRID", "2025-01-05")).toBeUndefined();
  });

  it("refuses two versions valid on the same day", () => {
    const overlapping = grid("c", "2025-01-10", "2025-02-01", "28");
    const error = ratingError(() => priceAt([A, overlapping], "SE_GRID", "2025-01-12"));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toBe(
      'Overlapping validity: price list "a" (2025-01-01–2025-01-16) and price list "c" (2025-01-10–2025-02-01) are both valid on 2025-01-12',
    );
  });
});

describe("resolvePriceLists", () => {
  it("splits a period where the price changes in the middle", () => {
    const segments = resolvePriceLists([B, A], "SE_GRID", "2025-01-01", "2025-02-01");
    expect(segments.map((s) => [s.from, s.to, s.list.id])).toEqual([
      ["2025-01-01", "2025-01-16", "a"],
      ["2025-01-16", "2025-02-01", "b"],
    ]);
  });

  it("returns one segment when one version covers the period", () => {
    const segments = resolvePriceLists([A, B], "SE_GRID", "2025-03-01", "2025-04-01");
    expect(segments.map((s) => [s.from, s.to, s.list.id])).toEqual([["2025-03-01", "2025-04-01", "b"]]);
  });

  it("names the first day without a price", () => {
    // Version a ends on 2025-03-14 (exclusive), the next starts on 2025-03-15: 14 March has no price.
    const before = grid("before", "2025-01-01", "2025-03-14", "25.6");
    const after = grid("after", "2025-03-15", null, "30");
    const error = ratingError(() => resolvePriceLists([before, after], "SE_GRID", "2025-03-01", "2025-04-01"));
    expect(error.code).toBe("MISSING_PRICE");
    expect(error.date).toBe("2025-03-14");
    expect(error.message).toBe(
      "Missing price for SE_GRID (Swedish grid) for 2025-03-14: no price list is valid on that day",
    );
  });

  it("reports a period before the first version at its first day", () => {
    const error = ratingError(() => resolvePriceLists([A], "SE_GRID", "2024-12-30", "2025-01-05"));
    expect(error.code).toBe("MISSING_PRICE");
    expect(error.date).toBe("2024-12-30");
  });

  it("reports no list at all for the product", () => {
    const error = ratingError(() => resolvePriceLists([A], "DK_GRID", "2025-01-01", "2025-02-01"));
    expect(error.message).toBe("Missing price for DK_GRID (Danish grid) for 2025-01-01: no price list is valid on that day");
  });

  it("refuses an overlap that starts inside the period", () => {
    const overlapping = grid("c", "2025-01-20", "2025-02-10", "28");
    const error = ratingError(() => resolvePriceLists([A, B, overlapping], "SE_GRID", "2025-01-01", "2025-02-01"));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.date).toBe("2025-01-20");
  });

  it("refuses an empty or inverted period and malformed dates", () => {
    expect(ratingError(() => resolvePriceLists([A], "SE_GRID", "2025-01-05", "2025-01-05")).message).toBe(
      "Period end 2025-01-05 must be after period start 2025-01-05",
    );
    expect(ratingError(() => resolvePriceLists([A], "SE_GRID", "2025-02-30", "2025-03-05")).message).toBe(
      "Period start is not a calendar date: 2025-02-30",
    );
    expect(ratingError(() => resolvePriceLists([A], "SE_GRID", "2025-1-5", "2025-03-05")).code).toBe("INVALID_INPUT");
  });

  it("validates every version of the product", () => {
    const bad = grid("bad", "2025-01-16", null, "30,5");
    const error = ratingError(() => resolvePriceLists([A, bad], "SE_GRID", "2025-01-01", "2025-01-10"));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toBe('Price list "bad" (SE_GRID): transferPerKWh must be a decimal number such as "42.375", got "30,5"');
  });
});

describe("VAT rates as data", () => {
  it("has Finland at 24 % until 31 August 2024 and 25.5 % from 1 September 2024", () => {
    expect(vatRateAt(DEMO_VAT_RATES, "FI", "2024-08-31")?.ratePercent).toBe("24");
    expect(vatRateAt(DEMO_VAT_RATES, "FI", "2024-09-01")?.ratePercent).toBe("25.5");
    expect(vatRateAt(DEMO_VAT_RATES, "SE", "2025-06-01")?.ratePercent).toBe("25");
    expect(vatRateAt(DEMO_VAT_RATES, "DK", "2025-06-01")?.ratePercent).toBe("25");
  });

  it("splits a Finnish period at the VAT change", () => {
    const segments = resolveVatRates(DEMO_VAT_RATES, "FI", "2024-08-15", "2024-09-15");
    expect(segments.map((s) => [s.from, s.to, s.item.ratePercent])).toEqual([
      ["2024-08-15", "2024-09-01", "24"],
      ["2024-09-01", "2024-09-15", "25.5"],
    ]);
  });

  it("names the day without a VAT rate", () => {
    const error = ratingError(() => resolveVatRates(DEMO_VAT_RATES, "FI", "2012-12-30", "2013-01-05"));
    expect(error.code).toBe("MISSING_PRICE");
    expect(error.message).toBe("Missing VAT rate for FI for 2012-12-30: no VAT rate is valid on that day");
  });
});

describe("validatePriceList", () => {
  const dk = DEMO_DK_GRID[1]!;

  function withTransport(seasons: DkGridPriceList["prices"]["transport"]["seasons"]): DkGridPriceList {
    return { ...dk, prices: { ...dk.prices, transport: { seasons } } };
  }

  it("requires the seasons to cover every month once", () => {
    const [winter, summer] = dk.prices.transport.seasons;
    expect(() => validatePriceList(withTransport([winter!]))).toThrow(
      'Price list "dk-grid-2025" (DK_GRID) transport: the seasons do not cover month 4, 5, 6, 7, 8, 9',
    );
    expect(() => validatePriceList(withTransport([winter!, { ...summer!, months: [3, 4, 5, 6, 7, 8, 9] }]))).toThrow(
      "month 3 is in two seasons",
    );
  });

  it("requires 24 hour bands", () => {
    const [winter, summer] = dk.prices.transport.seasons;
    expect(() => validatePriceList(withTransport([{ ...winter!, hourBands: winter!.hourBands.slice(0, 23) }, summer!]))).toThrow(
      "transport season winter needs 24 hour bands, got 23",
    );
  });

  it("checks market, currency and validity", () => {
    expect(() => validatePriceList({ ...A, currency: "EUR" } as PriceList)).toThrow("market SE bills in SEK, not EUR");
    expect(() => validatePriceList({ ...A, market: "DK", currency: "DKK" } as PriceList)).toThrow(
      "product belongs to market SE, not DK",
    );
    expect(() => validatePriceList({ ...A, validTo: "2025-01-01" })).toThrow("validTo 2025-01-01 must be after validFrom 2025-01-01");
  });

  it("checks the power fee rule", () => {
    const rule = { pricePerKWMonth: "4500", peakCount: 3, weekdays: [1, 2, 3, 4, 5], fromHour: 7, toHour: 19 };
    const list = (r: object): SeGridPriceList => ({ ...A, prices: { ...A.prices, powerFee: { ...rule, ...r } } });
    expect(() => validatePriceList(list({}))).not.toThrow();
    expect(() => validatePriceList(list({ peakCount: 0 }))).toThrow("powerFee.peakCount must be a whole number 1–744, got 0");
    expect(() => validatePriceList(list({ toHour: 7 }))).toThrow("powerFee.toHour must be after fromHour");
    expect(() => validatePriceList(list({ weekdays: [0] }))).toThrow("powerFee.weekdays must be a whole number 1–7, got 0");
    expect(() => validatePriceList(list({ excludedDates: ["2025-13-01"] }))).toThrow(/excludedDates/);
  });
});

describe("demo price lists", () => {
  it("are valid and contiguous from 2024-01-01 through 2026 for every tariff", () => {
    for (const [id, lists] of Object.entries(DEMO_TARIFFS)) {
      for (const list of lists) expect(() => validatePriceList(list), id).not.toThrow();
      const product = lists[0]!.product;
      const segments = resolvePriceLists(lists, product, "2024-01-01", "2027-01-01");
      expect(segments[0]!.from, id).toBe("2024-01-01");
      expect(segments[segments.length - 1]!.to, id).toBe("2027-01-01");
    }
    expect(Object.keys(DEMO_TARIFFS)).toHaveLength(8);
  });

  it("carry the public taxes of the right magnitude", () => {
    const seGrid2025 = priceAt(DEMO_SE_GRID, "SE_GRID", "2025-03-14")!;
    expect(seGrid2025.prices.energyTaxPerKWh).toBe("43.9"); // energiskatt 2025, öre/kWh excl. VAT
    expect(seGrid2025.prices.powerFee).toMatchObject({ peakCount: 3, weekdays: [1, 2, 3, 4, 5], fromHour: 7, toHour: 19 });
    const dkGrid2025 = priceAt(DEMO_DK_GRID, "DK_GRID", "2025-03-14")!;
    expect(dkGrid2025.prices.electricityTaxPerKWh).toBe("72.7");
    expect(dkGrid2025.prices.energinetNetTariffPerKWh).toBe("7.4");
    expect(dkGrid2025.prices.energinetSystemTariffPerKWh).toBe("5.1");
    // Peak 17–21 local time in both seasons.
    for (const season of dkGrid2025.prices.transport.seasons) {
      expect(season.hourBands.map((band, hour) => (band === "peak" ? hour : -1)).filter((h) => h >= 0)).toEqual([17, 18, 19, 20]);
    }
    expect(priceAt(DEMO_DK_SUPPLY, "DK_SUPPLY", "2025-03-14")!.prices.subscriptionPerMonth).toBe("1900"); // 19 kr/month, seed 004
    expect(priceAt(DEMO_FI_SUPPLY_SPOT, "FI_SUPPLY", "2025-03-14")!.currency).toBe("EUR");
    expect(priceAt(DEMO_FI_SUPPLY_FIXED, "FI_SUPPLY", "2025-03-14")!.prices.energy).toEqual({ kind: "fixed", pricePerKWh: "8.49" });
    expect(priceAt(DEMO_SE_SUPPLY_FIXED, "SE_SUPPLY", "2025-03-14")!.prices.energy.kind).toBe("fixed");
    const dh = priceAt(DEMO_DH, "DH", "2025-03-14")!;
    expect(dh.prices.energy.map((s) => [s.season, s.pricePerKWh])).toEqual([
      ["winter", "80.5"],
      ["summer", "37"],
    ]);
  });
});
