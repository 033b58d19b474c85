/**
 * What a billing run stores with an issued invoice, besides its amounts: the lines as the domain
 * builds them (`BillLine`, one `InvoiceLine` row each, in order) and the figures that explain the
 * bill (`InvoiceExplanation`, the `Invoice.explanation` JSON). Pure types and small builders: the
 * invoice pages, the PDF and "explain my bill" read these shapes.
 *
 * Amounts are integer minor units (öre, øre, cents); quantities and unit prices are decimal strings
 * (kWh with 3 decimals, unit prices in minor units per unit). Dates are local ISO dates of the
 * installation; `to` is exclusive.
 */

import type { LineDetails, LocalizedText } from "./rate";
import type { Currency, Market } from "./price-list";

/** Where a line belongs on the bill. Monthly bills have only "period" lines (and credit notes "credit"). */
export type LineSection =
  /** A line of the billed period (monthly invoice). */
  | "period"
  /** Danish quarterly bill: the settled quarter's actual consumption ("Opgørelse"). */
  | "settlement"
  /** Danish quarterly bill: credit of the aconto prepaid for the settled quarter ("Fradrag for betalt aconto"). */
  | "deduction"
  /** Danish quarterly bill: the prepayment for the coming quarter ("Aconto … kommende kvartal"). */
  | "aconto"
  /** Credit note: a line of the credited invoice with the opposite sign. */
  | "credit";

/** Texts of a line: Swedish (stored in InvoiceLine.description) and English; Danish where the term is Danish. */
export type LineText = LocalizedText & { da?: string };

/** One invoice line as stored: `InvoiceLine` gets position, code, description (sv), quantity … */
export interface BillLine {
  code: string;
  section: LineSection;
  /** Price-list product (SE_GRID, DK_SUPPLY, …) for rated lines. */
  product?: string;
  description: LineText;
  /** Decimal string; negative on credit and deduction lines. */
  quantity: string;
  unit: string;
  /** Decimal string in minor units per unit, excluding VAT. */
  unitPriceMinor: string;
  amountMinor: number;
  vatRatePercent: string;
  vatAmountMinor: number;
  /** Local dates the line covers (`to` exclusive). */
  from: string;
  to: string;
  /** PriceList row ids behind the line. */
  priceListIds: string[];
  details?: LineDetails | Record<string, unknown>;
}

export interface BillTotals {
  netMinor: number;
  vatMinor: number;
  totalMinor: number;
}

/** Line facts kept in the explanation, by position (1-based, as InvoiceLine.position). */
export interface ExplainedLine {
  position: number;
  code: string;
  section: LineSection;
  product?: string;
  description: LineText;
  from: string;
  to: string;
  priceListIds: string[];
  details?: LineDetails | Record<string, unknown>;
}

export interface SpotFacts {
  /** Consumption-weighted average Σ(pᵢ·Eᵢ)/ΣEᵢ in minor units per kWh (4 decimals), as on the line. */
  weightedAverage: string;
  /** Plain (time-weighted) average of the interval prices, minor units per kWh (4 decimals). */
  plainAverage: string;
  /** weighted − plain (4 decimals): negative when more was used in cheap hours. */
  differenceMinor: string;
  intervals: number;
  negativeIntervals: number;
  priceArea: string;
}

/**
 * Danish quarterly aconto bill (seed 004): the settled quarter's actual consumption, the aconto
 * prepaid for it, and the aconto for the coming quarter. Amounts include VAT.
 */
export interface AcontoFacts {
  settledPeriod: { from: string; to: string };
  /** Measured kWh of the settled quarter (3 decimals). */
  actualKwh: string;
  /** kWh prepaid for the settled quarter (null on a first bill). */
  prepaidKwh: string | null;
  actualAmountMinor: number;
  prepaidAmountMinor: number;
  /** actual − prepaid: positive = to pay extra, negative = money back (set off on this bill). */
  differenceMinor: number;
  /** The bill that prepaid the settled quarter. */
  prepaidInvoice: { id: string; invoiceNumber: string } | null;
  nextPeriod: { from: string; to: string };
  /** Whole kWh expected in the coming quarter (acontoForPeriod), as a decimal string. */
  nextKwh: string;
  nextAmountMinor: number;
  /** Expected yearly consumption (whole kWh) and its basis. */
  expectedYearlyKwh: number;
  /** Last year's measured consumption and days (scaled to 365 days); null when the contract's figure was used. */
  basis: { kWh: number; days: number; from: string; to: string } | null;
  basisSource: "measured" | "contract";
  /** Spot price assumed for the coming quarter (minor units per kWh), when the energy is spot-priced. */
  assumedSpotMinor: string | null;
  /** The estimate item by item (the same items as the settlement, rated on an even profile). */
  nextLines: { code: string; description: LineText; quantity: string; unit: string; unitPriceMinor: string; amountMinor: number; vatAmountMinor: number }[];
}

export interface CorrectionFacts {
  /** Plain English: what was corrected and why. */
  reason: string;
  reasons: CorrectionReason[];
  correctsInvoiceId: string;
  correctsInvoiceNumber: string;
  creditNoteId: string;
  creditNoteNumber: string;
  version: number;
  previous: { totalMinor: number; kWh: string | null };
  current: { totalMinor: number; kWh: string | null };
  /** current − previous. */
  differenceMinor: number;
  /** Payments made on earlier versions of this period's invoice; they count towards this one. */
  paidOnEarlierVersionsMinor: number;
  /** What remains to pay on this invoice after those payments (0 when they cover it). */
  toPayMinor: number;
  /** What is owed back to the customer when earlier payments exceed this invoice. */
  toRefundMinor: number;
}

export type CorrectionReason =
  | { kind: "METER_VALUES"; revisions: number; firstInterval: string; lastInterval: string }
  | { kind: "PRICE_LIST"; priceListIds: string[] }
  | { kind: "RERATED" };

/** `Invoice.explanation` as a billing run writes it. */
export interface BillingExplanation {
  version: 1;
  kind: "INVOICE" | "CREDIT_NOTE";
  market: Market;
  currency: Currency;
  cycle: "MONTHLY" | "QUARTERLY_ACONTO";
  timeZone: string;
  /** The billed period in local dates (`to` exclusive); for a Danish bill, the settled quarter. */
  period: { from: string; to: string };
  contract: { id: string; contractNumber: string; productName: string; pricing: string; priceProducts: string[] };
  installation: { id: string; meteringPointId: string; priceArea: string; resolution: "PT15M" | "PT1H" };
  /** kWh of the period (3 decimals) and intervals read; null for a credit note. */
  consumption: { kWh: string; intervals: number; resolution: "PT15M" | "PT1H" } | null;
  lines: ExplainedLine[];
  totals: BillTotals;
  vatSummary: { ratePercent: string; netMinor: number; vatMinor: number }[];
  priceLists: { id: string; product: string; name: string; validFrom: string; validTo: string | null }[];
  spot: SpotFacts | null;
  /** District heating and cooling: the billed power and the day that set it. */
  billingPower: { kW: string; date: string; rule: "highest-daily-mean-power-in-period" } | null;
  aconto: AcontoFacts | null;
  correction: CorrectionFacts | null;
  /** Credit notes: the invoice credited in full. */
  credits: { invoiceId: string; invoiceNumber: string; totalMinor: number; replacedByInvoiceNumber: string; reason: string } | null;
  payment: { scheme: "SE_OCR" | "FI_REFERENCE" | "DK_FIK71"; reference: string; invoiceDate: string; dueDate: string; termDays: number };
  /** Estimated dates of the next regular invoice (seed 003: "förfallodag för följande faktura"). */
  nextInvoice: { periodFrom: string; periodTo: string; invoiceDate: string; dueDate: string } | null;
}

/** Sums of the lines: net, VAT (per-line VAT summed, as the rating's VAT rule) and total. */
export function totalsOf(lines: readonly Pick<BillLine, "amountMinor" | "vatAmountMinor">[]): BillTotals {
  let net = 0;
  let vat = 0;
  for (const line of lines) {
    net += line.amountMinor;
    vat += line.vatAmountMinor;
  }
  if (!Number.isSafeInteger(net) || !Number.isSafeInteger(vat)) throw new RangeError("Invoice totals are beyond the safe-integer range");
  return { netMinor: net, vatMinor: vat, totalMinor: net + vat };
}

/** Net and VAT per VAT rate, in order of first appearance. */
export function vatSummaryOf(lines: readonly Pick<BillLine, "amountMinor" | "vatAmountMinor" | "vatRatePercent">[]) {
  const out: { ratePercent: string; netMinor: number; vatMinor: number }[] = [];
  for (const line of lines) {
    let entry = out.find((e) => e.ratePercent === line.vatRatePercent);
    if (!entry) out.push((entry = { ratePercent: line.vatRatePercent, netMinor: 0, vatMinor: 0 }));
    entry.netMinor += line.amountMinor;
    entry.vatMinor += line.vatAmountMinor;
  }
  return out;
}

/** Negates a decimal string exactly ("12.500" → "-12.500", "-3" → "3", "0.000" stays). */
export function negateDecimal(text: string): string {
  if (/^-?0*(\.0*)?$/.test(text)) return text.replace(/^-/, "");
  return text.startsWith("-") ? text.slice(1) : `-${text}`;
}

/**
 * The lines of a credit note for `lines`: every line with the opposite quantity, amount and VAT
 * (the unit price kept), so the credit note nets the original to exactly zero, line by line.
 */
export function creditLines(lines: readonly BillLine[], creditedInvoiceNumber: string): BillLine[] {
  return lines.map((line) => ({
    ...line,
    section: "credit" as const,
    description: {
      sv: `Kreditering faktura ${creditedInvoiceNumber}: ${line.description.sv}`,
      en: `Credit of invoice ${creditedInvoiceNumber}: ${line.description.en}`,
      ...(line.description.da ? { da: `Kreditering af faktura ${creditedInvoiceNumber}: ${line.description.da}` } : {}),
    },
    quantity: negateDecimal(line.quantity),
    amountMinor: line.amountMinor === 0 ? 0 : -line.amountMinor,
    vatAmountMinor: line.vatAmountMinor === 0 ? 0 : -line.vatAmountMinor,
  }));
}
