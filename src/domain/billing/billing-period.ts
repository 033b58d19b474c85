/**
 * Billing periods, invoice and due dates, and the Danish quarterly aconto bill. Pure TypeScript.
 *
 * Periods are LOCAL calendar dates of the installation, `from` inclusive and `to` exclusive:
 * - MONTHLY (Sweden, Finland): calendar months, [2026-10-01, 2026-11-01).
 * - QUARTERLY_ACONTO (Denmark, seed 004): calendar quarters, [2026-07-01, 2026-10-01).
 *
 * Dates on the invoice (one rule per market, documented here and in docs/decisions/008-billing-runs.md):
 * - Invoice date: the first weekday (Monday–Friday) on or after the period's exclusive end, i.e.
 *   the first weekday after the period's last day; never before the day the run happens (a run
 *   that bills an old period late dates its invoices on the run's day). Public holidays are not
 *   considered (there is no holiday calendar in the data).
 * - Due date: invoice date + the market's payment term, moved to the next Monday when it falls on a
 *   Saturday or Sunday: Sweden 30 days, Finland 14 days (seed 003: "betalningstid är 14 dygn från
 *   fakturans datum"), Denmark 14 days.
 * - The estimated due date of the next invoice (seed 003) applies the same rules to the next period.
 *
 * The Danish quarterly bill (seed 004, DOMAIN.md §2), built by `buildQuarterlyAcontoBill`:
 * 1. "Opgørelse": the settled quarter's ACTUAL consumption rated line by line (charged);
 * 2. "Fradrag for betalt aconto": the aconto billed for that quarter on the previous quarterly bill,
 *    credited exactly as it was billed (same kWh, unit price, amount and VAT, opposite sign);
 * 3. "Aconto … kommende kvartal": the prepayment for the coming quarter. Its kWh are the expected
 *    yearly consumption (last year's measured consumption scaled to 365 days, `annualizeConsumption`;
 *    the contract's figure when nothing was measured) times the quarter's days over the year's
 *    (`acontoForPeriod`). Its price is the same items as the settlement at the prices in force in
 *    the coming quarter, rated on an even profile (`evenConsumption`); a spot-priced energy line is
 *    estimated at the settled quarter's consumption-weighted average spot price.
 * The difference settlement − deduction is what the customer pays extra (or gets back) for the
 * settled quarter; the bill's total is that difference plus the next aconto.
 */

import type { Series } from "../consumption/aggregate";
import { addDays, addMonths, isoWeekday, localDays, type Resolution } from "../time/zoned";
import { acontoForPeriod, annualizeConsumption } from "./aconto";
import { type BillLine, type BillTotals, negateDecimal, totalsOf } from "./invoice-explanation";
import { formatFraction, vatOf } from "./money";
import type { Market } from "./price-list";
import type { InvoiceLine, RatingResult } from "./rate";

export type BillingCycle = "MONTHLY" | "QUARTERLY_ACONTO";

/** Local dates: `from` inclusive, `to` exclusive. */
export interface BillingPeriod {
  from: string;
  to: string;
}

export class BillingPeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BillingPeriodError";
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function requireDate(value: string, what: string): void {
  const match = ISO_DATE.exec(value);
  const ok =
    match !== null &&
    (() => {
      const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return d.getUTCFullYear() === Number(match[1]) && d.getUTCMonth() === Number(match[2]) - 1 && d.getUTCDate() === Number(match[3]);
    })();
  if (!ok) throw new BillingPeriodError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------------
// Periods

/** The calendar month "YYYY-MM" as a period: "2026-10" → [2026-10-01, 2026-11-01). */
export function monthlyPeriod(month: string): BillingPeriod {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) {
    throw new BillingPeriodError(`A month is written YYYY-MM, got ${JSON.stringify(month)}`);
  }
  const from = `${month}-01`;
  return { from, to: addMonths(from, 1) };
}

/** Calendar quarter 1–4 of a year: (2026, 3) → [2026-07-01, 2026-10-01). */
export function quarterPeriod(year: number, quarter: number): BillingPeriod {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || ![1, 2, 3, 4].includes(quarter)) {
    throw new BillingPeriodError(`A quarter is a year 1000–9999 and a quarter 1–4, got ${year} Q${quarter}`);
  }
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
  return { from, to: addMonths(from, 3) };
}

/** Year and quarter (1–4) of a date. */
export function quarterOf(date: string): { year: number; quarter: number } {
  requireDate(date, "Date");
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

/** The cycle's period that contains `date`. */
export function periodContaining(cycle: BillingCycle, date: string): BillingPeriod {
  requireDate(date, "Date");
  if (cycle === "MONTHLY") return monthlyPeriod(date.slice(0, 7));
  const { year, quarter } = quarterOf(date);
  return quarterPeriod(year, quarter);
}

export function nextPeriod(cycle: BillingCycle, period: BillingPeriod): BillingPeriod {
  return periodContaining(cycle, period.to);
}

export function previousPeriod(cycle: BillingCycle, period: BillingPeriod): BillingPeriod {
  return periodContaining(cycle, addDays(period.from, -1));
}

/**
 * A period written on the command line: "2026-10" (a month) for MONTHLY; "2026-Q3" or the quarter's
 * first month "2026-07" for QUARTERLY_ACONTO.
 */
export function parsePeriod(cycle: BillingCycle, text: string): BillingPeriod {
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(text.trim());
  if (cycle === "QUARTERLY_ACONTO") {
    if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]));
    const month = monthlyPeriod(text.trim());
    const period = periodContaining(cycle, month.from);
    if (period.from !== month.from) {
      throw new BillingPeriodError(`${text} is not the first month of a quarter: write the quarter, e.g. ${period.from.slice(0, 4)}-Q${quarterOf(period.from).quarter}`);
    }
    return period;
  }
  if (quarter) throw new BillingPeriodError(`Monthly billing takes a month (YYYY-MM), not a quarter: ${text}`);
  return monthlyPeriod(text.trim());
}

/** Checks that [from, to) is exactly one period of the cycle (a calendar month or quarter). */
export function checkBillingPeriod(cycle: BillingCycle, from: string, to: string): BillingPeriod {
  requireDate(from, "Period start");
  requireDate(to, "Period end");
  const expected = periodContaining(cycle, from);
  if (expected.from !== from || expected.to !== to) {
    const what = cycle === "MONTHLY" ? "a calendar month" : "a calendar quarter";
    throw new BillingPeriodError(
      `A ${cycle} billing period is ${what} [${expected.from}, ${expected.to}), got [${from}, ${to})`,
    );
  }
  return expected;
}

const MONTHS: Record<"sv" | "en" | "da", string[]> = {
  sv: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  da: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
};

/** "oktober 2026" / "3:e kvartalet 2026"; English "October 2026" / "Q3 2026"; Danish "3. kvartal 2026". */
export function periodLabel(cycle: BillingCycle, period: BillingPeriod, locale: "sv" | "en" | "da"): string {
  const year = period.from.slice(0, 4);
  if (cycle === "MONTHLY") return `${MONTHS[locale][Number(period.from.slice(5, 7)) - 1]} ${year}`;
  const { quarter } = quarterOf(period.from);
  if (locale === "en") return `Q${quarter} ${year}`;
  if (locale === "da") return `${quarter}. kvartal ${year}`;
  return `${quarter}:${quarter <= 2 ? "a" : "e"} kvartalet ${year}`;
}

// ---------------------------------------------------------------------------------------------
// Invoice and due dates

/** Payment term in days from the invoice date, per market. */
export const PAYMENT_TERM_DAYS: Readonly<Record<Market, number>> = { SE: 30, FI: 14, DK: 14 };

/** `date` itself when Monday–Friday, else the following Monday. */
export function firstWeekdayOnOrAfter(date: string): string {
  const weekday = isoWeekday(date);
  return weekday <= 5 ? date : addDays(date, 8 - weekday);
}

/**
 * Invoice date of a period ending (exclusive) on `periodEnd`: the first weekday on or after it, and
 * never before `today` (the run's date) when given.
 */
export function invoiceDateFor(periodEnd: string, today?: string): string {
  requireDate(periodEnd, "Period end");
  const byRule = firstWeekdayOnOrAfter(periodEnd);
  if (today === undefined) return byRule;
  requireDate(today, "Today");
  return today > byRule ? today : byRule;
}

/** Due date: invoice date + the market's term, moved to Monday when it falls on a weekend. */
export function dueDateFor(market: Market, invoiceDate: string): string {
  requireDate(invoiceDate, "Invoice date");
  const term = PAYMENT_TERM_DAYS[market];
  if (term === undefined) throw new BillingPeriodError(`Unknown market ${JSON.stringify(market)}`);
  return firstWeekdayOnOrAfter(addDays(invoiceDate, term));
}

/**
 * The next regular invoice after `period`: its period and estimated invoice and due dates.
 * The run's rule (market term, weekends); explain.ts's `estimateNextInvoice` is the reader's for
 * invoices without a run-stated date, extrapolating that invoice's own lag and term instead.
 */
export function nextInvoiceEstimate(
  market: Market,
  cycle: BillingCycle,
  period: BillingPeriod,
): { periodFrom: string; periodTo: string; invoiceDate: string; dueDate: string } {
  const next = nextPeriod(cycle, period);
  const invoiceDate = invoiceDateFor(next.to);
  return { periodFrom: next.from, periodTo: next.to, invoiceDate, dueDate: dueDateFor(market, invoiceDate) };
}

// ---------------------------------------------------------------------------------------------
// Danish aconto

/**
 * The expected yearly consumption for the aconto (whole kWh): last year's measured consumption
 * scaled to 365 days when anything was measured (25 433 kWh over 358 days → 25 930), else the
 * contract's expected yearly consumption; null when there is neither.
 */
export function expectedYearlyConsumption(input: {
  measuredKWh: number;
  measuredDays: number;
  contractExpectedYearlyKWh: number | null;
}): { kWh: number; source: "measured" | "contract" } | null {
  if (input.measuredDays > 0) return { kWh: annualizeConsumption(input.measuredKWh, input.measuredDays), source: "measured" };
  if (input.contractExpectedYearlyKWh !== null && input.contractExpectedYearlyKWh >= 0) {
    return { kWh: Math.round(input.contractExpectedYearlyKWh), source: "contract" };
  }
  return null;
}

/** kWh of the aconto for a quarter: expected yearly × the quarter's days / the year's days. */
export function acontoKWhForQuarter(expectedYearlyKWh: number, quarter: BillingPeriod): number {
  return acontoForPeriod(expectedYearlyKWh, quarter.from, quarter.to);
}

/**
 * An even consumption profile: `totalWh` spread over the intervals of the local days [from, to)
 * in whole Wh (the first `remainder` intervals get one Wh more), so the series sums to exactly
 * `totalWh`. Values are kWh with at most 3 decimals, as meters report them.
 */
export function evenConsumption(totalWh: number, period: BillingPeriod, timeZone: string, resolution: Resolution): Series {
  if (!Number.isSafeInteger(totalWh) || totalWh < 0) throw new BillingPeriodError(`Total must be whole Wh ≥ 0, got ${totalWh}`);
  const days = localDays(period.from, period.to, timeZone);
  if (days.length === 0) throw new BillingPeriodError(`Empty period [${period.from}, ${period.to})`);
  const stepMs = resolution === "PT15M" ? 900_000 : 3_600_000;
  const startMs = days[0]!.startsAt.getTime();
  const n = Math.round((days[days.length - 1]!.endsAt.getTime() - startMs) / stepMs);
  const base = Math.floor(totalWh / n);
  const remainder = totalWh - base * n;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = (base + (i < remainder ? 1 : 0)) / 1000;
  return { start: new Date(startMs).toISOString(), resolution, values };
}

/** The same price for every hour of the local days [from, to): the assumed spot price of an estimate. */
export function constantPriceSeries(priceMinorPerKWh: number, period: BillingPeriod, timeZone: string): Series {
  const days = localDays(period.from, period.to, timeZone);
  const startMs = days[0]!.startsAt.getTime();
  const n = Math.round((days[days.length - 1]!.endsAt.getTime() - startMs) / 3_600_000);
  return { start: new Date(startMs).toISOString(), resolution: "PT1H", values: new Float64Array(n).fill(priceMinorPerKWh) };
}

/** A rated line as a bill line of a section. */
export function billLineOf(line: InvoiceLine, section: BillLine["section"]): BillLine {
  return {
    code: line.code,
    section,
    product: line.product,
    quantity: line.quantity,
    unit: line.unit,
    unitPriceMinor: line.unitPriceMinor,
    amountMinor: line.amountMinor,
    vatRatePercent: line.vatRatePercent,
    vatAmountMinor: line.vatAmountMinor,
    from: line.from,
    to: line.to,
    priceListIds: line.priceListIds,
    ...(line.details ? { details: line.details } : {}),
  };
}

/** The aconto lines of an earlier bill that prepaid the settled quarter. */
export interface PrepaidAcontoLine {
  quantity: string;
  unitPriceMinor: string;
  amountMinor: number;
  vatRatePercent: string;
  vatAmountMinor: number;
}

export interface QuarterlyAcontoBillInput {
  settled: BillingPeriod;
  /** The actual consumption of the settled quarter, rated. */
  settlement: RatingResult;
  /** The previous bill's aconto lines for the settled quarter (empty on a first bill). */
  prepaid: { invoiceNumber: string; lines: readonly PrepaidAcontoLine[] } | null;
  next: BillingPeriod;
  /** Whole kWh expected in the coming quarter (acontoKWhForQuarter). */
  nextKWh: number;
  /** The coming quarter's expected consumption rated on an even profile at the prices in force then. */
  nextEstimate: RatingResult;
}

export interface QuarterlyAcontoBill {
  lines: BillLine[];
  totals: BillTotals;
  settlementTotals: BillTotals;
  prepaidTotals: BillTotals;
  nextTotals: BillTotals;
  /** settlement total − prepaid total: to pay (> 0) or to get back (< 0) for the settled quarter. */
  differenceMinor: number;
}

/**
 * The lines of a Danish quarterly bill: the settlement (section "settlement", the rated lines),
 * the deduction of the prepaid aconto ("deduction", one line per prepaid line, opposite sign) and
 * the next aconto ("aconto", one line per VAT rate: quantity = the expected kWh, amount = the sum of
 * the estimate's line amounts, unit price = amount / kWh to 4 decimals, VAT on the line's amount).
 */
export function buildQuarterlyAcontoBill(input: QuarterlyAcontoBillInput): QuarterlyAcontoBill {
  const settlementLines = input.settlement.lines.map((line) => billLineOf(line, "settlement"));

  const deductionLines: BillLine[] = (input.prepaid?.lines ?? []).map((line) => ({
    code: "ACONTO_DEDUCTION",
    section: "deduction",
    quantity: negateDecimal(line.quantity),
    unit: "kWh",
    unitPriceMinor: line.unitPriceMinor,
    amountMinor: line.amountMinor === 0 ? 0 : -line.amountMinor,
    vatRatePercent: line.vatRatePercent,
    vatAmountMinor: line.vatAmountMinor === 0 ? 0 : -line.vatAmountMinor,
    from: input.settled.from,
    to: input.settled.to,
    priceListIds: [],
    details: { kind: "acontoDeduction", invoiceNumber: input.prepaid!.invoiceNumber },
  }));

  if (!Number.isSafeInteger(input.nextKWh) || input.nextKWh < 0) {
    throw new BillingPeriodError(`The next aconto must be whole kWh ≥ 0, got ${input.nextKWh}`);
  }
  const byRate = new Map<string, { amount: number; ids: Set<string> }>();
  for (const line of input.nextEstimate.lines) {
    const entry = byRate.get(line.vatRatePercent) ?? { amount: 0, ids: new Set<string>() };
    entry.amount += line.amountMinor;
    for (const id of line.priceListIds) entry.ids.add(id);
    byRate.set(line.vatRatePercent, entry);
  }
  const quantity = formatFraction(BigInt(input.nextKWh), 1n, 3, "fixed");
  const acontoLines: BillLine[] = [...byRate].map(([rate, { amount, ids }]) => ({
    code: "ACONTO_NEXT",
    section: "aconto",
    quantity,
    unit: "kWh",
    unitPriceMinor: input.nextKWh === 0 ? "0" : formatFraction(BigInt(amount), BigInt(input.nextKWh), 4, "fixed"),
    amountMinor: amount,
    vatRatePercent: rate,
    vatAmountMinor: vatOf(amount, rate),
    from: input.next.from,
    to: input.next.to,
    priceListIds: [...ids],
    details: { kind: "acontoNext", kWh: input.nextKWh },
  }));

  const settlementTotals = totalsOf(settlementLines);
  const prepaidTotals = totalsOf(input.prepaid?.lines ?? []);
  const nextTotals = totalsOf(acontoLines);
  const lines = [...settlementLines, ...deductionLines, ...acontoLines];
  return {
    lines,
    totals: totalsOf(lines),
    settlementTotals,
    prepaidTotals,
    nextTotals,
    differenceMinor: settlementTotals.totalMinor - prepaidTotals.totalMinor,
  };
}
