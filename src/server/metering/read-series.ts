import "server-only";
// Reading stored meter series (MeterDay rows: one per series and LOCAL day, values from local
// midnight) back as one array per series for a period of local days. Shared by the consumption
// views and the billing runs, so there is one reader of the storage format.
import { periodDays, type PeriodDays } from "@/domain/billing/rating/calendar";
import type { Resolution } from "@/domain/time/zoned";
import type { Db } from "@/server/db/create-client";

/** Anything that can run a raw query: the client or a transaction. */
export type RawQueryable = Pick<Db, "$queryRawUnsafe">;

export type SeriesDayRow = { seriesId: string; day: string; values: number[]; quality: number[] };

/** PostgreSQL's text form of float8[] / smallint[] (`{1.5,NaN,2}`) as numbers; NaN stays NaN. */
export function parseArrayText(text: string | null): number[] {
  if (!text || text.length <= 2) return [];
  const parts = text.slice(1, -1).split(",");
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parts[i] === "NaN" ? Number.NaN : Number(parts[i]);
  return out;
}

/**
 * The MeterDay rows of some series over local days [from, toExclusive), ordered by series and day.
 * Arrays travel as text and are parsed here: float8[] keeps NaN (missing) intact that way, and it
 * is faster than the driver's generic array parsing for hundreds of thousands of values.
 */
export async function loadSeriesDays(
  db: RawQueryable,
  seriesIds: readonly string[],
  from: string,
  toExclusive: string,
  options: { quality?: boolean } = {},
): Promise<SeriesDayRow[]> {
  if (seriesIds.length === 0 || from >= toExclusive) return [];
  const rows = await db.$queryRawUnsafe<{ seriesId: string; day: string; values: string; quality: string | null }[]>(
    `SELECT "seriesId"::text AS "seriesId", to_char("day", 'YYYY-MM-DD') AS day, "values"::text AS values,
            ${options.quality === false ? "NULL" : `"quality"::text`} AS quality
     FROM "MeterDay"
     WHERE "seriesId" = ANY($1::uuid[]) AND "day" >= $2::date AND "day" < $3::date
     ORDER BY "seriesId", "day"`,
    seriesIds,
    from,
    toExclusive,
  );
  return rows.map((r) => ({ seriesId: r.seriesId, day: r.day, values: parseArrayText(r.values), quality: parseArrayText(r.quality) }));
}

/** Where each local day's values go in a period's array (the same for every series of a zone). */
export type PeriodLayout = {
  from: string;
  toExclusive: string;
  timeZone: string;
  resolution: Resolution;
  /** UTC ms of local midnight of `from`. */
  startMs: number;
  stepMs: number;
  /** Intervals in the period. */
  n: number;
  offsets: Map<string, { at: number; length: number }>;
};

/** One layout per period: it lives as long as the calendar's cache keeps the calendar. */
const layouts = new WeakMap<PeriodDays, PeriodLayout>();

/** The layout of [from, toExclusive) in a zone at a resolution: the period days of rating, by date. */
export function periodLayout(from: string, toExclusive: string, timeZone: string, resolution: Resolution): PeriodLayout {
  const calendar = periodDays(timeZone, from, toExclusive, resolution);
  const hit = layouts.get(calendar);
  if (hit) return hit;
  const offsets = new Map<string, { at: number; length: number }>();
  for (const d of calendar.days) offsets.set(d.date, { at: d.first, length: d.end - d.first });
  const layout: PeriodLayout = { from, toExclusive, timeZone, resolution, startMs: calendar.startMs, stepMs: calendar.stepMs, n: calendar.intervals, offsets };
  layouts.set(calendar, layout);
  return layout;
}

/**
 * One series' rows placed into the period's array: a Float64Array of `layout.n` values from local
 * midnight of `from`, NaN where a day has no row or a value is missing. Rows outside the period
 * are ignored; `flags` (optional, same length) gets 1 where the quality is estimated or corrected.
 */
export function placeSeriesDays(rows: readonly SeriesDayRow[], layout: PeriodLayout, flags?: Uint8Array): Float64Array {
  const values = new Float64Array(layout.n).fill(Number.NaN);
  for (const row of rows) {
    const place = layout.offsets.get(row.day);
    if (!place) continue;
    const len = Math.min(place.length, row.values.length);
    for (let i = 0; i < len; i++) {
      const v = row.values[i]!;
      values[place.at + i] = v;
      if (flags) {
        const q = row.quality[i];
        if ((q === 1 || q === 2) && !Number.isNaN(v)) flags[place.at + i] = 1;
      }
    }
  }
  return values;
}

export type PeriodSeries = { start: string; resolution: Resolution; values: Float64Array };

/**
 * Several series over the same local days, each in its own zone and resolution, read with one
 * query: series id → its values from local midnight of `from` (NaN where missing).
 */
export async function readSeriesForPeriod(
  db: RawQueryable,
  series: readonly { seriesId: string; timeZone: string; resolution: Resolution }[],
  from: string,
  toExclusive: string,
): Promise<Map<string, PeriodSeries>> {
  const rows = await loadSeriesDays(
    db,
    series.map((s) => s.seriesId),
    from,
    toExclusive,
    { quality: false },
  );
  const bySeries = new Map<string, SeriesDayRow[]>();
  for (const row of rows) {
    let list = bySeries.get(row.seriesId);
    if (!list) bySeries.set(row.seriesId, (list = []));
    list.push(row);
  }
  const out = new Map<string, PeriodSeries>();
  for (const s of series) {
    const layout = periodLayout(from, toExclusive, s.timeZone, s.resolution);
    out.set(s.seriesId, {
      start: new Date(layout.startMs).toISOString(),
      resolution: s.resolution,
      values: placeSeriesDays(bySeries.get(s.seriesId) ?? [], layout),
    });
  }
  return out;
}
