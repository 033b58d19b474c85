// The public types of rating (re-exported by ../rate.ts, which is what other modules import).
import type { Series } from "../../consumption/aggregate";
import type { Currency, Market, PriceList, Product, Season, TimeOfUseBand, VatRate } from "../price-list";
import type { VatSummaryRow } from "../vat-summary";

export type Unit = "kWh" | "kW" | "month" | "m³" | "day";

export type LineCode =
  | "SUPPLY_MONTHLY_FEE"
  | "SUPPLY_ENERGY_FIXED"
  | "SUPPLY_ENERGY_SPOT"
  | "SUPPLY_MARGIN"
  | "DK_SUPPLY_SUBSCRIPTION"
  | "SE_GRID_FIXED_FEE"
  | "SE_GRID_TRANSFER"
  | "SE_GRID_ENERGY_TAX"
  | "SE_GRID_POWER_FEE"
  | "DK_GRID_TRANSPORT_LOW"
  | "DK_GRID_TRANSPORT_HIGH"
  | "DK_GRID_TRANSPORT_PEAK"
  | "DK_GRID_SUBSCRIPTION"
  | "DK_ENERGINET_NET_TARIFF"
  | "DK_ENERGINET_SYSTEM_TARIFF"
  | "DK_ELECTRICITY_TAX"
  | "DH_FIXED_FEE"
  | "DH_ENERGY"
  | "DH_POWER"
  | "DH_FLOW";

/** Extra facts behind a line, for "explain my bill" and the PDF specification. */
export type LineDetails =
  | {
      kind: "spot";
      /** Σ(pᵢ·Eᵢ)/ΣEᵢ from `weightedAveragePrice`, minor units per kWh; null when ΣEᵢ = 0. */
      weightedAverage: number | null;
      /** Mean of the interval prices, each interval weighing the same (minor units per kWh). */
      plainAverage: number;
      /** Number of consumption intervals priced. */
      intervals: number;
      /** Intervals with a negative price. */
      negativeIntervals: number;
    }
  | { kind: "monthly"; months: { month: string; days: number; daysInMonth: number }[] }
  | { kind: "yearly"; yearlyFeeMinor: string; days: number; daysInYear: number }
  | { kind: "timeOfUse"; band: TimeOfUseBand; season: Season }
  | { kind: "season"; season: Season }
  | {
      kind: "powerFee";
      month: string;
      days: number;
      daysInMonth: number;
      peakCount: number;
      /** The hours averaged, highest first: UTC start, local date and local start hour, kWh. */
      peaks: { start: string; localDate: string; localHour: number; kWh: string }[];
    }
  | { kind: "contractedPower"; kW: string; pricePerKWYear: string; months: { month: string; days: number; daysInMonth: number }[] };

export interface InvoiceLine {
  code: LineCode;
  product: Product;
  /** Ids of the price list versions behind the line (one unless merged versions had equal prices). */
  priceListIds: string[];
  /** Local dates the line covers: `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
  /** Decimal string (kWh / m³ / kW with 3 decimals; months up to 4; days whole). */
  quantity: string;
  unit: Unit;
  /** Decimal string in minor units per unit, excluding VAT. */
  unitPriceMinor: string;
  /** Integer minor units, excluding VAT, rounded once half away from zero. */
  amountMinor: number;
  vatRatePercent: string;
  /** Integer minor units: amountMinor × vatRatePercent / 100 rounded half away from zero. */
  vatAmountMinor: number;
  details?: LineDetails;
}

interface RatingTotals {
  netMinor: number;
  vatMinor: number;
  totalMinor: number;
}

export interface RatingResult {
  market: Market;
  currency: Currency;
  period: { from: string; to: string };
  lines: InvoiceLine[];
  totals: RatingTotals;
  /** Net and VAT per VAT rate (sums of the lines), in order of first appearance. */
  vatSummary: VatSummaryRow[];
}

export interface RatingInput {
  market: Market;
  currency: Currency;
  /** IANA zone of the installation, e.g. "Europe/Stockholm". */
  timeZone: string;
  /** Local dates: `from` inclusive, `to` exclusive. */
  period: { from: string; to: string };
  /** kWh per interval at PT15M or PT1H; NaN = missing. Must cover the whole period. */
  consumption: Series;
  /** Spot prices in minor units per kWh (see the module comment); needed for spot contracts. */
  spotPrices?: Series | readonly Series[];
  /** District heating: m³ per interval; needed when a DH list has a flow fee. */
  volume?: Series;
  /** District heating: the installation's contracted power in kW (decimal string, ≤ 3 decimals). */
  contractedPowerKw?: string;
  /** Every version of every product to rate (each product present is rated). */
  priceLists: readonly PriceList[];
  /** VAT rates with validity; those of `market` apply. */
  vatRates: readonly VatRate[];
}
