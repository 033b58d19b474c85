/**
 * Rating: a billing period's consumption series and the applicable price lists → invoice lines in
 * integer minor units. Pure TypeScript, no framework or library; local calendars come from
 * `../time/zoned`, the weighted average from `../consumption/aggregate`, exact arithmetic from
 * `./money`, price lists and VAT rates from `./price-list`.
 *
 * Period and time
 * - The period is [from, to) in LOCAL dates of the installation's time zone; it runs from local
 *   midnight of `from` to local midnight of `to`, so March in Stockholm has 743 hours and October
 *   745. An interval of a series belongs to the local day containing its start.
 * - Time of use (Danish grid), power-fee windows and seasons use the LOCAL wall clock of each
 *   interval's start: on the 25-hour autumn day the repeated 02:00 hour is classified twice (as
 *   02:00), on the 23-hour spring day the skipped hour does not exist.
 * - Price segments are by local day: the list version (and VAT rate) in force on a day prices every
 *   interval of that day. Consecutive days whose price AND VAT rate for a component are equal form
 *   one line, so a price change in the middle of a period gives two lines for that component (and
 *   one line for components whose price did not change); a VAT change splits every line.
 *
 * Quantities and rounding (see money.ts)
 * - Each meter value is converted once to integer Wh (m³ → litres) with `Math.round(x × 1000)`;
 *   sums are then exact integers. Each spot price is converted once to integer micro-minor units
 *   (`Math.round(p × 10^6)`).
 * - A line's amount is computed from exact integers and rounded ONCE, half away from zero:
 *   per kWh: price × Σ quantity; spot: Σ(pᵢ·Eᵢ) (never average × total); fixed fees: fee × Σ
 *   days/days-in-month (a partial month pro rata by days, "per year" fees × days/days-in-year);
 *   power fee: price × (Σ N highest hourly kWh / N) × days/days-in-month.
 * - Displayed quantities: kWh, m³ and kW with 3 decimals; months exact when they end within 4
 *   decimals, else rounded to 4 (16/31 → "0.5161") — the amount always uses the exact fraction.
 *   Unit prices from the list are shown exactly; derived ones (spot average, per day, per month of
 *   a yearly power price) rounded to 4 decimals, the spot weighted average always with 4.
 *
 * VAT rule (one rule): VAT is computed PER LINE — the line's rounded amount × the line's VAT rate,
 * rounded half away from zero to whole minor units — and the invoice's VAT is the sum of the line
 * VATs. `totals.netMinor` = Σ amounts, `totals.vatMinor` = Σ line VAT, `totals.totalMinor` = both.
 * (Per-line rounding can differ from rounding the VAT of the total by at most half a minor unit per
 * line; it keeps every printed line self-consistent and a correction that credits a line exact.)
 *
 * Spot prices
 * `spotPrices` are in minor units of the invoice currency per kWh excluding VAT (öre/kWh, øre/kWh,
 * c/kWh; EUR/MWh ÷ 10 = c/kWh), one series or several (e.g. hourly until 2025-09-30 and 15-minute
 * from 2025-10-01; the first series that covers an interval with present values is used):
 * - same resolution as the consumption: interval by interval;
 * - hourly prices, 15-minute consumption: each quarter-hour is priced at its hour's price;
 * - 15-minute prices, hourly consumption: the hour is priced at the mean of its four quarter-hour
 *   prices (exact: Σ of the four × E / 4, no rounding of the mean).
 * The line's unit price is the consumption-weighted average Σ(pᵢ·Eᵢ)/ΣEᵢ (negative prices
 * included) with 4 decimals, its amount Σ(pᵢ·Eᵢ) rounded once; `details` gives the weighted and
 * the plain (time-weighted) average for "explain my bill". With ΣEᵢ = 0 the unit price shown is the
 * plain average. The margin is a separate per-kWh line.
 *
 * Errors
 * A missing (NaN, absent or non-finite) consumption value in the period, a day without a price list
 * version or VAT rate, or a missing spot price throws `RatingError` (MISSING_CONSUMPTION,
 * MISSING_PRICE, MISSING_SPOT_PRICE) naming the local date (and time); malformed input throws
 * INVALID_INPUT. Nothing is estimated or skipped: a billing run stops for that installation.
 */

import { weightedAveragePrice, type Series } from "../consumption/aggregate";
import { localDays, isoWeekday, utcOffsetTimeline, type Resolution } from "../time/zoned";
import {
  ExactSum,
  PRICE_SCALE,
  QUANTITY_SCALE,
  formatFraction,
  formatMicro,
  formatMilli,
  parseDecimal,
  priceToMicro,
  quantityToMilli,
  roundHalfAwayFromZero,
  sumMinor,
  toMinor,
  vatOf,
} from "./money";
import {
  MARKET_CURRENCY,
  PRODUCTS,
  RatingError,
  TIME_OF_USE_BANDS,
  resolvePriceLists,
  resolveVatRates,
  type Currency,
  type EnergyPrice,
  type FixedFee,
  type Market,
  type PowerFeeRule,
  type PriceList,
  type PriceListOf,
  type Product,
  type Season,
  type TimeOfUseBand,
  type VatRate,
} from "./price-list";

export { RatingError } from "./price-list";
export type { RatingErrorCode } from "./price-list";

// ---------------------------------------------------------------------------------------------
// Public types

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

export interface LocalizedText {
  sv: string;
  en: string;
}

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
  description: LocalizedText;
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

export interface RatingTotals {
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
  vatSummary: { ratePercent: string; netMinor: number; vatMinor: number }[];
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

// ---------------------------------------------------------------------------------------------
// Descriptions

const TEXT: Record<LineCode, LocalizedText> = {
  SUPPLY_MONTHLY_FEE: { sv: "Månadsavgift", en: "Monthly fee" },
  SUPPLY_ENERGY_FIXED: { sv: "Elenergi, fast pris", en: "Electricity, fixed price" },
  SUPPLY_ENERGY_SPOT: {
    sv: "Elenergi, spotpris (förbrukningsviktat medelpris)",
    en: "Electricity, spot price (consumption-weighted average)",
  },
  SUPPLY_MARGIN: { sv: "Påslag", en: "Margin" },
  DK_SUPPLY_SUBSCRIPTION: { sv: "Abonnemang, elhandlare", en: "Subscription, electricity retailer" },
  SE_GRID_FIXED_FEE: { sv: "Fast avgift, elnät", en: "Fixed grid fee" },
  SE_GRID_TRANSFER: { sv: "Överföringsavgift", en: "Transfer fee" },
  SE_GRID_ENERGY_TAX: { sv: "Energiskatt", en: "Energy tax" },
  SE_GRID_POWER_FEE: { sv: "Effektavgift", en: "Power fee" },
  DK_GRID_TRANSPORT_LOW: { sv: "Nättariff, lågtid", en: "Grid transport tariff, low load" },
  DK_GRID_TRANSPORT_HIGH: { sv: "Nättariff, höglasttid", en: "Grid transport tariff, high load" },
  DK_GRID_TRANSPORT_PEAK: { sv: "Nättariff, spetslasttid 17–21", en: "Grid transport tariff, peak load 17–21" },
  DK_GRID_SUBSCRIPTION: { sv: "Abonnemang, nätbolag", en: "Subscription, grid company" },
  DK_ENERGINET_NET_TARIFF: { sv: "Energinet, nättariff", en: "Energinet, net tariff" },
  DK_ENERGINET_SYSTEM_TARIFF: { sv: "Energinet, systemtariff", en: "Energinet, system tariff" },
  DK_ELECTRICITY_TAX: { sv: "Elskatt (elafgift)", en: "Electricity tax (elafgift)" },
  DH_FIXED_FEE: { sv: "Fast avgift, fjärrvärme", en: "Fixed fee, district heating" },
  DH_ENERGY: { sv: "Energiavgift", en: "Energy charge" },
  DH_POWER: { sv: "Effektavgift", en: "Power charge" },
  DH_FLOW: { sv: "Flödesavgift", en: "Flow charge" },
};

const FI_BASIC_FEE: LocalizedText = { sv: "Grundavgift", en: "Basic fee" };

const SEASON_TEXT: Record<Season, LocalizedText> = {
  winter: { sv: "vinter", en: "winter" },
  summer: { sv: "sommar", en: "summer" },
  spring: { sv: "vår", en: "spring" },
  autumn: { sv: "höst", en: "autumn" },
};

const BAND_CODE: Record<TimeOfUseBand, LineCode> = {
  low: "DK_GRID_TRANSPORT_LOW",
  high: "DK_GRID_TRANSPORT_HIGH",
  peak: "DK_GRID_TRANSPORT_PEAK",
};

function withSuffix(text: LocalizedText, sv: string, en: string): LocalizedText {
  return { sv: `${text.sv} ${sv}`, en: `${text.en} ${en}` };
}

// ---------------------------------------------------------------------------------------------
// The period's calendar: local days and the local wall-clock minute of every interval

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const STEP_MS: Record<Resolution, number> = { PT15M: 15 * MINUTE_MS, PT1H: HOUR_MS };

interface CalendarDay {
  date: string;
  /** "YYYY-MM" */
  monthKey: string;
  month: number;
  daysInMonth: number;
  daysInYear: number;
  weekday: number;
  /** Index of the day's first interval; the day ends at the next day's first interval. */
  first: number;
  end: number;
}

interface Calendar {
  timeZone: string;
  resolution: Resolution;
  stepMs: number;
  startMs: number;
  intervals: number;
  days: CalendarDay[];
  /** Local wall-clock minute of the day (0–1439) at each interval's start. */
  localMinute: Uint16Array;
  /** Day index of each interval. */
  dayOf: Uint32Array;
}

/** Calendars are the same for every installation of a billing run: keep the latest ones. */
const calendarCache = new Map<string, Calendar>();
const MAX_CACHED_CALENDARS = 64;

function daysInMonthOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarFor(timeZone: string, from: string, to: string, resolution: Resolution): Calendar {
  const key = `${timeZone}|${from}|${to}|${resolution}`;
  const cached = calendarCache.get(key);
  if (cached) return cached;

  let localDayList;
  try {
    localDayList = localDays(from, to, timeZone);
  } catch (error) {
    throw new RatingError("INVALID_INPUT", `Cannot build the local calendar: ${(error as Error).message}`);
  }
  const stepMs = STEP_MS[resolution];
  const startMs = localDayList[0]!.startsAt.getTime();
  const days: CalendarDay[] = [];
  let first = 0;
  for (const day of localDayList) {
    const lengthMs = day.endsAt.getTime() - day.startsAt.getTime();
    if (lengthMs % stepMs !== 0) {
      throw new RatingError("INVALID_INPUT", `Local day ${day.date} in ${timeZone} is not a whole number of ${resolution} intervals`, day.date);
    }
    const year = Number(day.date.slice(0, 4));
    const month = Number(day.date.slice(5, 7));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const end = first + lengthMs / stepMs;
    days.push({
      date: day.date,
      monthKey: day.date.slice(0, 7),
      month,
      daysInMonth: daysInMonthOf(year, month),
      daysInYear: leap ? 366 : 365,
      weekday: isoWeekday(day.date),
      first,
      end,
    });
    first = end;
  }
  const intervals = first;
  const endMs = startMs + intervals * stepMs;
  const timeline = utcOffsetTimeline(new Date(startMs), new Date(endMs), timeZone);
  const localMinute = new Uint16Array(intervals);
  const dayOf = new Uint32Array(intervals);
  let offset = timeline.offsetAtFromMs;
  let next = 0;
  const transitions = timeline.transitions;
  for (let d = 0; d < days.length; d++) {
    const day = days[d]!;
    for (let k = day.first; k < day.end; k++) {
      const t = startMs + k * stepMs;
      while (next < transitions.length && transitions[next]!.at.getTime() <= t) {
        offset = transitions[next]!.offsetAfterMs;
        next++;
      }
      const local = t + offset;
      const inDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
      localMinute[k] = Math.floor(inDay / MINUTE_MS);
      dayOf[k] = d;
    }
  }
  const calendar: Calendar = { timeZone, resolution, stepMs, startMs, intervals, days, localMinute, dayOf };
  if (calendarCache.size >= MAX_CACHED_CALENDARS) calendarCache.clear();
  calendarCache.set(key, calendar);
  return calendar;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** "2025-03-14 at 08:00 (Europe/Stockholm), the interval starting 2025-03-14T07:00:00Z" */
function describeInterval(cal: Calendar, k: number): string {
  const day = cal.days[cal.dayOf[k]!]!;
  return `${day.date} at ${clock(cal.localMinute[k]!)} (${cal.timeZone}), the interval starting ${isoInstant(cal.startMs + k * cal.stepMs)}`;
}

// ---------------------------------------------------------------------------------------------
// Series

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function seriesStartMs(series: Series, what: string): number {
  const ms = typeof series.start === "string" && INSTANT.test(series.start) ? Date.parse(series.start) : NaN;
  if (!Number.isFinite(ms)) {
    throw new RatingError("INVALID_INPUT", `${what} series start must be an ISO-8601 instant with Z or an offset, got ${JSON.stringify(series.start)}`);
  }
  return ms;
}

function checkResolution(series: Series, what: string): Resolution {
  if (series.resolution !== "PT15M" && series.resolution !== "PT1H") {
    throw new RatingError("INVALID_INPUT", `${what} series resolution must be "PT15M" or "PT1H", got ${JSON.stringify(series.resolution)}`);
  }
  return series.resolution;
}

/**
 * The series' values over the period as integer milli-units per interval (Wh or litres), each
 * converted once. Throws MISSING_CONSUMPTION for the first interval without a finite value.
 */
function readQuantities(series: Series, cal: Calendar, what: string): Float64Array {
  const start = seriesStartMs(series, what);
  const shift = (cal.startMs - start) / cal.stepMs;
  if (!Number.isInteger(shift)) {
    throw new RatingError("INVALID_INPUT", `${what} series start ${series.start} is not on the ${cal.resolution} grid of the period`);
  }
  const values = series.values;
  const out = new Float64Array(cal.intervals);
  for (let k = 0; k < cal.intervals; k++) {
    const i = shift + k;
    const v = i >= 0 && i < values.length ? values[i]! : NaN;
    if (!Number.isFinite(v)) {
      throw new RatingError(
        "MISSING_CONSUMPTION",
        `Missing ${what} for ${describeInterval(cal, k)}: ${i >= 0 && i < values.length ? "the value is missing" : "the series does not cover it"}`,
        cal.days[cal.dayOf[k]!]!.date,
      );
    }
    out[k] = quantityToMilli(v);
  }
  return out;
}

function sumPerDay(milli: Float64Array, cal: Calendar): Float64Array {
  const out = new Float64Array(cal.days.length);
  for (let d = 0; d < cal.days.length; d++) {
    const day = cal.days[d]!;
    let s = 0;
    for (let k = day.first; k < day.end; k++) s += milli[k]!;
    out[d] = s;
  }
  return out;
}

interface PriceSeries {
  startMs: number;
  stepMs: number;
  values: ArrayLike<number>;
}

/**
 * Spot price of each consumption interval in QUARTER-micro units (4 × micro-minor per kWh), so
 * the mean of four quarter-hour prices is exact: same grid or coarser prices give 4 × p, finer
 * (15-minute prices, hourly consumption) give p₁ + p₂ + p₃ + p₄.
 */
function spotPricesQuarterMicro(input: RatingInput, cal: Calendar, fromInterval: number, toInterval: number): Float64Array {
  const list = input.spotPrices === undefined ? [] : Array.isArray(input.spotPrices) ? (input.spotPrices as readonly Series[]) : [input.spotPrices as Series];
  const prepared: PriceSeries[] = list.map((s, i) => {
    const resolution = checkResolution(s, `Spot price #${i + 1}`);
    const startMs = seriesStartMs(s, `Spot price #${i + 1}`);
    const stepMs = STEP_MS[resolution];
    // On its own grid relative to the period start (hourly prices on whole local hours).
    if ((((cal.startMs - startMs) % stepMs) + stepMs) % stepMs !== 0) {
      throw new RatingError("INVALID_INPUT", `Spot price series start ${s.start} is not on the ${resolution} grid of the period`);
    }
    return { startMs, stepMs, values: s.values };
  });
  const out = new Float64Array(toInterval - fromInterval);
  for (let k = fromInterval; k < toInterval; k++) {
    const t = cal.startMs + k * cal.stepMs;
    let price: number | undefined;
    for (const s of prepared) {
      if (s.stepMs <= cal.stepMs) {
        const count = cal.stepMs / s.stepMs; // 1, or 4 quarter-hours in an hour
        const i = (t - s.startMs) / s.stepMs;
        if (i < 0 || i + count > s.values.length) continue;
        let sum = 0;
        let ok = true;
        for (let j = 0; j < count; j++) {
          const v = s.values[i + j]!;
          if (!Number.isFinite(v)) {
            ok = false;
            break;
          }
          sum += priceToMicro(v);
        }
        if (!ok) continue;
        price = sum * (4 / count);
      } else {
        const i = Math.floor((t - s.startMs) / s.stepMs);
        if (i < 0 || i >= s.values.length) continue;
        const v = s.values[i]!;
        if (!Number.isFinite(v)) continue;
        price = 4 * priceToMicro(v);
      }
      break;
    }
    if (price === undefined) {
      throw new RatingError(
        "MISSING_SPOT_PRICE",
        `Missing spot price for ${describeInterval(cal, k)}`,
        cal.days[cal.dayOf[k]!]!.date,
      );
    }
    out[k - fromInterval] = price;
  }
  return out;
}

/**
 * Price strings parsed once: a billing run rates thousands of installations with the same few
 * list versions (validated by `resolvePriceLists` before any price is read).
 */
const parsedPrices = new Map<string, bigint>();

function micro(text: string): bigint {
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

interface Run {
  key: string;
  from: number;
  to: number;
}

/** Consecutive days in [fromDay, toDay) with equal non-null keys. */
function dayRuns(fromDay: number, toDay: number, keyOf: (d: number) => string | null): Run[] {
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

interface Fraction {
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

interface Context {
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

function pushLine(ctx: Context, line: Omit<InvoiceLine, "vatAmountMinor">): void {
  ctx.lines.push({ ...line, vatAmountMinor: vatOf(line.amountMinor, line.vatRatePercent) });
}

function listIds(lists: readonly PriceList[], run: Run): string[] {
  const ids: string[] = [];
  for (let d = run.from; d < run.to; d++) {
    const id = lists[d]!.id;
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  return ids;
}

function span(ctx: Context, run: Run): { from: string; to: string } {
  const days = ctx.cal.days;
  return { from: days[run.from]!.date, to: run.to < days.length ? days[run.to]!.date : ctx.input.period.to };
}

/**
 * Lines priced per unit of a per-day quantity: one line per run of days with the same price,
 * VAT rate and label; amount = price × Σ quantity, rounded once.
 */
function perUnitLines<P extends Product>(
  ctx: Context,
  spec: {
    product: P;
    code: LineCode;
    unit: Unit;
    lists: PriceListOf<P>[];
    quantities: Float64Array;
    /** Price (decimal string) and an optional label for the day, or null when the component is absent. */
    priceOf: (list: PriceListOf<P>, day: CalendarDay) => { price: string; season?: Season; band?: TimeOfUseBand } | null;
    description?: LocalizedText;
  },
): void {
  const days = ctx.cal.days;
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
    for (let d = run.from; d < run.to; d++) quantity += spec.quantities[d]!;
    let description = spec.description ?? TEXT[spec.code];
    if (p.season) description = withSuffix(description, `(${SEASON_TEXT[p.season].sv})`, `(${SEASON_TEXT[p.season].en})`);
    let details: LineDetails | undefined;
    if (p.band && p.season) details = { kind: "timeOfUse", band: p.band, season: p.season };
    else if (p.season) details = { kind: "season", season: p.season };
    pushLine(ctx, {
      code: spec.code,
      product: spec.product,
      priceListIds: listIds(spec.lists, run),
      ...span(ctx, run),
      description,
      quantity: formatMilli(quantity),
      unit: spec.unit,
      unitPriceMinor: formatMicro(p.micro),
      amountMinor: toMinor(roundHalfAwayFromZero(p.micro * BigInt(quantity), PRICE_SCALE * QUANTITY_SCALE)),
      vatRatePercent: ctx.vat[run.from]!,
      ...(details ? { details } : {}),
    });
  }
}

type MonthShare = { month: string; days: number; daysInMonth: number };

/** Σ days / days-in-month over the run, exactly, and the months it touches. */
function monthsOf(ctx: Context, run: Run): { months: Fraction; shares: MonthShare[] } {
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
function fixedFeeLines<P extends Product>(
  ctx: Context,
  spec: { product: P; code: LineCode; lists: PriceListOf<P>[]; feeOf: (list: PriceListOf<P>) => FixedFee | undefined; description?: LocalizedText },
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
      description: spec.description ?? TEXT[spec.code],
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

/** Energy lines of a supply contract: fixed price, or spot (weighted average) + margin. */
function energyLines<P extends "SE_SUPPLY" | "FI_SUPPLY" | "DK_SUPPLY">(ctx: Context, product: P, lists: PriceListOf<P>[]): void {
  const energyOf = (list: PriceListOf<P>): EnergyPrice => (list as PriceListOf<"SE_SUPPLY" | "FI_SUPPLY" | "DK_SUPPLY">).prices.energy;
  perUnitLines(ctx, {
    product,
    code: "SUPPLY_ENERGY_FIXED",
    unit: "kWh",
    lists,
    quantities: ctx.dayEnergy,
    priceOf: (list) => {
      const e = energyOf(list);
      return e.kind === "fixed" ? { price: e.pricePerKWh } : null;
    },
  });

  const { cal, energy } = ctx;
  const spotRuns = dayRuns(0, cal.days.length, (d) => (energyOf(lists[d]!).kind === "spot" ? `spot|${ctx.vat[d]}` : null));
  for (const run of spotRuns) {
    const first = cal.days[run.from]!.first;
    const end = cal.days[run.to - 1]!.end;
    const prices = spotPricesQuarterMicro(ctx.input, cal, first, end);
    const weighted = new ExactSum();
    let totalEnergy = 0;
    let priceSum = 0;
    let negative = 0;
    const pricesFloat = new Float64Array(end - first);
    const quantitiesFloat = new Float64Array(end - first);
    for (let k = first; k < end; k++) {
      const e = energy[k]!;
      const p = prices[k - first]!;
      weighted.addProduct(e, p);
      totalEnergy += e;
      priceSum += p;
      if (p < 0) negative++;
      pricesFloat[k - first] = p / 4e6;
      quantitiesFloat[k - first] = e / 1000;
    }
    const n = end - first;
    const sumPE = weighted.value; // Wh × quarter-micro-minor per kWh = 4·10⁹ × minor units
    const weightedAverage = weightedAveragePrice(pricesFloat, quantitiesFloat);
    const unitPrice =
      totalEnergy !== 0
        ? formatFraction(sumPE, BigInt(totalEnergy) * 4n * PRICE_SCALE, 4, "fixed")
        : formatFraction(BigInt(priceSum), BigInt(n) * 4n * PRICE_SCALE, 4, "fixed");
    pushLine(ctx, {
      code: "SUPPLY_ENERGY_SPOT",
      product,
      priceListIds: listIds(lists, run),
      ...span(ctx, run),
      description: TEXT.SUPPLY_ENERGY_SPOT,
      quantity: formatMilli(totalEnergy),
      unit: "kWh",
      unitPriceMinor: unitPrice,
      amountMinor: toMinor(roundHalfAwayFromZero(sumPE, 4n * PRICE_SCALE * QUANTITY_SCALE)),
      vatRatePercent: ctx.vat[run.from]!,
      details: {
        kind: "spot",
        weightedAverage: Number.isFinite(weightedAverage) ? weightedAverage : null,
        plainAverage: priceSum / n / 4e6,
        intervals: n,
        negativeIntervals: negative,
      },
    });
  }

  perUnitLines(ctx, {
    product,
    code: "SUPPLY_MARGIN",
    unit: "kWh",
    lists,
    quantities: ctx.dayEnergy,
    priceOf: (list) => {
      const e = energyOf(list);
      return e.kind === "spot" ? { price: e.marginPerKWh } : null;
    },
  });
}

/** Per-day list version of a product, validated and covering the whole period. */
function listsByDay<P extends Product>(ctx: Context, product: P): PriceListOf<P>[] {
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

// ---------------------------------------------------------------------------------------------
// Products

function rateSupply(ctx: Context, product: "SE_SUPPLY" | "FI_SUPPLY"): void {
  const lists = listsByDay(ctx, product);
  fixedFeeLines(ctx, {
    product,
    code: "SUPPLY_MONTHLY_FEE",
    lists,
    feeOf: (list) => ({ amount: list.prices.monthlyFee, per: "month" }),
    description: product === "FI_SUPPLY" ? FI_BASIC_FEE : TEXT.SUPPLY_MONTHLY_FEE,
  });
  energyLines(ctx, product, lists);
}

function rateDkSupply(ctx: Context): void {
  const lists = listsByDay(ctx, "DK_SUPPLY");
  fixedFeeLines(ctx, {
    product: "DK_SUPPLY",
    code: "DK_SUPPLY_SUBSCRIPTION",
    lists,
    feeOf: (list) => ({ amount: list.prices.subscriptionPerMonth, per: "month" }),
  });
  energyLines(ctx, "DK_SUPPLY", lists);
}

interface Hour {
  startMs: number;
  day: number;
  localHour: number;
  energy: number;
}

/** Local clock hours of the period with their energy (15-minute values summed into their hour). */
function hoursOf(ctx: Context): Hour[] {
  const { cal, energy } = ctx;
  const hours: Hour[] = [];
  let current: Hour | undefined;
  for (let k = 0; k < cal.intervals; k++) {
    const minute = cal.localMinute[k]!;
    if (!current || cal.resolution === "PT1H" || minute % 60 === 0) {
      current = { startMs: cal.startMs + k * cal.stepMs, day: cal.dayOf[k]!, localHour: Math.floor(minute / 60), energy: 0 };
      hours.push(current);
    }
    current.energy += energy[k]!;
  }
  return hours;
}

function ruleKey(rule: PowerFeeRule): string {
  return JSON.stringify([rule.peakCount, rule.weekdays, rule.fromHour, rule.toHour, rule.months ?? null, rule.excludedDates ?? null]);
}

/**
 * Swedish power fee, per calendar month: kW = mean of the N highest hourly energies among the
 * month's hours (within the period) allowed by the rule; amount = price × kW × days/days-in-month
 * for each run of days with the same price, rule and VAT rate (a full month: × 1).
 */
function powerFeeLines(ctx: Context, lists: PriceListOf<"SE_GRID">[]): void {
  const { cal } = ctx;
  if (!lists.some((l) => l.prices.powerFee)) return;
  const hours = hoursOf(ctx);
  let monthStart = 0;
  while (monthStart < cal.days.length) {
    const monthKey = cal.days[monthStart]!.monthKey;
    let monthEnd = monthStart;
    while (monthEnd < cal.days.length && cal.days[monthEnd]!.monthKey === monthKey) monthEnd++;
    const runs = dayRuns(monthStart, monthEnd, (d) => {
      const rule = lists[d]!.prices.powerFee;
      return rule ? `${micro(rule.pricePerKWMonth)}|${ctx.vat[d]}|${ruleKey(rule)}` : null;
    });
    for (const run of runs) {
      const rule = lists[run.from]!.prices.powerFee!;
      const excluded = new Set(rule.excludedDates ?? []);
      const candidates = hours.filter((h) => {
        if (h.day < monthStart || h.day >= monthEnd) return false;
        const day = cal.days[h.day]!;
        return (
          rule.weekdays.includes(day.weekday) &&
          h.localHour >= rule.fromHour &&
          h.localHour < rule.toHour &&
          (rule.months === undefined || rule.months.includes(day.month)) &&
          !excluded.has(day.date)
        );
      });
      // Highest first; equal energies in time order, so the reported peaks are deterministic.
      candidates.sort((a, b) => b.energy - a.energy || a.startMs - b.startMs);
      const peaks = candidates.slice(0, rule.peakCount);
      const count = peaks.length;
      const peakSum = peaks.reduce((s, h) => s + h.energy, 0);
      const price = micro(rule.pricePerKWMonth);
      const days = run.to - run.from;
      const daysInMonth = cal.days[run.from]!.daysInMonth;
      const partial = days !== daysInMonth;
      const description = withSuffix(
        TEXT.SE_GRID_POWER_FEE,
        `${monthKey}${partial ? ` (${days}/${daysInMonth} dagar)` : ""}`,
        `${monthKey}${partial ? ` (${days}/${daysInMonth} days)` : ""}`,
      );
      pushLine(ctx, {
        code: "SE_GRID_POWER_FEE",
        product: "SE_GRID",
        priceListIds: listIds(lists, run),
        ...span(ctx, run),
        description,
        quantity: count === 0 ? "0.000" : formatFraction(BigInt(peakSum), BigInt(count) * QUANTITY_SCALE, 3, "fixed"),
        unit: "kW",
        unitPriceMinor: formatMicro(price),
        amountMinor:
          count === 0
            ? 0
            : toMinor(
                roundHalfAwayFromZero(
                  price * BigInt(peakSum) * BigInt(days),
                  BigInt(count) * QUANTITY_SCALE * PRICE_SCALE * BigInt(daysInMonth),
                ),
              ),
        vatRatePercent: ctx.vat[run.from]!,
        details: {
          kind: "powerFee",
          month: monthKey,
          days,
          daysInMonth,
          peakCount: rule.peakCount,
          peaks: peaks.map((h) => ({
            start: isoInstant(h.startMs),
            localDate: cal.days[h.day]!.date,
            localHour: h.localHour,
            kWh: formatMilli(h.energy),
          })),
        },
      });
    }
    monthStart = monthEnd;
  }
}

function rateSeGrid(ctx: Context): void {
  const product = "SE_GRID";
  const lists = listsByDay(ctx, product);
  fixedFeeLines(ctx, { product, code: "SE_GRID_FIXED_FEE", lists, feeOf: (l) => l.prices.fixedFee });
  perUnitLines(ctx, {
    product,
    code: "SE_GRID_TRANSFER",
    unit: "kWh",
    lists,
    quantities: ctx.dayEnergy,
    priceOf: (l) => ({ price: l.prices.transferPerKWh }),
  });
  perUnitLines(ctx, {
    product,
    code: "SE_GRID_ENERGY_TAX",
    unit: "kWh",
    lists,
    quantities: ctx.dayEnergy,
    priceOf: (l) => ({ price: l.prices.energyTaxPerKWh }),
  });
  powerFeeLines(ctx, lists);
}

function rateDkGrid(ctx: Context): void {
  const product = "DK_GRID";
  const { cal, energy } = ctx;
  const lists = listsByDay(ctx, product);
  const seasonOf = (list: PriceListOf<"DK_GRID">, month: number) => list.prices.transport.seasons.find((s) => s.months.includes(month))!;

  // Energy per day and band, classified by the local hour of each interval's start.
  const perBand: Record<TimeOfUseBand, Float64Array> = {
    low: new Float64Array(cal.days.length),
    high: new Float64Array(cal.days.length),
    peak: new Float64Array(cal.days.length),
  };
  for (let d = 0; d < cal.days.length; d++) {
    const day = cal.days[d]!;
    const bands = seasonOf(lists[d]!, day.month).hourBands;
    for (let k = day.first; k < day.end; k++) {
      perBand[bands[Math.floor(cal.localMinute[k]! / 60)]!][d] += energy[k]!;
    }
  }
  for (const band of TIME_OF_USE_BANDS) {
    perUnitLines(ctx, {
      product,
      code: BAND_CODE[band],
      unit: "kWh",
      lists,
      quantities: perBand[band],
      priceOf: (list, day) => {
        const season = seasonOf(list, day.month);
        // A band that no hour of the season uses has no line.
        return season.hourBands.includes(band) ? { price: season.prices[band], season: season.season, band } : null;
      },
    });
  }
  fixedFeeLines(ctx, { product, code: "DK_GRID_SUBSCRIPTION", lists, feeOf: (l) => ({ amount: l.prices.subscriptionPerMonth, per: "month" }) });
  const perKWh: [LineCode, (l: PriceListOf<"DK_GRID">) => string][] = [
    ["DK_ENERGINET_NET_TARIFF", (l) => l.prices.energinetNetTariffPerKWh],
    ["DK_ENERGINET_SYSTEM_TARIFF", (l) => l.prices.energinetSystemTariffPerKWh],
    ["DK_ELECTRICITY_TAX", (l) => l.prices.electricityTaxPerKWh],
  ];
  for (const [code, priceOf] of perKWh) {
    perUnitLines(ctx, { product, code, unit: "kWh", lists, quantities: ctx.dayEnergy, priceOf: (l) => ({ price: priceOf(l) }) });
  }
}

function rateDistrictHeating(ctx: Context): void {
  const product = "DH";
  const { input, cal } = ctx;
  const lists = listsByDay(ctx, product);
  fixedFeeLines(ctx, { product, code: "DH_FIXED_FEE", lists, feeOf: (l) => l.prices.fixedFee });
  perUnitLines(ctx, {
    product,
    code: "DH_ENERGY",
    unit: "kWh",
    lists,
    quantities: ctx.dayEnergy,
    priceOf: (l, day) => {
      const s = l.prices.energy.find((e) => e.months.includes(day.month))!;
      return { price: s.pricePerKWh, season: s.season };
    },
  });

  if (lists.some((l) => l.prices.powerPerKWYear !== undefined)) {
    if (input.contractedPowerKw === undefined) {
      throw new RatingError("INVALID_INPUT", "District heating power price needs the installation's contractedPowerKw");
    }
    let kWMilli: bigint;
    try {
      const micro = parseDecimal(input.contractedPowerKw, "contractedPowerKw");
      if (micro % 1000n !== 0n || micro < 0n) throw new Error("must be ≥ 0 with at most 3 decimals");
      kWMilli = micro / 1000n;
    } catch (error) {
      throw new RatingError("INVALID_INPUT", `contractedPowerKw ${JSON.stringify(input.contractedPowerKw)}: ${(error as Error).message}`);
    }
    const kWText = formatFraction(kWMilli, QUANTITY_SCALE, 3, "trim");
    const runs = dayRuns(0, cal.days.length, (d) => {
      const p = lists[d]!.prices.powerPerKWYear;
      return p === undefined ? null : `${micro(p)}|${ctx.vat[d]}`;
    });
    for (const run of runs) {
      const yearly = micro(lists[run.from]!.prices.powerPerKWYear!);
      const { months, shares } = monthsOf(ctx, run);
      // Per month: kW × yearly price / 12; the run: that × Σ days/days-in-month.
      const perMonthNum = yearly * kWMilli; // over 12 × 1000 × 10⁶
      pushLine(ctx, {
        code: "DH_POWER",
        product,
        priceListIds: listIds(lists, run),
        ...span(ctx, run),
        description: withSuffix(TEXT.DH_POWER, `${kWText} kW`, `${kWText} kW`),
        quantity: formatFraction(months.num, months.den, 4, "trim"),
        unit: "month",
        unitPriceMinor: formatFraction(perMonthNum, 12n * QUANTITY_SCALE * PRICE_SCALE, 4, "trim"),
        amountMinor: toMinor(roundHalfAwayFromZero(perMonthNum * months.num, 12n * QUANTITY_SCALE * PRICE_SCALE * months.den)),
        vatRatePercent: ctx.vat[run.from]!,
        details: { kind: "contractedPower", kW: kWText, pricePerKWYear: formatMicro(yearly), months: shares },
      });
    }
  }

  if (lists.some((l) => l.prices.flowPerM3 !== undefined)) {
    if (input.volume === undefined) {
      throw new RatingError("INVALID_INPUT", "District heating flow fee needs the installation's volume series (m³)");
    }
    const resolution = checkResolution(input.volume, "Volume");
    const volumeCal = calendarFor(input.timeZone, input.period.from, input.period.to, resolution);
    const volume = sumPerDay(readQuantities(input.volume, volumeCal, "volume (m³)"), volumeCal);
    perUnitLines(ctx, {
      product,
      code: "DH_FLOW",
      unit: "m³",
      lists,
      quantities: volume,
      priceOf: (l) => (l.prices.flowPerM3 === undefined ? null : { price: l.prices.flowPerM3 }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

function checkInput(input: RatingInput): void {
  const expected = MARKET_CURRENCY[input.market];
  if (expected === undefined) throw new RatingError("INVALID_INPUT", `Unknown market ${JSON.stringify(input.market)}`);
  if (input.currency !== expected) {
    throw new RatingError("INVALID_INPUT", `Market ${input.market} bills in ${expected}, not ${JSON.stringify(input.currency)}`);
  }
  for (const list of input.priceLists) {
    if (list.market !== input.market || list.currency !== input.currency) {
      throw new RatingError(
        "INVALID_INPUT",
        `Price list ${JSON.stringify(list.id)} is for ${list.market}/${list.currency}, the installation is ${input.market}/${input.currency}`,
      );
    }
  }
  if (input.priceLists.length === 0) throw new RatingError("INVALID_INPUT", "No price lists to rate with");
}

/**
 * Rates a period's consumption with the given price lists: every product that has a list in
 * `priceLists` is rated over the whole period, in invoice order (supply, grid, district heating).
 * See the module comment for the rules. Throws RatingError.
 */
export function rateConsumption(input: RatingInput): RatingResult {
  checkInput(input);
  const { from, to } = input.period;
  const vatSegments = resolveVatRates(input.vatRates, input.market, from, to);
  const resolution = checkResolution(input.consumption, "Consumption");
  const cal = calendarFor(input.timeZone, from, to, resolution);

  const vat: string[] = [];
  let s = 0;
  for (const day of cal.days) {
    while (day.date >= vatSegments[s]!.to) s++;
    vat.push(formatMicro(micro(vatSegments[s]!.item.ratePercent)));
  }

  const products = PRODUCTS.filter((p) => input.priceLists.some((l) => l.product === p));
  // Every product's prices first: a missing price is reported before anything is computed.
  for (const product of products) resolvePriceLists(input.priceLists, product, from, to);

  const energy = readQuantities(input.consumption, cal, "consumption");
  const ctx: Context = { input, cal, energy, dayEnergy: sumPerDay(energy, cal), vat, lines: [] };

  for (const product of products) {
    switch (product) {
      case "SE_SUPPLY":
      case "FI_SUPPLY":
        rateSupply(ctx, product);
        break;
      case "DK_SUPPLY":
        rateDkSupply(ctx);
        break;
      case "SE_GRID":
        rateSeGrid(ctx);
        break;
      case "DK_GRID":
        rateDkGrid(ctx);
        break;
      case "DH":
        rateDistrictHeating(ctx);
        break;
    }
  }

  const lines = ctx.lines;
  const netMinor = sumMinor(lines.map((l) => l.amountMinor));
  const vatMinor = sumMinor(lines.map((l) => l.vatAmountMinor));
  const vatSummary: RatingResult["vatSummary"] = [];
  for (const line of lines) {
    let entry = vatSummary.find((v) => v.ratePercent === line.vatRatePercent);
    if (!entry) {
      entry = { ratePercent: line.vatRatePercent, netMinor: 0, vatMinor: 0 };
      vatSummary.push(entry);
    }
    entry.netMinor = sumMinor([entry.netMinor, line.amountMinor]);
    entry.vatMinor = sumMinor([entry.vatMinor, line.vatAmountMinor]);
  }
  return {
    market: input.market,
    currency: input.currency,
    period: { from, to },
    lines,
    totals: { netMinor, vatMinor, totalMinor: sumMinor([netMinor, vatMinor]) },
    vatSummary,
  };
}

/** Exposed for tests: forget cached period calendars. */
export function clearRatingCalendarCache(): void {
  calendarCache.clear();
}
