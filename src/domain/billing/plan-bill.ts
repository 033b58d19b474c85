/**
 * Planning a bill from a rated period, before invoice numbers and payment references are known:
 * a monthly bill (the rated lines), a Danish quarterly aconto bill (settlement, deduction of the
 * prepaid aconto, next aconto) and such a bill again after a correction (the settlement rated anew,
 * the deduction and the next aconto carried over). Pure TypeScript; the billing run
 * (src/server/billing/run-billing.ts) reads the data and writes the result.
 */
import { addYears, type Resolution } from "../time/zoned";
import {
  acontoKWhForQuarter,
  billLineOf,
  buildQuarterlyAcontoBill,
  constantPriceSeries,
  evenConsumption,
  expectedYearlyConsumption,
  nextPeriod,
  type BillingPeriod,
  type PrepaidAcontoLine,
} from "./billing-period";
import type { BillingPower } from "./billing-power";
import { totalsOf, type AcontoFacts, type BillLine, type BillTotals, type SpotFacts } from "./invoice-explanation";
import { lineParamsOf } from "./line-catalogue";
import { formatMilli } from "./money";
import type { Currency, Market, PriceList, VatRate } from "./price-list";
import { RatingError, rateConsumption, type RatingResult } from "./rate";
import type { PriceListVersion } from "./rating-hash";

/** A contract as a billing run bills it: the contract, its installation and its customer's market. */
export interface BillingContract {
  id: string;
  contractNumber: string;
  productName: string;
  pricing: string;
  startDate: string;
  /** The contract's last day (inclusive), or null. */
  endDate: string | null;
  expectedYearlyKwh: number | null;
  /** Tariff keys of the price lists the contract is rated with. */
  priceProducts: string[];
  customerId: string;
  installationId: string;
  meteringPointId: string;
  priceArea: string;
  timeZone: string;
  resolution: Resolution;
  market: Market;
  currency: Currency;
}

/** A contract's period as rated: the rating, its hash and the facts a bill's explanation shows. */
export interface RatedSpan {
  result: RatingResult;
  hash: string;
  /** kWh of the span (3 decimals). */
  kWh: string;
  intervals: number;
  /** The price list versions in force in the span. */
  lists: PriceListVersion[];
  spot: SpotFacts | null;
  power: BillingPower | null;
}

/** A bill ready to store, before invoice numbers and payment references are known. */
export interface PlannedBill {
  span: BillingPeriod;
  lines: BillLine[];
  totals: BillTotals;
  ratingHash: string;
  kWh: string;
  intervals: number;
  lists: PriceListVersion[];
  spot: SpotFacts | null;
  billingPower: BillingPower | null;
  aconto: AcontoFacts | null;
}

/** The aconto an earlier bill charged for the quarter now settled. */
interface PrepaidAconto {
  invoiceId: string;
  invoiceNumber: string;
  lines: PrepaidAcontoLine[];
}

const DAY_MS = 86_400_000;

/** The part of the period the contract covers (its end date is its last day). */
export function spanOf(contract: Pick<BillingContract, "startDate" | "endDate">, period: BillingPeriod): BillingPeriod {
  const from = contract.startDate > period.from ? contract.startDate : period.from;
  const endExclusive = contract.endDate === null ? null : new Date(Date.parse(`${contract.endDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const to = endExclusive !== null && endExclusive < period.to ? endExclusive : period.to;
  return { from, to };
}

/** Σ kWh of a series, each value rounded once to Wh as the rating does, with 3 decimals. */
export function kWhOf(values: Float64Array): string {
  let wh = 0;
  for (let i = 0; i < values.length; i++) wh += Math.round(values[i]! * 1000);
  return formatMilli(wh);
}

/** The spot facts of a rating (weighted against plain average), or null without a spot line. */
export function spotFactsOf(result: RatingResult, area: string): SpotFacts | null {
  const line = result.lines.find((l) => l.code === "SUPPLY_ENERGY_SPOT");
  if (!line || line.details?.kind !== "spot") return null;
  const plain = line.details.plainAverage;
  const weighted = Number(line.unitPriceMinor);
  return {
    weightedAverage: line.unitPriceMinor,
    plainAverage: plain.toFixed(4),
    differenceMinor: (Math.round((weighted - plain) * 1e4) / 1e4).toFixed(4),
    intervals: line.details.intervals,
    negativeIntervals: line.details.negativeIntervals,
    priceArea: area,
  };
}

function billOf(span: BillingPeriod, rated: RatedSpan, lines: BillLine[], aconto: AcontoFacts | null): PlannedBill {
  return { span, lines, totals: totalsOf(lines), ratingHash: rated.hash, kWh: rated.kWh, intervals: rated.intervals, lists: rated.lists, spot: rated.spot, billingPower: rated.power, aconto };
}

/** A monthly bill: the rated lines of the span. */
export function monthlyBill(span: BillingPeriod, rated: RatedSpan): PlannedBill {
  return billOf(span, rated, rated.result.lines.map((l) => billLineOf(l, "period")), null);
}

export interface QuarterlyBillInput {
  contract: BillingContract;
  /** The billed quarter. */
  period: BillingPeriod;
  /** The part of the quarter the contract covers. */
  span: BillingPeriod;
  rated: RatedSpan;
  /** Complete local days measured in the year ending with the quarter (Wh and days), if any. */
  annual: { wh: number; days: number } | undefined;
  /** The aconto prepaid for the quarter, or null. */
  prepaid: PrepaidAconto | null;
  /** The contract's price lists (every version), to rate the next quarter's estimate. */
  priceLists: readonly PriceList[];
  vatRates: readonly VatRate[];
  /**
   * For spot-priced energy: the plain mean spot price of the span (minor units per kWh) or null
   * when none; absent for a contract without spot prices. Called only when the bill needs it.
   */
  spotMean?: () => number | null;
}

/**
 * A first Danish quarterly bill for the quarter: settlement, deduction of the prepaid aconto, next
 * aconto (none once the contract has ended). Throws RatingError when the aconto cannot be estimated.
 */
export function quarterlyBill(input: QuarterlyBillInput): PlannedBill {
  const { contract, period, span, rated } = input;
  const next = nextPeriod("QUARTERLY_ACONTO", period);
  const ended = contract.endDate !== null && contract.endDate < next.from;
  const annual = input.annual ?? { wh: 0, days: 0 };
  const expected = expectedYearlyConsumption({ measuredKWh: annual.wh / 1000, measuredDays: annual.days, contractExpectedYearlyKWh: contract.expectedYearlyKwh });
  if (!expected && !ended) {
    throw new RatingError(
      "MISSING_CONSUMPTION",
      `No expected yearly consumption for the aconto: nothing was measured at ${contract.meteringPointId} in the year before ${span.to} and the contract has no expected yearly consumption`,
      span.from,
    );
  }
  const nextKWh = ended ? 0 : acontoKWhForQuarter(expected!.kWh, next);
  let assumedSpot: number | null = null;
  if (!ended && input.spotMean) {
    assumedSpot = rated.spot ? Number(rated.spot.weightedAverage) : input.spotMean();
    if (assumedSpot === null) throw new RatingError("MISSING_SPOT_PRICE", `No spot price in ${span.from}–${span.to} to estimate the next aconto from`, span.from);
  }
  const nextEstimate = ended
    ? null
    : rateConsumption({
        market: contract.market,
        currency: contract.currency,
        timeZone: contract.timeZone,
        period: next,
        consumption: evenConsumption(nextKWh * 1000, next, contract.timeZone, contract.resolution),
        ...(assumedSpot !== null ? { spotPrices: constantPriceSeries(assumedSpot, next, contract.timeZone) } : {}),
        priceLists: input.priceLists,
        vatRates: input.vatRates,
      });
  const prepaid = input.prepaid && input.prepaid.lines.length ? input.prepaid : null;
  const built = buildQuarterlyAcontoBill({
    settled: span,
    settlement: rated.result,
    prepaid: prepaid ? { invoiceNumber: prepaid.invoiceNumber, lines: prepaid.lines } : null,
    next,
    nextKWh,
    nextEstimate: nextEstimate ?? { ...rated.result, lines: [], totals: { netMinor: 0, vatMinor: 0, totalMinor: 0 } },
  });
  const lines = ended ? built.lines.filter((l) => l.section !== "aconto") : built.lines;
  const prepaidKWh = prepaid ? formatMilli(prepaid.lines.reduce((s, l) => s + Math.round(Number(l.quantity) * 1000), 0)) : null;
  const aconto: AcontoFacts = {
    settledPeriod: span,
    actualKwh: rated.kWh,
    prepaidKwh: prepaidKWh,
    actualAmountMinor: built.settlementTotals.totalMinor,
    prepaidAmountMinor: built.prepaidTotals.totalMinor,
    differenceMinor: built.differenceMinor,
    prepaidInvoice: prepaid ? { id: prepaid.invoiceId, invoiceNumber: prepaid.invoiceNumber } : null,
    nextPeriod: next,
    nextKwh: String(nextKWh),
    nextAmountMinor: ended ? 0 : built.nextTotals.totalMinor,
    expectedYearlyKwh: expected?.kWh ?? 0,
    basis: expected?.source === "measured" ? { kWh: annual.wh / 1000, days: annual.days, from: addYears(period.to, -1), to: period.to } : null,
    basisSource: expected?.source ?? "contract",
    assumedSpotMinor: assumedSpot === null ? null : assumedSpot.toFixed(4),
    nextLines: (nextEstimate?.lines ?? []).map((l) => ({
      code: l.code,
      params: lineParamsOf(l),
      quantity: l.quantity,
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor,
      amountMinor: l.amountMinor,
      vatAmountMinor: l.vatAmountMinor,
    })),
  };
  return billOf(span, rated, lines, aconto);
}

/**
 * A Danish bill again: the settlement rated anew; `carried` (the stored bill's ACONTO_DEDUCTION and
 * ACONTO_NEXT lines) and the stored aconto facts `before` carried over, with the new actual figures.
 */
export function correctedQuarterlyBill(span: BillingPeriod, rated: RatedSpan, carried: readonly BillLine[], before: AcontoFacts | null | undefined): PlannedBill {
  const settlement = rated.result.lines.map((l) => billLineOf(l, "settlement"));
  const settlementTotals = totalsOf(settlement);
  const aconto: AcontoFacts | null = before
    ? {
        ...before,
        actualKwh: rated.kWh,
        actualAmountMinor: settlementTotals.totalMinor,
        differenceMinor: settlementTotals.totalMinor - before.prepaidAmountMinor,
      }
    : null;
  return billOf(span, rated, [...settlement, ...carried], aconto);
}

/** The codes of the stored lines a corrected quarterly bill carries over unchanged. */
export const CARRIED_ACONTO_CODES: readonly string[] = ["ACONTO_DEDUCTION", "ACONTO_NEXT"];
