/**
 * What a billing run stores with an issued invoice, besides its amounts: the lines as the domain
 * builds them (`BillLine`, one `InvoiceLine` row each, in order) and the figures that explain the
 * bill (`BillingExplanation`, the `Invoice.explanation` JSON, one versioned zod schema that the
 * writer parses before it stores and every reader parses when it reads). Pure TypeScript.
 *
 * Amounts are integer minor units (öre, øre, cents); quantities and unit prices are decimal strings
 * (kWh with 3 decimals, unit prices in minor units per unit). Dates are local ISO dates of the
 * installation; `to` is exclusive.
 */

import { z } from "zod";
import { lineParamsOf, lineParamsSchema, type LineParams } from "./line-catalogue";
import type { LineDetails } from "./rate";

/** Where a line belongs on the bill. Monthly bills have only "period" lines (and credit notes "credit"). */
export const storedSectionSchema = z.enum([
  /** A line of the billed period (monthly invoice). */
  "period",
  /** Danish quarterly bill: the settled quarter's actual consumption ("Opgørelse"). */
  "settlement",
  /** Danish quarterly bill: credit of the aconto prepaid for the settled quarter ("Fradrag for betalt aconto"). */
  "deduction",
  /** Danish quarterly bill: the prepayment for the coming quarter ("Aconto … kommende kvartal"). */
  "aconto",
  /** Credit note: a line of the credited invoice with the opposite sign. */
  "credit",
]);
export type StoredSection = z.infer<typeof storedSectionSchema>;

/** One invoice line as stored: `InvoiceLine` gets position, code, params, the issued text, quantity … */
export interface BillLine {
  code: string;
  section: StoredSection;
  /** Price-list product (SE_GRID, DK_SUPPLY, …) for rated lines. */
  product?: string;
  /** The wording's parameters; when absent they follow from code, product, details and `from`. */
  params?: LineParams;
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

/** The parameters of a bill line: its own, or those its code, product, details and dates give. */
export function billLineParams(line: Pick<BillLine, "code" | "product" | "params" | "details" | "from">): LineParams {
  return line.params ?? lineParamsOf(line);
}

// ---------------------------------------------------------------------------------------------
// `Invoice.explanation`: one versioned schema, written by the billing run and read by every reader

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const period = z.object({ from: isoDate, to: isoDate });
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const minor = z.number().int();
const totals = z.object({ netMinor: minor, vatMinor: minor, totalMinor: minor });
const market = z.enum(["SE", "DK", "FI"]);
const currency = z.enum(["SEK", "DKK", "EUR"]);
const resolution = z.enum(["PT15M", "PT1H"]);

/** A rating line's `details` (rate.ts `LineDetails`, aconto lines' own kinds): kept as rated. */
const lineDetails = z.looseObject({ kind: z.string() });

export type BillTotals = z.infer<typeof totals>;

/** Line facts kept in the explanation, by position (1-based, as InvoiceLine.position). */
const explainedLineSchema = z.object({
  position: z.number().int().positive(),
  code: z.string().min(1),
  section: storedSectionSchema,
  product: z.string().optional(),
  params: lineParamsSchema,
  from: isoDate,
  to: isoDate,
  priceListIds: z.array(z.string()),
  details: lineDetails.optional(),
});
export type ExplainedLine = z.infer<typeof explainedLineSchema>;

const spotFactsSchema = z.object({
  /** Consumption-weighted average Σ(pᵢ·Eᵢ)/ΣEᵢ in minor units per kWh (4 decimals), as on the line. */
  weightedAverage: decimal,
  /** Plain (time-weighted) average of the interval prices, minor units per kWh (4 decimals). */
  plainAverage: decimal,
  /** weighted − plain (4 decimals): negative when more was used in cheap hours. */
  differenceMinor: decimal,
  intervals: z.number().int(),
  negativeIntervals: z.number().int(),
  priceArea: z.string(),
});
export type SpotFacts = z.infer<typeof spotFactsSchema>;

/**
 * Danish quarterly aconto bill (seed 004): the settled quarter's actual consumption, the aconto
 * prepaid for it, and the aconto for the coming quarter. Amounts include VAT.
 */
const acontoFactsSchema = z.object({
  settledPeriod: period,
  /** Measured kWh of the settled quarter (3 decimals). */
  actualKwh: decimal,
  /** kWh prepaid for the settled quarter (null on a first bill). */
  prepaidKwh: decimal.nullable(),
  actualAmountMinor: minor,
  prepaidAmountMinor: minor,
  /** actual − prepaid: positive = to pay extra, negative = money back (set off on this bill). */
  differenceMinor: minor,
  /** The bill that prepaid the settled quarter. */
  prepaidInvoice: z.object({ id: z.string(), invoiceNumber: z.string() }).nullable(),
  nextPeriod: period,
  /** Whole kWh expected in the coming quarter (acontoForPeriod), as a decimal string. */
  nextKwh: decimal,
  nextAmountMinor: minor,
  /** Expected yearly consumption (whole kWh) and its basis. */
  expectedYearlyKwh: z.number().int(),
  /** Last year's measured consumption and days (scaled to 365 days); null when the contract's figure was used. */
  basis: z.object({ kWh: z.number(), days: z.number().int(), from: isoDate, to: isoDate }).nullable(),
  basisSource: z.enum(["measured", "contract"]),
  /** Spot price assumed for the coming quarter (minor units per kWh), when the energy is spot-priced. */
  assumedSpotMinor: decimal.nullable(),
  /** The estimate item by item (the same items as the settlement, rated on an even profile). */
  nextLines: z.array(
    z.object({ code: z.string(), params: lineParamsSchema, quantity: decimal, unit: z.string(), unitPriceMinor: decimal, amountMinor: minor, vatAmountMinor: minor }),
  ),
});
export type AcontoFacts = z.infer<typeof acontoFactsSchema>;

const correctionReasonSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("METER_VALUES"), revisions: z.number().int(), firstInterval: z.string(), lastInterval: z.string() }),
  z.object({ kind: z.literal("PRICE_LIST"), priceListIds: z.array(z.string()) }),
  z.object({ kind: z.literal("RERATED") }),
]);
export type CorrectionReason = z.infer<typeof correctionReasonSchema>;

const correctionFactsSchema = z.object({
  /** Plain English: what was corrected and why (for staff and logs; the portal words `reasons`). */
  reason: z.string(),
  reasons: z.array(correctionReasonSchema),
  correctsInvoiceId: z.string(),
  correctsInvoiceNumber: z.string(),
  creditNoteId: z.string(),
  creditNoteNumber: z.string(),
  version: z.number().int(),
  previous: z.object({ totalMinor: minor, kWh: decimal.nullable() }),
  current: z.object({ totalMinor: minor, kWh: decimal.nullable() }),
  /** current − previous. */
  differenceMinor: minor,
  /** Payments made on earlier versions of this period's invoice; they count towards this one. */
  paidOnEarlierVersionsMinor: z.number(),
  /** What remains to pay on this invoice after those payments (0 when they cover it). */
  toPayMinor: z.number(),
  /** What is owed back to the customer when earlier payments exceed this invoice. */
  toRefundMinor: z.number(),
});
export type CorrectionFacts = z.infer<typeof correctionFactsSchema>;

/** The version a billing run writes now; older stored shapes are read by ./invoice-explanation-read.ts. */
export const EXPLANATION_VERSION = 2;

/** `Invoice.explanation` as a billing run writes it (version 2). */
export const billingExplanationSchema = z.object({
  version: z.literal(EXPLANATION_VERSION),
  kind: z.enum(["INVOICE", "CREDIT_NOTE"]),
  market,
  currency,
  cycle: z.enum(["MONTHLY", "QUARTERLY_ACONTO"]),
  timeZone: z.string(),
  /** The billed period in local dates (`to` exclusive); for a Danish bill, the settled quarter. */
  period,
  contract: z.object({ id: z.string(), contractNumber: z.string(), productName: z.string(), pricing: z.string(), priceProducts: z.array(z.string()) }),
  installation: z.object({ id: z.string(), meteringPointId: z.string(), priceArea: z.string(), resolution }),
  /** kWh of the period (3 decimals) and intervals read; null for a credit note. */
  consumption: z.object({ kWh: decimal, intervals: z.number().int(), resolution }).nullable(),
  lines: z.array(explainedLineSchema),
  totals,
  vatSummary: z.array(z.object({ ratePercent: decimal, netMinor: minor, vatMinor: minor })),
  priceLists: z.array(z.object({ id: z.string(), product: z.string(), name: z.string(), validFrom: isoDate, validTo: isoDate.nullable() })),
  spot: spotFactsSchema.nullable(),
  /** District heating and cooling: the billed power and the day that set it. */
  billingPower: z.object({ kW: decimal, date: isoDate, rule: z.literal("highest-daily-mean-power-in-period") }).nullable(),
  aconto: acontoFactsSchema.nullable(),
  correction: correctionFactsSchema.nullable(),
  /** Credit notes: the invoice credited in full. */
  credits: z.object({ invoiceId: z.string(), invoiceNumber: z.string(), totalMinor: minor, replacedByInvoiceNumber: z.string(), reason: z.string() }).nullable(),
  payment: z.object({ scheme: z.enum(["SE_OCR", "FI_REFERENCE", "DK_FIK71"]), reference: z.string(), invoiceDate: isoDate, dueDate: isoDate, termDays: z.number().int() }),
  /** Estimated dates of the next regular invoice (seed 003: "förfallodag för följande faktura"). */
  nextInvoice: z.object({ periodFrom: isoDate, periodTo: isoDate, invoiceDate: isoDate, dueDate: isoDate }).nullable(),
});
export type BillingExplanation = z.infer<typeof billingExplanationSchema>;

/** The explanation of bill lines, by position, as the billing run stores it. */
export function explainedLines(lines: readonly BillLine[]): ExplainedLine[] {
  return lines.map((l, i) => ({
    position: i + 1,
    code: l.code,
    section: l.section,
    ...(l.product ? { product: l.product } : {}),
    params: billLineParams(l),
    from: l.from,
    to: l.to,
    priceListIds: l.priceListIds,
    ...(l.details ? { details: l.details as ExplainedLine["details"] } : {}),
  }));
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
    params: { ...billLineParams(line), creditedInvoiceNumber },
    quantity: negateDecimal(line.quantity),
    amountMinor: line.amountMinor === 0 ? 0 : -line.amountMinor,
    vatAmountMinor: line.vatAmountMinor === 0 ? 0 : -line.vatAmountMinor,
  }));
}
