/**
 * "Explain my bill": what each line of an invoice is, who receives the money, why the spot price
 * on the bill differs from the plain average, how a Danish aconto bill settles the past quarter,
 * what a correction corrected, and when the next invoice is expected. Pure TypeScript.
 *
 * This module decides WHAT is said and computes every figure exactly (integer minor units, exact
 * decimal strings); the page words it in Swedish or English from `messages/<locale>/invoices.json`
 * (one message per line code and per explanation kind), so the rules are tested once here.
 *
 * Inputs are the stored invoice (lines as stored, decimals as strings) and the billing run's
 * `Invoice.explanation` JSON (`BillingExplanation` in ./invoice-explanation), read leniently by
 * `readExplanationFacts`: every part is optional, and what is missing is derived from the lines
 * where it can be (the aconto settlement from the aconto lines) or left out (a spot comparison
 * without the plain average). Invoices written before or outside a billing run still explain.
 */

import { addDays, addMonths, daysBetween } from "../time/zoned";
import { formatFraction, parseDecimal, sumMinor, PRICE_SCALE } from "./money";

// ---------------------------------------------------------------------------------------------
// Input

export interface ExplainLine {
  position: number;
  code: string;
  description: string;
  /** Exact decimal strings as stored. */
  quantity: string;
  unit: string;
  unitPriceMinor: string;
  amountMinor: number;
  vatRate: string;
  vatAmountMinor: number;
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
// The billing run's facts (Invoice.explanation), read leniently

/** Rating details of one line (the `details` of `rate.ts` lines, as far as they explain anything). */
export type LineFacts =
  | { kind: "spot"; weightedAverage: number | null; plainAverage: number | null; intervals: number | null; negativeIntervals: number | null }
  | { kind: "powerFee"; peakCount: number | null; peaks: { localDate: string; localHour: number; kWh: string }[] };

export interface AcontoFacts {
  /** The quarter settled (from inclusive, to exclusive). */
  settledPeriod: { from: string; to: string } | null;
  /** Measured kWh in the settled quarter. */
  actualKwh: string | null;
  /** kWh billed in advance for the settled quarter. */
  prepaidKwh: string | null;
  /** The quarter billed in advance on this bill. */
  nextPeriod: { from: string; to: string } | null;
  nextKwh: string | null;
  /** The expected yearly consumption the aconto is estimated from (whole kWh). */
  expectedYearlyKwh: number | null;
  /** Last year's measured consumption and the days it covers (scaled to 365 days). */
  basis: { kWh: number; days: number } | null;
  /** "contract": no measured year yet, the contract's expected consumption was used. */
  basisSource: "measured" | "contract" | null;
  /** Amounts incl. VAT when the run states them; otherwise derived from the lines. */
  actualAmountMinor: number | null;
  prepaidAmountMinor: number | null;
  nextAmountMinor: number | null;
}

/** Where the billing run put a line (`LineSection` of ./invoice-explanation). */
export type StoredLineSection = "period" | "settlement" | "deduction" | "aconto" | "credit";

export type CorrectionReasonKind = "METER_VALUES" | "PRICE_LIST" | "RERATED";

export interface ExplanationFacts {
  /** Line facts by line position. */
  lines: Map<number, LineFacts>;
  /** The run's section and texts (sv, en, da) of each line, by position. */
  lineInfo: Map<number, { section: StoredLineSection | null; text: { sv: string; en: string; da: string | null } | null }>;
  cycle: "MONTHLY" | "QUARTERLY_ACONTO" | null;
  /** Spot facts for the whole invoice, when the run gives them once instead of per line. */
  spot: Extract<LineFacts, { kind: "spot" }> | null;
  aconto: AcontoFacts | null;
  correction: {
    reasons: CorrectionReasonKind[];
    paidOnEarlierVersionsMinor: number | null;
    toPayMinor: number | null;
    toRefundMinor: number | null;
    /** The period's consumption before and after the correction (kWh, 3 decimals). */
    kWhBefore: string | null;
    kWhAfter: string | null;
  } | null;
  /** Credit notes: the invoice that replaces the credited one. */
  replacedByInvoiceNumber: string | null;
  /** District heating: the billed power and the day that set it. */
  billingPower: { kW: string; date: string } | null;
  nextInvoice: { invoiceDate: string | null; dueDate: string } | null;
}

type Json = Record<string, unknown>;
const STORED_SECTIONS: readonly StoredLineSection[] = ["period", "settlement", "deduction", "aconto", "credit"];
const CORRECTION_REASONS: readonly CorrectionReasonKind[] = ["METER_VALUES", "PRICE_LIST", "RERATED"];
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}
function int(v: unknown): number | null {
  const n = num(v);
  return n !== null && Number.isSafeInteger(n) ? n : null;
}
function decimal(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return v.trim();
  return null;
}
function date(v: unknown): string | null {
  return typeof v === "string" && ISO_DATE.test(v.slice(0, 10)) ? v.slice(0, 10) : null;
}
function period(v: unknown): { from: string; to: string } | null {
  if (!isObject(v)) return null;
  const from = date(v.from ?? v.start ?? v.periodStart);
  const to = date(v.to ?? v.end ?? v.periodEnd);
  return from && to ? { from, to } : null;
}

function lineFacts(v: unknown): LineFacts | null {
  if (!isObject(v)) return null;
  switch (v.kind) {
    case "spot":
      return {
        kind: "spot",
        weightedAverage: num(v.weightedAverage),
        plainAverage: num(v.plainAverage),
        intervals: int(v.intervals),
        negativeIntervals: int(v.negativeIntervals),
      };
    case "powerFee":
      return {
        kind: "powerFee",
        peakCount: int(v.peakCount),
        peaks: Array.isArray(v.peaks)
          ? v.peaks.flatMap((p) => {
              if (!isObject(p)) return [];
              const localDate = date(p.localDate);
              const localHour = int(p.localHour);
              const kWh = decimal(p.kWh);
              return localDate && localHour !== null && kWh ? [{ localDate, localHour, kWh }] : [];
            })
          : [],
      };
    default:
      return null;
  }
}

/**
 * Reads `Invoice.explanation`. Understood (all optional):
 * - `lines`: an array of `{ position, details }` (the rating line's `details`), or an object keyed
 *   by position;
 * - `spot`: `{ weightedAverage, plainAverage, intervals, negativeIntervals }` for the invoice;
 *   and the run's `section` and `description: { sv, en, da }` of each line;
 * - `cycle`: "MONTHLY" | "QUARTERLY_ACONTO";
 * - `spot`: `{ weightedAverage, plainAverage, intervals, negativeIntervals }` for the invoice;
 * - `aconto`: `{ settledPeriod: {from,to}, actualKwh, prepaidKwh, actualAmountMinor,
 *   prepaidAmountMinor, nextPeriod: {from,to}, nextKwh, nextAmountMinor, expectedYearlyKwh,
 *   basis: { kWh, days }, basisSource }`;
 * - `correction`: `{ reasons: [{ kind }], paidOnEarlierVersionsMinor, toPayMinor, toRefundMinor,
 *   previous: { kWh }, current: { kWh } }`;
 * - `credits`: `{ replacedByInvoiceNumber }` (credit notes);
 * - `billingPower`: `{ kW, date }` (district heating);
 * - `nextInvoice`: `{ invoiceDate, dueDate }` or `nextDueDate` / `nextInvoiceDate`.
 * Anything else, or anything malformed, is ignored.
 */
export function readExplanationFacts(json: unknown): ExplanationFacts {
  const facts: ExplanationFacts = {
    lines: new Map(),
    lineInfo: new Map(),
    cycle: null,
    spot: null,
    aconto: null,
    correction: null,
    replacedByInvoiceNumber: null,
    billingPower: null,
    nextInvoice: null,
  };
  if (!isObject(json)) return facts;
  if (json.cycle === "MONTHLY" || json.cycle === "QUARTERLY_ACONTO") facts.cycle = json.cycle;

  const lines = json.lines;
  const entries: [unknown, unknown][] = Array.isArray(lines)
    ? lines.map((l, i) => [isObject(l) && l.position !== undefined ? l.position : i + 1, l])
    : isObject(lines)
      ? Object.entries(lines)
      : [];
  for (const [position, entry] of entries) {
    const p = int(position);
    if (p === null) continue;
    const details = lineFacts(isObject(entry) && isObject(entry.details) ? entry.details : entry);
    if (details) facts.lines.set(p, details);
    if (isObject(entry)) {
      const section = STORED_SECTIONS.find((s) => s === entry.section) ?? null;
      const d = entry.description;
      const text = isObject(d) && typeof d.sv === "string" && typeof d.en === "string" ? { sv: d.sv, en: d.en, da: typeof d.da === "string" ? d.da : null } : null;
      if (section || text) facts.lineInfo.set(p, { section, text });
    }
  }

  const spot = lineFacts(isObject(json.spot) ? { kind: "spot", ...json.spot } : null);
  if (spot?.kind === "spot") facts.spot = spot;

  if (isObject(json.aconto)) {
    const a = json.aconto;
    const basis = isObject(a.basis) ? { kWh: num(a.basis.kWh), days: int(a.basis.days) } : null;
    facts.aconto = {
      settledPeriod: period(a.settledPeriod),
      actualKwh: decimal(a.actualKwh),
      prepaidKwh: decimal(a.prepaidKwh),
      nextPeriod: period(a.nextPeriod),
      nextKwh: decimal(a.nextKwh),
      expectedYearlyKwh: int(a.expectedYearlyKwh),
      basis: basis && basis.kWh !== null && basis.days !== null && basis.days > 0 ? { kWh: basis.kWh, days: basis.days } : null,
      basisSource: a.basisSource === "measured" || a.basisSource === "contract" ? a.basisSource : null,
      actualAmountMinor: int(a.actualAmountMinor),
      prepaidAmountMinor: int(a.prepaidAmountMinor),
      nextAmountMinor: int(a.nextAmountMinor),
    };
  }

  if (isObject(json.correction)) {
    const c = json.correction;
    const kinds = [...(Array.isArray(c.reasons) ? c.reasons.map((r) => (isObject(r) ? r.kind : r)) : []), c.reason];
    facts.correction = {
      reasons: CORRECTION_REASONS.filter((kind) => kinds.includes(kind)),
      paidOnEarlierVersionsMinor: int(c.paidOnEarlierVersionsMinor),
      toPayMinor: int(c.toPayMinor),
      toRefundMinor: int(c.toRefundMinor),
      kWhBefore: isObject(c.previous) ? decimal(c.previous.kWh) : null,
      kWhAfter: isObject(c.current) ? decimal(c.current.kWh) : null,
    };
  }
  if (isObject(json.credits) && typeof json.credits.replacedByInvoiceNumber === "string") facts.replacedByInvoiceNumber = json.credits.replacedByInvoiceNumber;
  if (isObject(json.billingPower)) {
    const kW = decimal(json.billingPower.kW);
    const day = date(json.billingPower.date);
    if (kW && day) facts.billingPower = { kW, date: day };
  }

  const next = isObject(json.nextInvoice) ? json.nextInvoice : null;
  const nextDue = date(next?.dueDate ?? json.nextDueDate);
  if (nextDue) facts.nextInvoice = { dueDate: nextDue, invoiceDate: date(next?.invoiceDate ?? json.nextInvoiceDate) };
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Line categories: what a line is and who receives the money (seed 004: "tre interessenter")

export type LineCategory = "energy" | "transfer" | "tax" | "fixedFee" | "power" | "flow" | "aconto" | "other";
export type Recipient = "retailer" | "gridCompany" | "energinet" | "state" | "heatSupplier" | "unknown";

const CATEGORY: Readonly<Record<string, { category: LineCategory; recipient: Recipient }>> = {
  SUPPLY_ENERGY_FIXED: { category: "energy", recipient: "retailer" },
  SUPPLY_ENERGY_SPOT: { category: "energy", recipient: "retailer" },
  SUPPLY_MARGIN: { category: "energy", recipient: "retailer" },
  SUPPLY_MONTHLY_FEE: { category: "fixedFee", recipient: "retailer" },
  DK_SUPPLY_SUBSCRIPTION: { category: "fixedFee", recipient: "retailer" },
  SE_GRID_FIXED_FEE: { category: "fixedFee", recipient: "gridCompany" },
  SE_GRID_TRANSFER: { category: "transfer", recipient: "gridCompany" },
  SE_GRID_ENERGY_TAX: { category: "tax", recipient: "state" },
  SE_GRID_POWER_FEE: { category: "power", recipient: "gridCompany" },
  DK_GRID_TRANSPORT_LOW: { category: "transfer", recipient: "gridCompany" },
  DK_GRID_TRANSPORT_HIGH: { category: "transfer", recipient: "gridCompany" },
  DK_GRID_TRANSPORT_PEAK: { category: "transfer", recipient: "gridCompany" },
  DK_GRID_SUBSCRIPTION: { category: "fixedFee", recipient: "gridCompany" },
  DK_ENERGINET_NET_TARIFF: { category: "transfer", recipient: "energinet" },
  DK_ENERGINET_SYSTEM_TARIFF: { category: "transfer", recipient: "energinet" },
  DK_ELECTRICITY_TAX: { category: "tax", recipient: "state" },
  DH_FIXED_FEE: { category: "fixedFee", recipient: "heatSupplier" },
  DH_ENERGY: { category: "energy", recipient: "heatSupplier" },
  DH_POWER: { category: "power", recipient: "heatSupplier" },
  DH_FLOW: { category: "flow", recipient: "heatSupplier" },
};

/** Line codes with their own wording; others are explained by their stored description. */
export const EXPLAINED_LINE_CODES: readonly string[] = Object.keys(CATEGORY);

const ACONTO_CODE = /ACONTO/i;
/** Aconto lines that take off what was paid in advance (negative, or named so). */
const PREPAID_CODE = /PREPAID|PAID|DEDUCT|SETTLE|CREDIT/i;

export function lineCategory(code: string): { category: LineCategory; recipient: Recipient } {
  if (ACONTO_CODE.test(code)) return { category: "aconto", recipient: "retailer" };
  return CATEGORY[code] ?? { category: "other", recipient: "unknown" };
}

/**
 * Where a line belongs on a Danish quarterly bill: the settlement of the past quarter (its rated
 * lines, and the aconto paid for it taken off), or the aconto for the coming quarter. Lines of
 * other bills are "regular".
 */
export type LineSection = "regular" | "settlement" | "prepaid" | "nextAconto";

export function lineSection(line: { code: string; amountMinor: number }, quarterly: boolean, stored: StoredLineSection | null = null): LineSection {
  if (stored) return SECTION_OF_STORED[stored];
  if (ACONTO_CODE.test(line.code)) return PREPAID_CODE.test(line.code) || line.amountMinor < 0 ? "prepaid" : "nextAconto";
  return quarterly ? "settlement" : "regular";
}

const SECTION_OF_STORED: Readonly<Record<StoredLineSection, LineSection>> = {
  period: "regular",
  credit: "regular",
  settlement: "settlement",
  deduction: "prepaid",
  aconto: "nextAconto",
};

/** True when the bill is an aconto bill: its cycle says so, or it has aconto lines. */
function isAcontoBill(input: Pick<ExplainInput, "billingCycle" | "lines">): boolean {
  return input.billingCycle === "QUARTERLY_ACONTO" || input.lines.some((l) => ACONTO_CODE.test(l.code));
}

// ---------------------------------------------------------------------------------------------
// Output

export interface LineExplanation {
  position: number;
  /** The message to use: the line code when it has its own wording, else "OTHER". */
  messageKey: string;
  code: string;
  /** As stored (Swedish). */
  description: string;
  /** The billing run's texts of the line, when it recorded them (English, Danish). */
  texts: { sv: string; en: string; da: string | null } | null;
  category: LineCategory;
  recipient: Recipient;
  section: LineSection;
  quantity: string;
  unit: string;
  unitPriceMinor: string;
  amountMinor: number;
  vatRate: string;
  vatAmountMinor: number;
  /** Power fee: the hours behind the kW figure (highest first), when the run recorded them. */
  peaks: { localDate: string; localHour: number; kWh: string }[] | null;
}

export type SpotComparison = "higher" | "lower" | "same";

export interface SpotExplanation {
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

export interface AcontoExplanation {
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

export interface CorrectionExplanation {
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
  vat: { ratePercent: string; netMinor: number; vatMinor: number }[];
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
export const SPOT_SAME_THRESHOLD = 0.05;

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

function explainAconto(input: ExplainInput, sections: readonly LineSection[], facts: AcontoFacts | null): AcontoExplanation {
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

  const lines: LineExplanation[] = input.lines.map((l, i) => {
    const { category, recipient } = lineCategory(l.code);
    const f = facts.lines.get(l.position) ?? null;
    return {
      position: l.position,
      messageKey: CATEGORY[l.code] ? l.code : "OTHER",
      code: l.code,
      description: l.description,
      texts: facts.lineInfo.get(l.position)?.text ?? null,
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

  const vat: InvoiceExplanation["vat"] = [];
  for (const l of input.lines) {
    const rate = normalizeRate(l.vatRate);
    const entry = vat.find((v) => v.ratePercent === rate);
    if (entry) {
      entry.netMinor += l.amountMinor;
      entry.vatMinor += l.vatAmountMinor;
    } else vat.push({ ratePercent: rate, netMinor: l.amountMinor, vatMinor: l.vatAmountMinor });
  }

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

/** "25.00" → "25", "25.50" → "25.5": VAT rates as people write them. */
function normalizeRate(rate: string): string {
  try {
    return formatFraction(parseDecimal(rate, "VAT rate"), PRICE_SCALE, 6, "trim");
  } catch {
    return rate;
  }
}
