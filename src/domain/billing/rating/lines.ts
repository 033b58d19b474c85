// Shared line builders: parsed prices, runs of days with one price, exact fractions of months, and
// the lines priced per unit or as fixed fees that every product family uses.
import {
  PRICE_SCALE,
  QUANTITY_SCALE,
  formatFraction,
  formatMicro,
  formatMilli,
  parseDecimal,
  roundHalfAwayFromZero,
  toMinor,
  vatOf,
} from "../money";
import { resolvePriceLists, type FixedFee, type PriceList, type PriceListOf, type Product, type Season, type TimeOfUseBand } from "../price-list";
import type { Calendar, CalendarDay } from "./calendar";
import type { InvoiceLine, LineCode, LineDetails, RatingInput, Unit } from "./types";

/**
 * Price strings parsed once: a billing run rates thousands of installations with the same few
 * list versions (validated by `resolvePriceLists` before any price is read).
 */
const parsedPrices = new Map<string, bigint>();

export function micro(text: string): bigint {
  let value = parsedPrices.get(text);
  if (value === undefined) {
    value = parseDecimal(text);
    if (parsedPrices.size >= 10_000) parsedPrices.clear();
    parsedPrices.set(text, value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Runs of days with the same price key

export interface Run {
  key: string;
  from: number;
  to: number;
}

/** Consecutive days in [fromDay, toDay) with equal non-null keys. */
export function dayRuns(fromDay: number, toDay: number, keyOf: (d: number) => string | null): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (let d = fromDay; d < toDay; d++) {
    const key = keyOf(d);
    if (current && key === current.key) {
      current.to = d + 1;
      continue;
    }
    current = undefined;
    if (key === null) continue;
    current = { key, from: d, to: d + 1 };
    runs.push(current);
  }
  return runs;
}

export interface Fraction {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function addFraction(a: Fraction, num: bigint, den: bigint): Fraction {
  const n = a.num * den + num * a.den;
  const d = a.den * den;
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

// ---------------------------------------------------------------------------------------------
// The rating context and line builders

export interface Context {
  input: RatingInput;
  cal: Calendar;
  /** Wh per interval. */
  energy: Float64Array;
  /** Wh per day. */
  dayEnergy: Float64Array;
  /** Normalised VAT percentage per day. */
  vat: string[];
  lines: InvoiceLine[];
}

export function pushLine(ctx: Context, line: Omit<InvoiceLine, "vatAmountMinor">): void {
  ctx.lines.push({ ...line, vatAmountMinor: vatOf(line.amountMinor, line.vatRatePercent) });
}

export function listIds(lists: readonly PriceList[], run: Run): string[] {
  const ids: string[] = [];
  for (let d = run.from; d < run.to; d++) {
    const id = lists[d]!.id;
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  return ids;
}

export function span(ctx: Context, run: Run): { from: string; to: string } {
  const days = ctx.cal.days;
  return { from: days[run.from]!.date, to: run.to < days.length ? days[run.to]!.date : ctx.input.period.to };
}

/**
 * Lines priced per unit of a per-day quantity: one line per run of days with the same price,
 * VAT rate and label; amount = price × Σ quantity, rounded once.
 */
export function perUnitLines<P extends Product>(
  ctx: Context,
  spec: {
    product: P;
    code: LineCode;
    /** Default "kWh". */
    unit?: Unit;
    lists: PriceListOf<P>[];
    /** Per calendar day; default the day's metered energy (`ctx.dayEnergy`). */
    quantities?: Float64Array;
    /** Price (decimal string) and an optional label for the day, or null when the component is absent. */
    priceOf: (list: PriceListOf<P>, day: CalendarDay) => { price: string; season?: Season; band?: TimeOfUseBand } | null;
  },
): void {
  const days = ctx.cal.days;
  const quantities = spec.quantities ?? ctx.dayEnergy;
  const priced = days.map((day, d) => {
    const p = spec.priceOf(spec.lists[d]!, day);
    return p === null ? null : { ...p, micro: micro(p.price) };
  });
  const runs = dayRuns(0, days.length, (d) => {
    const p = priced[d];
    return p ? `${p.micro}|${ctx.vat[d]}|${p.season ?? ""}|${p.band ?? ""}` : null;
  });
  for (const run of runs) {
    const p = priced[run.from]!;
    let quantity = 0;
    for (let d = run.from; d < run.to; d++) quantity += quantities[d]!;
    let details: LineDetails | undefined;
    if (p.band && p.season) details = { kind: "timeOfUse", band: p.band, season: p.season };
    else if (p.season) details = { kind: "season", season: p.season };
    pushLine(ctx, {
      code: spec.code,
      product: spec.product,
      priceListIds: listIds(spec.lists, run),
      ...span(ctx, run),
      quantity: formatMilli(quantity),
      unit: spec.unit ?? "kWh",
      unitPriceMinor: formatMicro(p.micro),
      amountMinor: toMinor(roundHalfAwayFromZero(p.micro * BigInt(quantity), PRICE_SCALE * QUANTITY_SCALE)),
      vatRatePercent: ctx.vat[run.from]!,
      ...(details ? { details } : {}),
    });
  }
}

export type MonthShare = { month: string; days: number; daysInMonth: number };

/** Σ days / days-in-month over the run, exactly, and the months it touches. */
export function monthsOf(ctx: Context, run: Run): { months: Fraction; shares: MonthShare[] } {
  const shares: MonthShare[] = [];
  for (let d = run.from; d < run.to; d++) {
    const day = ctx.cal.days[d]!;
    const last = shares[shares.length - 1];
    if (last && last.month === day.monthKey) last.days++;
    else shares.push({ month: day.monthKey, days: 1, daysInMonth: day.daysInMonth });
  }
  let months: Fraction = { num: 0n, den: 1n };
  for (const s of shares) months = addFraction(months, BigInt(s.days), BigInt(s.daysInMonth));
  return { months, shares };
}

/**
 * Fixed fees: per month (fee × Σ days/days-in-month, unit "month") or per year (fee × days /
 * days-in-year, unit "day"); one line per run with the same fee and VAT rate (and, for yearly
 * fees, the same year length).
 */
export function fixedFeeLines<P extends Product>(
  ctx: Context,
  spec: { product: P; code: LineCode; lists: PriceListOf<P>[]; feeOf: (list: PriceListOf<P>) => FixedFee | undefined },
): void {
  const days = ctx.cal.days;
  const fees = days.map((_, d) => {
    const fee = spec.feeOf(spec.lists[d]!);
    return fee ? { per: fee.per, micro: micro(fee.amount) } : null;
  });
  const runs = dayRuns(0, days.length, (d) => {
    const fee = fees[d];
    if (!fee) return null;
    return `${fee.per}|${fee.micro}|${ctx.vat[d]}|${fee.per === "year" ? days[d]!.daysInYear : ""}`;
  });
  for (const run of runs) {
    const fee = fees[run.from]!;
    const base = {
      code: spec.code,
      product: spec.product,
      priceListIds: listIds(spec.lists, run),
      ...span(ctx, run),
      vatRatePercent: ctx.vat[run.from]!,
    };
    if (fee.per === "month") {
      const { months, shares } = monthsOf(ctx, run);
      pushLine(ctx, {
        ...base,
        quantity: formatFraction(months.num, months.den, 4, "trim"),
        unit: "month",
        unitPriceMinor: formatMicro(fee.micro),
        amountMinor: toMinor(roundHalfAwayFromZero(fee.micro * months.num, months.den * PRICE_SCALE)),
        details: { kind: "monthly", months: shares },
      });
    } else {
      const count = run.to - run.from;
      const daysInYear = days[run.from]!.daysInYear;
      pushLine(ctx, {
        ...base,
        quantity: String(count),
        unit: "day",
        unitPriceMinor: formatFraction(fee.micro, BigInt(daysInYear) * PRICE_SCALE, 4, "trim"),
        amountMinor: toMinor(roundHalfAwayFromZero(fee.micro * BigInt(count), BigInt(daysInYear) * PRICE_SCALE)),
        details: { kind: "yearly", yearlyFeeMinor: formatMicro(fee.micro), days: count, daysInYear },
      });
    }
  }
}

/** Per-day list version of a product, validated and covering the whole period. */
export function listsByDay<P extends Product>(ctx: Context, product: P): PriceListOf<P>[] {
  const { input, cal } = ctx;
  const segments = resolvePriceLists(input.priceLists, product, input.period.from, input.period.to);
  const out: PriceListOf<P>[] = [];
  let s = 0;
  for (const day of cal.days) {
    while (day.date >= segments[s]!.to) s++;
    out.push(segments[s]!.list);
  }
  return out;
}
