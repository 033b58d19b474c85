// The stored days of an import's series: read in batches, and the changed days and the replaced
// values (revisions) written back in a few large statements.
import "server-only";
import { buildDayGrid, dateSpan, emptyRevisions, type DayGrid, type MergedDay, type Revisions, type StoredDay } from "@/domain/metering/merge";
import type { Prisma } from "@/generated/prisma/client";
import type { Destination } from "./resolve-import-destinations";

type Tx = Prisma.TransactionClient;

// Rows per statement: large enough that a million values take a few dozen round trips, small
// enough that no statement's parameters grow beyond a few megabytes.
const DAYS_PER_STATEMENT = 4000;
const REVISIONS_PER_STATEMENT = 20_000;
const SERIES_PER_LOAD = 200;

export function dayGrids(destinations: Destination[]): Map<string, DayGrid> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const d of destinations) {
    const { times, length } = d.run;
    const span = spans.get(d.timeZone) ?? { from: Infinity, to: -Infinity };
    span.from = Math.min(span.from, times[0]!);
    span.to = Math.max(span.to, times[length - 1]!);
    spans.set(d.timeZone, span);
  }
  return new Map([...spans].map(([zone, span]) => [zone, buildDayGrid(zone, span.from, span.to)]));
}

/** PostgreSQL's text form of float8[] / smallint[]: `{1.5,NaN,2}`. */
function parseArrayText(text: string | null): number[] {
  if (!text || text.length <= 2) return [];
  return text
    .slice(1, -1)
    .split(",")
    .map((v) => (v === "NaN" ? Number.NaN : Number(v)));
}

/** Stored days of the existing series over each series' date span, one query per batch of series. */
export async function loadStoredDays(tx: Tx, destinations: Destination[]): Promise<Map<string, Map<string, StoredDay>>> {
  const out = new Map<string, Map<string, StoredDay>>();
  const existing = destinations.filter((d) => !d.created);
  if (!existing.length) return out;
  const grids = dayGrids(existing);
  for (let start = 0; start < existing.length; start += SERIES_PER_LOAD) {
    const batch = existing.slice(start, start + SERIES_PER_LOAD);
    const spans = batch.map((d) => dateSpan(grids.get(d.timeZone)!, d.run.times[0]!, d.run.times[d.run.length - 1]!));
    const rows = await tx.$queryRawUnsafe<{ seriesId: string; day: string; values: string | null; quality: string | null }[]>(
      `SELECT d."seriesId"::text AS "seriesId", to_char(d."day", 'YYYY-MM-DD') AS day, d."values"::text AS values, d."quality"::text AS quality
       FROM "MeterDay" d
       JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS t(id, first_day, last_day)
         ON d."seriesId" = t.id AND d."day" BETWEEN t.first_day AND t.last_day`,
      batch.map((d) => d.seriesId),
      spans.map((s) => s.from),
      spans.map((s) => s.to),
    );
    for (const row of rows) {
      let days = out.get(row.seriesId);
      if (!days) out.set(row.seriesId, (days = new Map()));
      days.set(row.day, { values: parseArrayText(row.values), quality: parseArrayText(row.quality) });
    }
  }
  return out;
}

/** Upserts the changed days; values travel as array literals because Prisma's parameters cannot carry NaN. */
export async function writeDays(tx: Tx, writes: { seriesId: string; days: MergedDay[] }[]): Promise<void> {
  let seriesIds: string[] = [];
  let dates: string[] = [];
  let starts: string[] = [];
  let values: string[] = [];
  let qualities: string[] = [];
  let sums: number[] = [];
  const flush = async () => {
    if (!dates.length) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO "MeterDay" ("seriesId", "day", "startsAt", "values", "quality", "sum", "updatedAt")
       SELECT t.series_id, t.day, t.starts_at, t.vals::float8[], t.qual::smallint[], t.total, now()
       FROM unnest($1::uuid[], $2::date[], $3::timestamptz[], $4::text[], $5::text[], $6::float8[]) AS t(series_id, day, starts_at, vals, qual, total)
       ON CONFLICT ("seriesId", "day") DO UPDATE
         SET "startsAt" = EXCLUDED."startsAt", "values" = EXCLUDED."values", "quality" = EXCLUDED."quality",
             "sum" = EXCLUDED."sum", "updatedAt" = EXCLUDED."updatedAt"`,
      seriesIds,
      dates,
      starts,
      values,
      qualities,
      sums,
    );
    seriesIds = [];
    dates = [];
    starts = [];
    values = [];
    qualities = [];
    sums = [];
  };
  for (const w of writes) {
    for (const day of w.days) {
      seriesIds.push(w.seriesId);
      dates.push(day.date);
      starts.push(new Date(day.startsAt).toISOString());
      values.push(`{${day.values.join(",")}}`);
      qualities.push(`{${day.quality.join(",")}}`);
      sums.push(day.sum);
      if (dates.length >= DAYS_PER_STATEMENT) await flush();
    }
  }
  await flush();
}

export async function writeRevisions(tx: Tx, all: { seriesId: string; revisions: Revisions }[], importId: string): Promise<void> {
  let batch = { seriesIds: [] as string[], ...emptyRevisions() };
  const flush = async () => {
    if (!batch.length) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO "MeterValueRevision" ("seriesId", "intervalStart", "previousValue", "previousQuality", "newValue", "newQuality", "importId")
       SELECT t.series_id, t.interval_start, t.previous_value, t.previous_quality, t.new_value, t.new_quality, $7::uuid
       FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::smallint[], $5::float8[], $6::smallint[])
         AS t(series_id, interval_start, previous_value, previous_quality, new_value, new_quality)`,
      batch.seriesIds,
      batch.intervalStart.map((t) => new Date(t).toISOString()),
      batch.previousValue,
      batch.previousQuality,
      batch.newValue,
      batch.newQuality,
      importId,
    );
    batch = { seriesIds: [], ...emptyRevisions() };
  };
  for (const { seriesId, revisions: r } of all) {
    for (let i = 0; i < r.length; i++) {
      batch.seriesIds.push(seriesId);
      batch.intervalStart.push(r.intervalStart[i]!);
      batch.previousValue.push(r.previousValue[i]!);
      batch.previousQuality.push(r.previousQuality[i]!);
      batch.newValue.push(r.newValue[i]!);
      batch.newQuality.push(r.newQuality[i]!);
      batch.length++;
      if (batch.length >= REVISIONS_PER_STATEMENT) await flush();
    }
  }
  await flush();
}
