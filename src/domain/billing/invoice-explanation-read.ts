/**
 * Reading `Invoice.explanation`: the one place that knows its stored shapes.
 *
 * - Version 2 (`billingExplanationSchema` of ./invoice-explanation, what billing runs write now)
 *   is parsed strictly and mapped to the facts "explain my bill", the invoice page and the PDF use.
 * - Anything else is an older shape, read leniently: version 1 (runs before the line catalogue,
 *   whose lines recorded their texts instead of parameters) and the partial shapes of invoices
 *   written outside a billing run. Every part is optional; what is missing is derived from the
 *   lines where it can be, or left out. Line parameters of such invoices come from the recorded
 *   line details (`legacyLineParams`), never from a description.
 * - `explanationForRun` gives the billing run a stored explanation in the current shape (version 1
 *   upgraded), for corrections that credit and re-bill an issued invoice.
 * Decision record: docs/decisions/016-invoice-artefact.md.
 */

import {
  billingExplanationSchema,
  storedSectionSchema,
  type BillingExplanation,
  type StoredSection,
} from "./invoice-explanation";
import { lineParamsOf, lineParamsSchema, type LineParams } from "./line-catalogue";

/** Rating details of one line (the `details` of `rate.ts` lines, as far as they explain anything). */
export type LineFacts =
  | { kind: "spot"; weightedAverage: number | null; plainAverage: number | null; intervals: number | null; negativeIntervals: number | null }
  | { kind: "powerFee"; peakCount: number | null; peaks: { localDate: string; localHour: number; kWh: string }[] };

export interface AcontoReading {
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

export type CorrectionReasonKind = "METER_VALUES" | "PRICE_LIST" | "RERATED";

export interface ExplanationFacts {
  /** Line facts by line position. */
  lines: Map<number, LineFacts>;
  /** What the run recorded of each line, by position. */
  lineInfo: Map<number, LineInfo>;
  cycle: "MONTHLY" | "QUARTERLY_ACONTO" | null;
  /** Spot facts for the whole invoice, when the run gives them once instead of per line. */
  spot: Extract<LineFacts, { kind: "spot" }> | null;
  aconto: AcontoReading | null;
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
const STORED_SECTIONS: readonly StoredSection[] = storedSectionSchema.options;
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
 * Reads an `Invoice.explanation` of an older shape, leniently. Understood (all optional):
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
function readLegacyExplanation(json: unknown): ExplanationFacts {
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
      facts.lineInfo.set(p, {
        section,
        text,
        product: typeof entry.product === "string" ? entry.product : null,
        from: date(entry.from),
        details: isObject(entry.details) ? entry.details : entry,
        params: null,
      });
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

export interface LineInfo {
  section: StoredSection | null;
  /** Texts a version-1 run recorded (sv, en, da); null for current invoices. */
  text: { sv: string; en: string; da: string | null } | null;
  product: string | null;
  from: string | null;
  details: unknown;
  /** The line's parameters as the run stored them (version 2). */
  params: LineParams | null;
}

/** Reads `Invoice.explanation`: version 2 strictly, older shapes leniently (see the module comment). */
export function readExplanationFacts(json: unknown): ExplanationFacts {
  const current = billingExplanationSchema.safeParse(json);
  return current.success ? factsOf(current.data) : readLegacyExplanation(json);
}

function factsOf(e: BillingExplanation): ExplanationFacts {
  const lines = new Map<number, LineFacts>();
  const lineInfo = new Map<number, LineInfo>();
  for (const l of e.lines) {
    const details = lineFacts(l.details);
    if (details) lines.set(l.position, details);
    lineInfo.set(l.position, { section: l.section, text: null, product: l.product ?? null, from: l.from, details: l.details ?? null, params: l.params });
  }
  const a = e.aconto;
  const c = e.correction;
  return {
    lines,
    lineInfo,
    cycle: e.cycle,
    spot: e.spot
      ? { kind: "spot", weightedAverage: Number(e.spot.weightedAverage), plainAverage: Number(e.spot.plainAverage), intervals: e.spot.intervals, negativeIntervals: e.spot.negativeIntervals }
      : null,
    aconto: a
      ? {
          settledPeriod: a.settledPeriod,
          actualKwh: a.actualKwh,
          prepaidKwh: a.prepaidKwh,
          nextPeriod: a.nextPeriod,
          nextKwh: a.nextKwh,
          expectedYearlyKwh: a.expectedYearlyKwh,
          basis: a.basis ? { kWh: a.basis.kWh, days: a.basis.days } : null,
          basisSource: a.basisSource,
          actualAmountMinor: a.actualAmountMinor,
          prepaidAmountMinor: a.prepaidAmountMinor,
          nextAmountMinor: a.nextAmountMinor,
        }
      : null,
    correction: c
      ? {
          reasons: c.reasons.map((r) => r.kind),
          paidOnEarlierVersionsMinor: c.paidOnEarlierVersionsMinor,
          toPayMinor: c.toPayMinor,
          toRefundMinor: c.toRefundMinor,
          kWhBefore: c.previous.kWh,
          kWhAfter: c.current.kWh,
        }
      : null,
    replacedByInvoiceNumber: e.credits?.replacedByInvoiceNumber ?? null,
    billingPower: e.billingPower ? { kW: e.billingPower.kW, date: e.billingPower.date } : null,
    nextInvoice: e.nextInvoice ? { invoiceDate: e.nextInvoice.invoiceDate, dueDate: e.nextInvoice.dueDate } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Line codes and parameters of older invoices

/**
 * Aconto codes of invoices written before the catalogue, by their catalogue code. A bare "ACONTO"
 * line is the deduction when negative and the coming quarter's aconto otherwise.
 */
export function catalogueCodeOf(code: string, amountMinor: number): string {
  switch (code) {
    case "DK_ACONTO_PREPAID":
      return "ACONTO_DEDUCTION";
    case "DK_ACONTO_NEXT":
      return "ACONTO_NEXT";
    case "ACONTO":
      return amountMinor < 0 ? "ACONTO_DEDUCTION" : "ACONTO_NEXT";
    default:
      return code;
  }
}

/** `InvoiceLine.params` as stored: the parameters, or null on a line written before the catalogue. */
export function storedLineParams(value: unknown): LineParams | null {
  if (value === null || value === undefined) return null;
  const parsed = lineParamsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The parameters of a line of an older invoice, from what its explanation recorded (product,
 * details, start date); an aconto line without a date takes the quarter of the explanation's aconto
 * (or the invoice period), a credited line the number of the invoice it credits.
 */
export function legacyLineParams(
  line: { code: string; info: LineInfo | null },
  invoice: { periodStart: string; periodEnd: string; aconto: AcontoReading | null; creditedInvoiceNumber: string | null },
): LineParams {
  const { code, info } = line;
  const acontoFrom =
    code === "ACONTO_DEDUCTION" ? (invoice.aconto?.settledPeriod?.from ?? invoice.periodStart) : code === "ACONTO_NEXT" ? (invoice.aconto?.nextPeriod?.from ?? invoice.periodEnd) : null;
  const params = lineParamsOf({ code, product: info?.product, details: info?.details, from: info?.from ?? acontoFrom });
  return info?.section === "credit" && invoice.creditedInvoiceNumber ? { ...params, creditedInvoiceNumber: invoice.creditedInvoiceNumber } : params;
}

/**
 * A stored explanation for the billing run, in the current shape: version 2 as it is, version 1
 * with its line texts replaced by parameters; an explanation of neither shape is empty.
 */
export function explanationForRun(json: unknown): Partial<BillingExplanation> {
  const current = billingExplanationSchema.safeParse(json);
  if (current.success) return current.data;
  if (!isObject(json) || json.version !== 1) return {};
  const lines = Array.isArray(json.lines) ? json.lines.filter(isObject) : [];
  const aconto = isObject(json.aconto) ? json.aconto : null;
  const upgraded = {
    ...json,
    version: 2,
    lines: lines.map(({ description: _texts, ...l }) => ({
      ...l,
      params: lineParamsOf({ code: String(l.code), product: typeof l.product === "string" ? l.product : null, details: l.details, from: typeof l.from === "string" ? l.from : null }),
    })),
    aconto: aconto
      ? {
          ...aconto,
          nextLines: (Array.isArray(aconto.nextLines) ? aconto.nextLines.filter(isObject) : []).map(({ description: _texts, ...l }) => ({ ...l, params: lineParamsOf({ code: String(l.code) }) })),
        }
      : null,
  };
  const parsed = billingExplanationSchema.safeParse(upgraded);
  return parsed.success ? parsed.data : (upgraded as unknown as Partial<BillingExplanation>);
}
