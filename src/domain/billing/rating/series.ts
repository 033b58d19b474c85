// Series: consumption, volume and spot prices read onto the period's calendar as exact integers.
import type { Series } from "../../consumption/aggregate";
import type { Resolution } from "../../time/zoned";
import { priceToMicro, quantityToMilli } from "../money";
import { RatingError } from "../price-list";
import { STEP_MS, describeInterval, type Calendar } from "./calendar";
import type { RatingInput } from "./types";

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function seriesStartMs(series: Series, what: string): number {
  const ms = typeof series.start === "string" && INSTANT.test(series.start) ? Date.parse(series.start) : NaN;
  if (!Number.isFinite(ms)) {
    throw new RatingError("INVALID_INPUT", `${what} series start must be an ISO-8601 instant with Z or an offset, got ${JSON.stringify(series.start)}`);
  }
  return ms;
}

export function checkResolution(series: Series, what: string): Resolution {
  if (series.resolution !== "PT15M" && series.resolution !== "PT1H") {
    throw new RatingError("INVALID_INPUT", `${what} series resolution must be "PT15M" or "PT1H", got ${JSON.stringify(series.resolution)}`);
  }
  return series.resolution;
}

/**
 * The series' values over the period as integer milli-units per interval (Wh or litres), each
 * converted once. Throws MISSING_CONSUMPTION for the first interval without a finite value.
 */
export function readQuantities(series: Series, cal: Calendar, what: string): Float64Array {
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

export function sumPerDay(milli: Float64Array, cal: Calendar): Float64Array {
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
export function spotPricesQuarterMicro(input: RatingInput, cal: Calendar, fromInterval: number, toInterval: number): Float64Array {
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
