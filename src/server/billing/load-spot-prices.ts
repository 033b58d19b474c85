import "server-only";
// Spot prices of a price area over a window of instants, as the rating's price series: one hourly
// and one 15-minute series (NaN where a price is missing), and a hash of every price read, so a
// billing run can tell whether the prices behind an invoice changed.
import { createHash } from "node:crypto";
import type { Series } from "@/domain/consumption/aggregate";
import type { RawQueryable } from "@/server/metering/read-series";

export type AreaSpotPrices = {
  priceArea: string;
  currency: string;
  fromMs: number;
  toMs: number;
  /** Hourly prices from `fromMs` (floored to the hour), NaN where missing; null when none. */
  hourly: Series | null;
  /** 15-minute prices from `fromMs`, NaN where missing; null when none. */
  quarterHourly: Series | null;
  /** sha256 over every (resolution, start, price) read, in order. */
  hash: string;
};

const HOUR = 3_600_000;
const QUARTER = 900_000;

/** Spot prices of `priceArea` in `currency` with start in [fromMs, toMs). */
export async function loadAreaSpotPrices(db: RawQueryable, priceArea: string, currency: string, fromMs: number, toMs: number): Promise<AreaSpotPrices> {
  const start = Math.floor(fromMs / HOUR) * HOUR;
  const rows = await db.$queryRawUnsafe<{ resolution: string; ms: number; price: string }[]>(
    `SELECT "resolution"::text AS resolution, (extract(epoch FROM "startsAt") * 1000)::float8 AS ms, "priceMinor"::text AS price
     FROM "SpotPrice"
     WHERE "priceArea" = $1 AND "currency" = $2::"Currency" AND "startsAt" >= $3::timestamptz AND "startsAt" < $4::timestamptz
     ORDER BY "resolution", "startsAt"`,
    priceArea,
    currency,
    new Date(start).toISOString(),
    new Date(toMs).toISOString(),
  );
  const hash = createHash("sha256");
  const hourly = new Float64Array(Math.ceil((toMs - start) / HOUR)).fill(Number.NaN);
  const quarters = new Float64Array(Math.ceil((toMs - start) / QUARTER)).fill(Number.NaN);
  let anyHourly = false;
  let anyQuarter = false;
  for (const row of rows) {
    hash.update(`${row.resolution}|${row.ms}|${row.price}\n`);
    const price = Number(row.price);
    if (row.resolution === "PT1H") {
      hourly[Math.round((row.ms - start) / HOUR)] = price;
      anyHourly = true;
    } else {
      quarters[Math.round((row.ms - start) / QUARTER)] = price;
      anyQuarter = true;
    }
  }
  const iso = new Date(start).toISOString();
  return {
    priceArea,
    currency,
    fromMs: start,
    toMs,
    hourly: anyHourly ? { start: iso, resolution: "PT1H", values: hourly } : null,
    quarterHourly: anyQuarter ? { start: iso, resolution: "PT15M", values: quarters } : null,
    hash: hash.digest("hex"),
  };
}

/**
 * The series in the order the rating should try them for consumption at `resolution`: the same
 * resolution first (15-minute consumption at 15-minute prices; hourly consumption at hourly
 * prices where published, else at the mean of the four quarter-hours).
 */
export function spotSeriesFor(prices: AreaSpotPrices, resolution: "PT15M" | "PT1H"): Series[] {
  const ordered = resolution === "PT15M" ? [prices.quarterHourly, prices.hourly] : [prices.hourly, prices.quarterHourly];
  return ordered.filter((s): s is Series => s !== null);
}

/** Plain mean of the prices with start in [fromMs, toMs) (the finest series that has any), or null. */
export function plainMeanPrice(prices: AreaSpotPrices, fromMs: number, toMs: number): number | null {
  for (const series of [prices.quarterHourly, prices.hourly]) {
    if (!series) continue;
    const step = series.resolution === "PT15M" ? QUARTER : HOUR;
    let sum = 0;
    let n = 0;
    for (let t = Math.max(fromMs, prices.fromMs); t < toMs; t += step) {
      const v = series.values[Math.round((t - prices.fromMs) / step)];
      if (v !== undefined && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    if (n > 0) return sum / n;
  }
  return null;
}
