/**
 * "Explain my bill": what each line of an invoice is, who receives the money, why the spot price
 * on the bill differs from the plain average, how a Danish aconto bill settles the past quarter,
 * what a correction corrected, and when the next invoice is expected. Pure TypeScript.
 *
 * This module decides WHAT is said and computes every figure exactly (integer minor units, exact
 * decimal strings); the page words it in Swedish or English from `messages/<locale>/invoices.json`
 * (one message per line code and per explanation kind), so the rules are tested once here.
 *
 * Inputs are the stored invoice (lines as stored: code, parameters, issued text, decimals as
 * strings) and the billing run's `Invoice.explanation` JSON, read by `readExplanationFacts`
 * (./invoice-explanation-read.ts: the current schema strictly, older shapes leniently, so invoices
 * written before or outside a billing run still explain). What is missing is derived from the
 * lines where it can be (the aconto settlement from the aconto lines) or left out (a spot
 * comparison without the plain average). What a line is and who is paid come from the line
 * catalogue (./line-catalogue.ts); its name in a language from `explainedLineName`.
 */

import { addDays, addMonths, daysBetween } from "../time/zoned";
import {
  catalogueCodeOf,
  legacyLineParams,
  readExplanationFacts,
  storedLineParams,
  type AcontoReading,
  type CorrectionReasonKind,
  type LineFacts,
} from "./invoice-explanation-read";
import type { StoredSection } from "./invoice-explanation";
import { isCatalogueCode, lineCategory as catalogueCategory, type LineCategory, type LineParams, type Recipient } from "./line-catalogue";
import { lineName, type InvoiceLanguage, type Translate } from "./line-name";
import { formatFraction, sumMinor, PRICE_SCALE } from "./money";
import { vatSummaryOf, type VatSummaryRow } from "./vat-summary";

// ---------------------------------------------------------------------------------------------
// Input

/** A line's figures as stored: exact decimal strings and whole minor units. */
interface LineFigures {
  /** Exact decimal as stored ("743.000", "0.5161"). */
  quantity: string;
  unit: string;
  /** Minor units per unit, exact decimal ("42.375"). */
  unitPriceMinor: string;
  amountMinor: number;
  /** Percent, exact decimal ("25", "25.5"). */
  vatRate: string;
  vatAmountMinor: number;
}

/** An issued invoice line as stored; the one declaration the run's and the readers' line rows derive from. */
export interface ExplainLine extends LineFigures {
  position: number;
  code: string;
  /** `InvoiceLine.params` as stored (null on lines written before the catalogue). */
  params?: unknown;
  /** The text as issued. */
  description: string;
}

export interface ExplainInput {
  kind: "INVOICE" | "CREDIT_NOTE";
  /** YYYY-MM-DD; `periodEnd` exclusive. */
  invoiceDate: string;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  netAmountMinor: number;
  vatAmountMinor: number;
  totalAmountMinor: number;
  billingCycle: "MONTHLY" | "QUARTERLY_ACONTO" | null;
  lines: readonly ExplainLine[];
  /** The invoice this one corrects, if any. */
  corrects: { invoiceNumber: string; periodStart: string; periodEnd: string; totalAmountMinor: number } | null;
  /** `Invoice.explanation` as stored (any JSON). */
  facts: unknown;
}

// ---------------------------------------------------------------------------------------------
// Line categories (the catalogue) and sections

export type { LineCategory, Recipient } from "./line-catalogue";

/** What a line is and who receives the money, by the catalogue; older aconto codes by theirs. */
export function lineCategory(code: string, amountMinor = 0): { category: LineCategory; recipient: Recipient } {
  return catalogueCategory(catalogueCodeOf(code, amountMinor));
}

/**
 * Where a line belongs on a Danish quarterly bill: the settlement of the past quarter (its rated
 * lines, and the aconto paid for it taken off), or the aconto for the coming quarter. Lines of
 * other bills are "regular".
 */
export type BillSection = "regular" | "settlement" | "prepaid" | "nextAconto";

export function lineSection(line: { code: string; amountMinor: number }, quarterly: boolean, stored: StoredSection | null = null): BillSection {
  if (stored) return SECTION_OF_STORED[stored];
  const code = catalogueCodeOf(line.code, line.amountMinor);
  if (code === "ACONTO_DEDUCTION") return "prepaid";
  if (code === "ACONTO_NEXT") return line.amountMinor < 0 ? "prepaid" : "nextAconto";
  return quarterly ? "settlement" : "regular";
}

const SECTION_OF_STORED: Readonly<Record<StoredSection, BillSection>> = {
  period: "regular",
  credit: "regular",
  settlement: "settlement",
  deduction: "prepaid",
  aconto: "nextAconto",
};

/** True when the bill is an aconto bill: its cycle says so, or it has aconto lines. */
function isAcontoBill(input: Pick<ExplainInput, "billingCycle" | "lines">): boolean {
  return input.billingCycle === "QUARTERLY_ACONTO" || input.lines.some((l) => lineCategory(l.code, l.amountMinor).category === "aconto");
}

// ---------------------------------------------------------------------------------------------
// Output

export interface LineExplanation extends LineFigures {
  position: number;
  /** The catalogue code whose messages word the line, or "OTHER" for a code outside the catalogue. */
  messageKey: string;
  code: string;
  /** What the line's wording needs (month, season, quarter, credited invoice …). */
  params: LineParams;
  /** As issued (Swedish): the name of a line outside the catalogue. */
  description: string;
  /** Invoices before the catalogue: the run's recorded texts of the line (sv, en, da). */
  texts: { sv: string; en: string; da: string | null } | null;
  category: LineCategory;
  recipient: Recipient;
  section: BillSection;
  /** Power fee: the hours behind the kW figure (highest first), when the run recorded them. */
  peaks: { localDate: string; localHour: number; kWh: string }[] | null;
}

type SpotComparison = "higher" | "lower" | "same";

interface SpotExplanation {
  position: number;
  /** Minor units per kWh, 2 decimals: the consumption-weighted average on the bill. */
  weightedAverage: string;
  /** The plain (time-weighted) average of the period's prices, when the run recorded it. */
  plainAverage: string | null;
  /** |weighted − plain|, 2 decimals, when both are known. */
  difference: string | null;
  /** Weighted vs plain; null when the plain average is unknown. */
  comparison: SpotComparison | null;
  /** Price intervals with a negative price, and whether the intervals were hours or quarter-hours. */
  negativeIntervals: number;
  intervalKind: "hour" | "quarterHour";
}

interface AcontoExplanation {
  settledPeriod: { from: string; to: string } | null;
  actualKwh: string | null;
  prepaidKwh: string | null;
  /** Incl. VAT. */
  actualAmountMinor: number;
  prepaidAmountMinor: number;
  /** actual − prepaid: > 0 pay extra, < 0 money back. */
  differenceMinor: number;
  outcome: "payExtra" | "refund" | "even";
  nextPeriod: { from: string; to: string } | null;
  nextKwh: string | null;
  nextAmountMinor: number;
  expectedYearlyKwh: number | null;
  basis: { kWh: number; days: number } | null;
  basisSource: "measured" | "contract" | null;
}

interface CorrectionExplanation {
  /** A credit note cancels the original; a re-billed invoice replaces it with new data. */
  role: "creditNote" | "rebill";
  original: { invoiceNumber: string; periodStart: string; periodEnd: string; totalAmountMinor: number };
  /** Credit note: −original. Re-bill: this total − original total (what changed). */
  differenceMinor: number;
  /** Why: new meter values, a changed price list, or re-rated; empty when the run did not say. */
  reasons: CorrectionReasonKind[];
  /** Re-bill: what was paid on the earlier version, and what is left to pay or to get back. */
  paidOnEarlierVersionsMinor: number | null;
  toPayMinor: number | null;
  toRefundMinor: number | null;
  /** Re-bill: the period's consumption on the original and on this invoice, when they differ. */
  consumptionChange: { before: string; after: string } | null;
  /** Credit note: the invoice that replaces the credited one. */
  replacedByInvoiceNumber: string | null;
}

export interface InvoiceExplanation {
  summary: { outcome: "pay" | "credit" | "nothing"; totalAmountMinor: number; netAmountMinor: number; vatAmountMinor: number };
  lines: LineExplanation[];
  /** Net amounts per category, in order of first appearance, then VAT; only non-empty ones. */
  breakdown: { category: LineCategory | "vat"; amountMinor: number }[];
  vat: VatSummaryRow[];
  spot: SpotExplanation[];
  aconto: AcontoExplanation | null;
  correction: CorrectionExplanation | null;
  /** District heating: the billed power (kW) and the day that set it. */
  billingPower: { kW: string; date: string } | null;
  /** The next invoice's estimated dates (seed 003, item 4); null for credit notes and corrections. */
  nextInvoice: { invoiceDate: string | null; dueDate: string; source: "billing" | "estimate" } | null;
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Weighted and plain averages closer than this (minor units per kWh) are "about the same". */
const SPOT_SAME_THRESHOLD = 0.05;

/** A float price in minor units as a decimal string with `decimals` digits, half away from zero. */
function priceText(value: number, decimals: number): string {
  const micro = BigInt(Math.round(value * 1e6));
  return formatFraction(micro, PRICE_SCALE, decimals, "fixed");
}

function explainSpot(line: ExplainLine, facts: Extract<LineFacts, { kind: "spot" }> | null, periodDays: number): SpotExplanation {
  // The line's unit price IS the weighted average (4 decimals); prefer the run's exact figure.
  const weighted = facts?.weightedAverage ?? Number(line.unitPriceMinor);
  const plain = facts?.plainAverage ?? null;
  let comparison: SpotComparison | null = null;
  let difference: string | null = null;
  if (plain !== null) {
    const diff = weighted - plain;
    comparison = Math.abs(diff) < SPOT_SAME_THRESHOLD ? "same" : diff > 0 ? "higher" : "lower";
    difference = priceText(Math.abs(diff), 2);
  }
  const intervals = facts?.intervals ?? null;
  // More than 1.5 intervals per hour of the period can only be quarter-hours.
  const intervalKind = intervals !== null && periodDays > 0 && intervals > periodDays * 24 * 1.5 ? "quarterHour" : "hour";
  return {
    position: line.position,
    weightedAverage: priceText(weighted, 2),
    plainAverage: plain === null ? null : priceText(plain, 2),
    difference,
    comparison,
    negativeIntervals: facts?.negativeIntervals ?? 0,
    intervalKind,
  };
}

const withVat = (lines: readonly ExplainLine[]) => sumMinor(lines.map((l) => l.amountMinor + l.vatAmountMinor));

function explainAconto(input: ExplainInput, sections: readonly BillSection[], facts: AcontoReading | null): AcontoExplanation {
  const prepaidLines = input.lines.filter((_, i) => sections[i] === "prepaid");
  const nextLines = input.lines.filter((_, i) => sections[i] === "nextAconto");
  const settlementLines = input.lines.filter((_, i) => sections[i] === "settlement");
  // What the lines say, unless the run stated the figures: the prepaid line is negative on the bill.
  const actualAmountMinor = facts?.actualAmountMinor ?? withVat(settlementLines);
  const prepaidAmountMinor = facts?.prepaidAmountMinor ?? -withVat(prepaidLines);
  const nextAmountMinor = facts?.nextAmountMinor ?? withVat(nextLines);
  const differenceMinor = actualAmountMinor - prepaidAmountMinor;
  return {
    settledPeriod: facts?.settledPeriod ?? (settlementLines.length ? { from: input.periodStart, to: input.periodEnd } : null),
    actualKwh: facts?.actualKwh ?? null,
    prepaidKwh: facts?.prepaidKwh ?? null,
    actualAmountMinor,
    prepaidAmountMinor,
    differenceMinor,
    outcome: differenceMinor > 0 ? "payExtra" : differenceMinor < 0 ? "refund" : "even",
    nextPeriod: facts?.nextPeriod ?? null,
    nextKwh: facts?.nextKwh ?? (nextLines.length === 1 && nextLines[0]!.unit === "kWh" ? nextLines[0]!.quantity : null),
    nextAmountMinor,
    expectedYearlyKwh: facts?.expectedYearlyKwh ?? null,
    basis: facts?.basis ?? null,
    basisSource: facts?.basisSource ?? null,
  };
}

/**
 * The next invoice's dates when the run did not state them: the next period ends one cycle (a
 * month, or a quarter for aconto bills) after this one, the invoice follows its period end by as
 * many days as this one did, and its payment term is this invoice's (seed 003: 14 days).
 * Not billing-period.ts's `nextInvoiceEstimate`: that one applies the market's dating rules to the
 * next period (what a run states); this one only has an invoice whose dates may not follow them.
 */
export function estimateNextInvoice(input: Pick<ExplainInput, "invoiceDate" | "dueDate" | "periodStart" | "periodEnd" | "billingCycle">): {
  invoiceDate: string;
  dueDate: string;
} {
  const months =
    input.billingCycle === "QUARTERLY_ACONTO" ? 3 : input.billingCycle === "MONTHLY" ? 1 : daysBetween(input.periodStart, input.periodEnd) >= 80 ? 3 : 1;
  const lag = daysBetween(input.periodEnd, input.invoiceDate);
  const invoiceDate = addDays(addMonths(input.periodEnd, months), lag);
  return { invoiceDate, dueDate: addDays(invoiceDate, daysBetween(input.invoiceDate, input.dueDate)) };
}

/** The explanation of an invoice: see the module comment and the types above. */
export function explainInvoice(input: ExplainInput): InvoiceExplanation {
  const facts = readExplanationFacts(input.facts);
  const billingCycle = input.billingCycle ?? facts.cycle;
  const aconto = isAcontoBill({ billingCycle, lines: input.lines });
  const periodDays = daysBetween(input.periodStart, input.periodEnd);
  const sections = input.lines.map((l) => lineSection(l, aconto, facts.lineInfo.get(l.position)?.section ?? null));

  const legacy = { periodStart: input.periodStart, periodEnd: input.periodEnd, aconto: facts.aconto, creditedInvoiceNumber: input.corrects?.invoiceNumber ?? null };
  const lines: LineExplanation[] = input.lines.map((l, i) => {
    const code = catalogueCodeOf(l.code, l.amountMinor);
    const { category, recipient } = catalogueCategory(code);
    const f = facts.lines.get(l.position) ?? null;
    const info = facts.lineInfo.get(l.position) ?? null;
    return {
      position: l.position,
      messageKey: isCatalogueCode(code) ? code : "OTHER",
      code: l.code,
      params: storedLineParams(l.params) ?? info?.params ?? legacyLineParams({ code, info }, legacy),
      description: l.description,
      texts: info?.text ?? null,
      category,
      recipient,
      section: sections[i]!,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor,
      amountMinor: l.amountMinor,
      vatRate: l.vatRate,
      vatAmountMinor: l.vatAmountMinor,
      peaks: f?.kind === "powerFee" && f.peaks.length ? f.peaks : null,
    };
  });

  const breakdown: InvoiceExplanation["breakdown"] = [];
  for (const l of lines) {
    const entry = breakdown.find((b) => b.category === l.category);
    if (entry) entry.amountMinor += l.amountMinor;
    else breakdown.push({ category: l.category, amountMinor: l.amountMinor });
  }
  breakdown.push({ category: "vat", amountMinor: input.vatAmountMinor });

  const vat = vatSummaryOf(input.lines.map((l) => ({ vatRatePercent: l.vatRate, amountMinor: l.amountMinor, vatAmountMinor: l.vatAmountMinor })));

  const spotLines = input.lines.filter((l) => l.code === "SUPPLY_ENERGY_SPOT");
  const spot = spotLines.map((l) => {
    const f = facts.lines.get(l.position);
    // Invoice-wide spot facts describe the line only when there is one spot line.
    return explainSpot(l, f?.kind === "spot" ? f : spotLines.length === 1 ? facts.spot : null, periodDays);
  });

  let correction: CorrectionExplanation | null = null;
  if (input.corrects) {
    const creditNote = input.kind === "CREDIT_NOTE";
    const { invoiceNumber, periodStart, periodEnd, totalAmountMinor } = input.corrects;
    correction = {
      role: creditNote ? "creditNote" : "rebill",
      original: { invoiceNumber, periodStart, periodEnd, totalAmountMinor },
      differenceMinor: creditNote ? -input.corrects.totalAmountMinor : input.totalAmountMinor - input.corrects.totalAmountMinor,
      reasons: facts.correction?.reasons ?? [],
      paidOnEarlierVersionsMinor: creditNote ? null : (facts.correction?.paidOnEarlierVersionsMinor ?? null),
      toPayMinor: creditNote ? null : (facts.correction?.toPayMinor ?? null),
      toRefundMinor: creditNote ? null : (facts.correction?.toRefundMinor ?? null),
      consumptionChange:
        !creditNote && facts.correction?.kWhBefore && facts.correction.kWhAfter && facts.correction.kWhBefore !== facts.correction.kWhAfter
          ? { before: facts.correction.kWhBefore, after: facts.correction.kWhAfter }
          : null,
      replacedByInvoiceNumber: creditNote ? facts.replacedByInvoiceNumber : null,
    };
  }

  const nextInvoice: InvoiceExplanation["nextInvoice"] =
    input.kind === "CREDIT_NOTE" || input.corrects
      ? null
      : facts.nextInvoice
        ? { ...facts.nextInvoice, source: "billing" }
        : { ...estimateNextInvoice({ ...input, billingCycle }), source: "estimate" };

  return {
    summary: {
      outcome: input.totalAmountMinor > 0 ? "pay" : input.totalAmountMinor < 0 ? "credit" : "nothing",
      totalAmountMinor: input.totalAmountMinor,
      netAmountMinor: input.netAmountMinor,
      vatAmountMinor: input.vatAmountMinor,
    },
    lines,
    breakdown: breakdown.filter((b) => b.amountMinor !== 0),
    vat,
    spot,
    aconto: aconto && input.kind === "INVOICE" ? explainAconto(input, sections, facts.aconto) : null,
    correction,
    billingPower: facts.billingPower,
    nextInvoice,
  };
}

/** A line's name in a language: from its catalogue code and parameters through the messages. */
export function explainedLineName(line: Pick<LineExplanation, "messageKey" | "params" | "description" | "texts">, language: InvoiceLanguage, t: Translate): string {
  return lineName({ code: line.messageKey, params: line.params, description: line.description, texts: line.texts }, language, t);
}

