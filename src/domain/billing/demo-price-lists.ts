/**
 * Demo price lists and VAT rates, 2024–2026.
 *
 * ILLUSTRATIVE figures of the right magnitude for demo customers and tests, not any company's
 * published tariff. Public taxes follow the published rates as far as we know them (Swedish
 * energiskatt 42.8 / 43.9 / 36.0 öre/kWh excl. VAT for 2024 / 2025 / 2026; Danish elafgift 76.1 /
 * 72.7 øre/kWh for 2024 / 2025 and the 2026 cut to 0.8 øre; Energinet net and system tariffs of
 * about 7.4 and 5.1 øre/kWh in 2025), but a real billing run must load the authoritative figures
 * as data. All prices are in minor units (öre, øre, cents) per unit, excluding VAT.
 *
 * Each tariff is a list of consecutive versions (validFrom inclusive, validTo exclusive); a
 * customer has one supply tariff and one grid tariff per installation, so the spot and fixed
 * variants of a product are separate arrays (they would overlap if rated together).
 */

import type {
  DistrictHeatingPriceList,
  DkGridPriceList,
  DkSupplyPriceList,
  FiSupplyPriceList,
  PriceList,
  SeGridPriceList,
  SeSupplyPriceList,
  TimeOfUseBand,
  VatRate,
} from "./price-list";

export const DEMO_VAT_RATES: readonly VatRate[] = [
  { market: "SE", ratePercent: "25", validFrom: "1990-07-01", validTo: null },
  { market: "DK", ratePercent: "25", validFrom: "1992-01-01", validTo: null },
  { market: "FI", ratePercent: "24", validFrom: "2013-01-01", validTo: "2024-09-01" },
  { market: "FI", ratePercent: "25.5", validFrom: "2024-09-01", validTo: null },
];

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** Swedish grid, house with a 20 A fuse; a power fee from 2025 and a mid-2025 transfer price change. */
export const DEMO_SE_GRID: readonly SeGridPriceList[] = [
  {
    id: "se-grid-20a-2024",
    name: "Elnät säkring 20 A",
    product: "SE_GRID",
    market: "SE",
    currency: "SEK",
    validFrom: "2024-01-01",
    validTo: "2025-01-01",
    prices: { fixedFee: { amount: "28000", per: "month" }, transferPerKWh: "24", energyTaxPerKWh: "42.8" },
  },
  {
    id: "se-grid-20a-2025a",
    name: "Elnät säkring 20 A, effekttariff",
    product: "SE_GRID",
    market: "SE",
    currency: "SEK",
    validFrom: "2025-01-01",
    validTo: "2025-07-01",
    prices: {
      fixedFee: { amount: "30000", per: "month" },
      transferPerKWh: "22.4",
      energyTaxPerKWh: "43.9",
      powerFee: { pricePerKWMonth: "4500", peakCount: 3, weekdays: WEEKDAYS, fromHour: 7, toHour: 19 },
    },
  },
  {
    id: "se-grid-20a-2025b",
    name: "Elnät säkring 20 A, effekttariff",
    product: "SE_GRID",
    market: "SE",
    currency: "SEK",
    validFrom: "2025-07-01",
    validTo: "2026-01-01",
    prices: {
      fixedFee: { amount: "30000", per: "month" },
      transferPerKWh: "23.2",
      energyTaxPerKWh: "43.9",
      powerFee: { pricePerKWMonth: "4500", peakCount: 3, weekdays: WEEKDAYS, fromHour: 7, toHour: 19 },
    },
  },
  {
    id: "se-grid-20a-2026",
    name: "Elnät säkring 20 A, effekttariff",
    product: "SE_GRID",
    market: "SE",
    currency: "SEK",
    validFrom: "2026-01-01",
    validTo: null,
    prices: {
      fixedFee: { amount: "31500", per: "month" },
      transferPerKWh: "23.2",
      energyTaxPerKWh: "36",
      powerFee: { pricePerKWMonth: "4700", peakCount: 3, weekdays: WEEKDAYS, fromHour: 7, toHour: 19 },
    },
  },
];

/** Swedish supply, spot (timpris) + margin. */
export const DEMO_SE_SUPPLY_SPOT: readonly SeSupplyPriceList[] = [
  {
    id: "se-supply-spot-2024",
    name: "Timpris",
    product: "SE_SUPPLY",
    market: "SE",
    currency: "SEK",
    validFrom: "2024-01-01",
    validTo: "2025-01-01",
    prices: { monthlyFee: "3900", energy: { kind: "spot", marginPerKWh: "4.5" } },
  },
  {
    id: "se-supply-spot-2025",
    name: "Timpris",
    product: "SE_SUPPLY",
    market: "SE",
    currency: "SEK",
    validFrom: "2025-01-01",
    validTo: null,
    prices: { monthlyFee: "4900", energy: { kind: "spot", marginPerKWh: "4.9" } },
  },
];

/** Swedish supply, fixed price for two years. */
export const DEMO_SE_SUPPLY_FIXED: readonly SeSupplyPriceList[] = [
  {
    id: "se-supply-fixed-2024",
    name: "Fast pris 2 år",
    product: "SE_SUPPLY",
    market: "SE",
    currency: "SEK",
    validFrom: "2024-01-01",
    validTo: "2026-01-01",
    prices: { monthlyFee: "3900", energy: { kind: "fixed", pricePerKWh: "89.9" } },
  },
  {
    id: "se-supply-fixed-2026",
    name: "Fast pris 1 år",
    product: "SE_SUPPLY",
    market: "SE",
    currency: "SEK",
    validFrom: "2026-01-01",
    validTo: null,
    prices: { monthlyFee: "3900", energy: { kind: "fixed", pricePerKWh: "79.5" } },
  },
];

/** Finnish supply, exchange electricity (pörssisähkö) + margin; basic fee in cents per month. */
export const DEMO_FI_SUPPLY_SPOT: readonly FiSupplyPriceList[] = [
  {
    id: "fi-supply-spot-2024",
    name: "Pörssisähkö",
    product: "FI_SUPPLY",
    market: "FI",
    currency: "EUR",
    validFrom: "2024-01-01",
    validTo: "2025-01-01",
    prices: { monthlyFee: "399", energy: { kind: "spot", marginPerKWh: "0.49" } },
  },
  {
    id: "fi-supply-spot-2025",
    name: "Pörssisähkö",
    product: "FI_SUPPLY",
    market: "FI",
    currency: "EUR",
    validFrom: "2025-01-01",
    validTo: null,
    prices: { monthlyFee: "449", energy: { kind: "spot", marginPerKWh: "0.59" } },
  },
];

/** Finnish supply, fixed price (kiinteä hinta). */
export const DEMO_FI_SUPPLY_FIXED: readonly FiSupplyPriceList[] = [
  {
    id: "fi-supply-fixed-2024",
    name: "Kiinteä hinta",
    product: "FI_SUPPLY",
    market: "FI",
    currency: "EUR",
    validFrom: "2024-01-01",
    validTo: null,
    prices: { monthlyFee: "399", energy: { kind: "fixed", pricePerKWh: "8.49" } },
  },
];

/** Danish retailer: subscription 19 kr/month (seed 004) and spot + margin. */
export const DEMO_DK_SUPPLY: readonly DkSupplyPriceList[] = [
  {
    id: "dk-supply-2024",
    name: "VariabelEl",
    product: "DK_SUPPLY",
    market: "DK",
    currency: "DKK",
    validFrom: "2024-01-01",
    validTo: "2025-01-01",
    prices: { subscriptionPerMonth: "1900", energy: { kind: "spot", marginPerKWh: "4.5" } },
  },
  {
    id: "dk-supply-2025",
    name: "VariabelEl",
    product: "DK_SUPPLY",
    market: "DK",
    currency: "DKK",
    validFrom: "2025-01-01",
    validTo: null,
    prices: { subscriptionPerMonth: "1900", energy: { kind: "spot", marginPerKWh: "5" } },
  },
];

/** Danish grid hours: low 00–06, high 06–17, peak 17–21, high 21–24 (local time, all seasons). */
const DK_HOUR_BANDS: readonly TimeOfUseBand[] = Array.from({ length: 24 }, (_, hour) =>
  hour < 6 ? "low" : hour >= 17 && hour < 21 ? "peak" : "high",
);
const DK_WINTER = [1, 2, 3, 10, 11, 12] as const;
const DK_SUMMER = [4, 5, 6, 7, 8, 9] as const;

function dkGrid(
  id: string,
  validFrom: string,
  validTo: string | null,
  winter: [string, string, string],
  summer: [string, string, string],
  other: { subscription: string; net: string; system: string; tax: string },
): DkGridPriceList {
  return {
    id,
    name: "Nettarif C (time-of-use)",
    product: "DK_GRID",
    market: "DK",
    currency: "DKK",
    validFrom,
    validTo,
    prices: {
      transport: {
        seasons: [
          { season: "winter", months: DK_WINTER, hourBands: DK_HOUR_BANDS, prices: { low: winter[0], high: winter[1], peak: winter[2] } },
          { season: "summer", months: DK_SUMMER, hourBands: DK_HOUR_BANDS, prices: { low: summer[0], high: summer[1], peak: summer[2] } },
        ],
      },
      subscriptionPerMonth: other.subscription,
      energinetNetTariffPerKWh: other.net,
      energinetSystemTariffPerKWh: other.system,
      electricityTaxPerKWh: other.tax,
    },
  };
}

/** Danish grid company tariffs with Energinet tariffs and elafgift (collected on the same bill). */
export const DEMO_DK_GRID: readonly DkGridPriceList[] = [
  dkGrid("dk-grid-2024", "2024-01-01", "2025-01-01", ["14.43", "43.29", "129.87"], ["14.43", "21.64", "56.27"], {
    subscription: "4200",
    net: "7.4",
    system: "5.4",
    tax: "76.1",
  }),
  dkGrid("dk-grid-2025", "2025-01-01", "2026-01-01", ["15.3", "45.9", "137.7"], ["15.3", "22.95", "59.67"], {
    subscription: "4500",
    net: "7.4",
    system: "5.1",
    tax: "72.7",
  }),
  dkGrid("dk-grid-2026", "2026-01-01", null, ["16.07", "48.2", "144.59"], ["16.07", "24.1", "62.65"], {
    subscription: "4700",
    net: "6.1",
    system: "7.2",
    tax: "0.8",
  }),
];

const DH_WINTER = [1, 2, 3, 11, 12] as const;
const DH_SUMMER = [4, 5, 6, 7, 8, 9, 10] as const;

function dh(id: string, validFrom: string, validTo: string | null, winter: string, summer: string, power: string, flow: string, fixedPerYear: string): DistrictHeatingPriceList {
  return {
    id,
    name: "Fjärrvärme villa",
    product: "DH",
    market: "SE",
    currency: "SEK",
    validFrom,
    validTo,
    prices: {
      energy: [
        { season: "winter", months: DH_WINTER, pricePerKWh: winter },
        { season: "summer", months: DH_SUMMER, pricePerKWh: summer },
      ],
      powerPerKWYear: power,
      flowPerM3: flow,
      fixedFee: { amount: fixedPerYear, per: "year" },
    },
  };
}

/** Swedish district heating: winter (Nov–Mar) and summer energy prices, power per kW and year, flow fee. */
export const DEMO_DH: readonly DistrictHeatingPriceList[] = [
  dh("dh-villa-2024", "2024-01-01", "2025-01-01", "78.5", "36.25", "82000", "300", "190000"),
  dh("dh-villa-2025", "2025-01-01", "2026-01-01", "80.5", "37", "84000", "350", "195000"),
  dh("dh-villa-2026", "2026-01-01", null, "82.9", "38.1", "86500", "350", "199000"),
];

/** Every demo tariff by id; each value is a complete set of versions for one product. */
export const DEMO_TARIFFS: Readonly<Record<string, readonly PriceList[]>> = {
  "se-grid-20a": DEMO_SE_GRID,
  "se-supply-spot": DEMO_SE_SUPPLY_SPOT,
  "se-supply-fixed": DEMO_SE_SUPPLY_FIXED,
  "fi-supply-spot": DEMO_FI_SUPPLY_SPOT,
  "fi-supply-fixed": DEMO_FI_SUPPLY_FIXED,
  "dk-supply": DEMO_DK_SUPPLY,
  "dk-grid": DEMO_DK_GRID,
  "dh-villa": DEMO_DH,
};
