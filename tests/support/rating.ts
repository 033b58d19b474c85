// Rating test inputs: small hand-made price lists so every figure in the rating tests can be checked
// with a pencil, and helpers to build inputs and read results (src/domain/billing/rate.test.ts and
// src/domain/billing/rating/*.test.ts).
import { expect } from "vitest";
import type { Series } from "@/domain/consumption/aggregate";
import { DEMO_VAT_RATES, seGridList } from "@/fixtures/demo-price-lists";
import type {
  DistrictHeatingPriceList,
  DkGridPriceList,
  DkSupplyPriceList,
  FiSupplyPriceList,
  PowerFeeRule,
  PriceList,
  SeGridPriceList,
  TimeOfUseBand,
} from "@/domain/billing/price-list";
import { lineParamsOf, type LineFactsForParams, type LineParams } from "@/domain/billing/line-catalogue";
import { lineName, type InvoiceLanguage } from "@/domain/billing/line-name";
import { RatingError, type InvoiceLine, type RatingInput, type RatingResult } from "@/domain/billing/rate";
import { invoiceTranslator } from "./invoice-translator";

export function seGrid(
  id: string,
  validFrom: string,
  validTo: string | null,
  prices: { fixed?: string; transfer?: string; tax?: string; powerFee?: PowerFeeRule } = {},
): SeGridPriceList {
  return seGridList(id, id, validFrom, validTo, {
    fixedPerMonth: prices.fixed ?? "32000",
    transfer: prices.transfer ?? "25.6",
    tax: prices.tax ?? "43.9",
    ...(prices.powerFee ? { powerFee: prices.powerFee } : {}),
  });
}

export function fiSupply(energy: FiSupplyPriceList["prices"]["energy"], monthlyFee = "399"): FiSupplyPriceList {
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

export const DK_GRID: DkGridPriceList = {
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

export const DK_SUPPLY: DkSupplyPriceList = {
  id: "dk-supply",
  name: "dk-supply",
  product: "DK_SUPPLY",
  market: "DK",
  currency: "DKK",
  validFrom: "2025-01-01",
  validTo: null,
  prices: { subscriptionPerMonth: "1900", energy: { kind: "spot", marginPerKWh: "5" } },
};

/**
 * Hand-checkable Danish prices for aconto tests: every hour in the low band, 250 øre/kWh all in
 * (energy 100 + transport 50 + Energinet 5 + 5 + elafgift 90), subscriptions 20 + 30 kr a month.
 */
const ALL_LOW: TimeOfUseBand[] = Array.from({ length: 24 }, () => "low");

export const DK_GRID_ALL_LOW: DkGridPriceList = {
  id: "dk-grid",
  name: "dk-grid",
  product: "DK_GRID",
  market: "DK",
  currency: "DKK",
  validFrom: "2024-01-01",
  validTo: null,
  prices: {
    transport: {
      seasons: [{ season: "winter", months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], hourBands: ALL_LOW, prices: { low: "50", high: "50", peak: "50" } }],
    },
    subscriptionPerMonth: "3000",
    energinetNetTariffPerKWh: "5",
    energinetSystemTariffPerKWh: "5",
    electricityTaxPerKWh: "90",
  },
};

export const DK_SUPPLY_FIXED_100: DkSupplyPriceList = {
  id: "dk-supply",
  name: "dk-supply",
  product: "DK_SUPPLY",
  market: "DK",
  currency: "DKK",
  validFrom: "2024-01-01",
  validTo: null,
  prices: { subscriptionPerMonth: "2000", energy: { kind: "fixed", pricePerKWh: "100" } },
};

export const DH: DistrictHeatingPriceList = {
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

export function series(start: string, values: number[], resolution: Series["resolution"] = "PT1H"): Series {
  return { start, resolution, values };
}

export function constant(start: string, count: number, value: number, resolution: Series["resolution"] = "PT1H"): Series {
  return series(start, new Array<number>(count).fill(value), resolution);
}

export function se(period: [string, string], consumption: Series, priceLists: PriceList[], extra: Partial<RatingInput> = {}): RatingInput {
  return { market: "SE", currency: "SEK", timeZone: "Europe/Stockholm", period: { from: period[0], to: period[1] }, consumption, priceLists, vatRates: DEMO_VAT_RATES, ...extra };
}

export function fi(period: [string, string], consumption: Series, priceLists: PriceList[], extra: Partial<RatingInput> = {}): RatingInput {
  return { market: "FI", currency: "EUR", timeZone: "Europe/Helsinki", period: { from: period[0], to: period[1] }, consumption, priceLists, vatRates: DEMO_VAT_RATES, ...extra };
}

export function dk(period: [string, string], consumption: Series, priceLists: PriceList[], extra: Partial<RatingInput> = {}): RatingInput {
  return { market: "DK", currency: "DKK", timeZone: "Europe/Copenhagen", period: { from: period[0], to: period[1] }, consumption, priceLists, vatRates: DEMO_VAT_RATES, ...extra };
}

/** [code, from, to, quantity, unit, unit price, amount, VAT %, VAT] per line: the whole invoice at a glance. */
export function table(result: RatingResult): (string | number)[][] {
  return result.lines.map((l) => [l.code, l.from, l.to, l.quantity, l.unit, l.unitPriceMinor, l.amountMinor, l.vatRatePercent, l.vatAmountMinor]);
}

export function line(result: RatingResult, code: InvoiceLine["code"], index = 0): InvoiceLine {
  const found = result.lines.filter((l) => l.code === code)[index];
  if (!found) throw new Error(`no line ${code} #${index}`);
  return found;
}

/**
 * A line's names (Swedish and English unless other languages are asked for), worded from its code
 * and parameters (its own, or those its code, product, details and start give) as every reader does.
 */
export function names<L extends InvoiceLanguage = "sv" | "en">(
  l: LineFactsForParams & { params?: LineParams },
  languages: readonly L[] = ["sv", "en"] as L[],
): Record<L, string> {
  const nameable = { code: l.code, params: l.params ?? lineParamsOf(l), description: "" };
  return Object.fromEntries(languages.map((language) => [language, lineName(nameable, language, invoiceTranslator(language))])) as Record<L, string>;
}

export function ratingError(fn: () => unknown): RatingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RatingError);
    return error as RatingError;
  }
  throw new Error("expected a RatingError");
}

// Local midnights (UTC instants) used below.
export const STHLM_2025_01_01 = "2024-12-31T23:00:00Z";
export const STHLM_2025_03_01 = "2025-02-28T23:00:00Z";
export const STHLM_2025_10_01 = "2025-09-30T22:00:00Z";
export const CPH_2025_01_01 = "2024-12-31T23:00:00Z";
export const HEL_2025_03_01 = "2025-02-28T22:00:00Z";
export const HEL_2025_10_01 = "2025-09-30T21:00:00Z";
