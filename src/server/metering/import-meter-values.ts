import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { buildDayGrid, dateSpan, emptyRevisions, mergeIntoDays, type DayGrid, type MergedDay, type Revisions, type StoredDay } from "@/domain/metering/merge";
import { parseMeterFile } from "@/domain/metering/parse-meter-file";
import {
  areaTimeZone,
  describeTarget,
  QUANTITY_UNITS,
  quantityAllowed,
  type Locate,
  type MeterFileFormat,
  type Problem,
  type ProblemLocation,
  type SeriesRun,
} from "@/domain/metering/types";
import type { Prisma } from "@/generated/prisma/client";
import type { MeterImportStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";
import { AppError } from "@/server/errors";

export type ImportMode = "all-or-nothing" | "store-valid";

export type ImportMeterValuesInput = {
  fileName: string;
  bytes: Uint8Array;
  /** Detected from the content when left out. */
  format?: MeterFileFormat;
  /** all-or-nothing (default): a file with any problem stores nothing. store-valid: the valid part is stored. */
  mode?: ImportMode;
  /** Staff (audited) or the system (command line, jobs; the default). Customers are refused. */
  actor?: Actor | { kind: "system" };
  ip?: string | null;
};

export type ImportCounts = { received: number; stored: number; replaced: number; unchanged: number; rejected: number };

export type ImportMeterValuesResult = {
  importId: string;
  status: MeterImportStatus;
  format: MeterFileFormat;
  counts: ImportCounts;
  /** The report: problems in full up to a limit, then one TOO_MANY_PROBLEMS entry. */
  problems: Problem[];
  problemCount: number;
  /** An earlier import of a file with the same bytes, if any. */
  previousImportId: string | null;
  /** Milliseconds per phase, for the benchmark and logs. */
  timings: { parse: number; database: number; merge: number; write: number; total: number };
};

export type ImportMeterValuesOptions = {
  /** Another database than the app's (scripts and benchmarks). */
  db?: Db;
  /**
   * Runs inside the import's transaction once the import is recorded (stored or rejected), so
   * that what the caller records about it (the upload job marked done) commits with it or not at all.
   */
  inTransaction?: (tx: Prisma.TransactionClient, recorded: { importId: string; status: MeterImportStatus }) => Promise<void>;
};

type Tx = Prisma.TransactionClient;

type InstallationRow = { id: string; meteringPointId: string; type: "ELECTRICITY_GRID" | "ELECTRICITY_SUPPLY" | "DISTRICT_HEATING" | "DISTRICT_COOLING"; resolution: "PT15M" | "PT1H"; timeZone: string };

/** Where one run of the file goes: one series per installation with the metering point, or the area's. */
type Destination = { run: SeriesRun; installationId: string | null; areaCode: string | null; timeZone: string; seriesId?: string; created?: boolean };

// Rows per statement: large enough that a million values take a few dozen round trips, small
// enough that no statement's parameters grow beyond a few megabytes.
const DAYS_PER_STATEMENT = 4000;
const REVISIONS_PER_STATEMENT = 20_000;
const SERIES_PER_LOAD = 200;
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

const now = () => performance.now();

/**
 * Imports a meter-value file (CSV or Eloverblik JSON) in one transaction and records it as a
 * MeterImport with its counts and problem report.
 *
 * The file is parsed into typed arrays per series, then: the metering points are resolved to
 * installations (a point shared by grid and supply goes to both), missing series are created, the
 * series rows are locked (so concurrent imports of one series queue instead of losing revisions),
 * the stored days of every series' date span are loaded in one query per batch of series, merged
 * in memory, and only changed days are written back (INSERT … SELECT FROM unnest … ON CONFLICT),
 * with the replaced values as MeterValueRevision rows. Importing the same file again changes no day.
 */
export async function importMeterValues(
  input: ImportMeterValuesInput,
  options: ImportMeterValuesOptions = {},
): Promise<ImportMeterValuesResult> {
  const actor = input.actor ?? { kind: "system" as const };
  if (actor.kind !== "staff" && actor.kind !== "system") throw new AppError("FORBIDDEN");
  const client = options.db ?? defaultDb;
  const mode = input.mode ?? "all-or-nothing";
  const started = now();

  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const parsed = parseMeterFile(input.bytes, { format: input.format, fileName: input.fileName });
  const { problems } = parsed;
  const timings = { parse: now() - started, database: 0, merge: 0, write: 0, total: 0 };

  const result = await client.$transaction(
    async (tx) => {
      const t0 = now();
      const previous = await tx.meterImport.findFirst({ where: { sha256 }, orderBy: { receivedAt: "desc" }, select: { id: true } });
      const destinations = await resolveDestinations(tx, parsed.runs, problems, parsed.locate);
      let rejected = parsed.valuesRejected;
      const accepted: Destination[] = [];
      for (const [run, targets] of destinations) {
        if (targets === null) rejected += run.length;
        else accepted.push(...targets);
      }
      timings.database += now() - t0;

      const counts: ImportCounts = { received: parsed.valuesReceived, stored: 0, replaced: 0, unchanged: 0, rejected };
      const refuse = problems.total > 0 && (mode === "all-or-nothing" || accepted.length === 0);
      const importId = randomUUID();
      const base = { importId, format: parsed.format, previousImportId: previous?.id ?? null };

      if (refuse) {
        counts.rejected = counts.received;
        await recordImport(tx, input, actor, { ...base, status: "REJECTED", sha256, counts, report: problems.report(), problemCount: problems.total });
        await options.inTransaction?.(tx, { importId, status: "REJECTED" });
        return { ...base, status: "REJECTED" as const, counts, problemCount: problems.total };
      }

      const t1 = now();
      await ensureSeries(tx, accepted);
      const stored = await loadStoredDays(tx, accepted);
      timings.database += now() - t1;

      const t2 = now();
      const grids = dayGrids(accepted);
      const writes: { seriesId: string; days: MergedDay[] }[] = [];
      const revisions: { seriesId: string; revisions: Revisions }[] = [];
      for (const d of accepted) {
        const merged = mergeIntoDays(d.run, grids.get(d.timeZone)!, stored.get(d.seriesId!) ?? new Map());
        counts.stored += merged.stored;
        counts.replaced += merged.replaced;
        counts.unchanged += merged.unchanged;
        if (merged.changedDays.length) writes.push({ seriesId: d.seriesId!, days: merged.changedDays });
        if (merged.revisions.length) revisions.push({ seriesId: d.seriesId!, revisions: merged.revisions });
      }
      timings.merge = now() - t2;

      const t3 = now();
      const status: MeterImportStatus = problems.total > 0 ? "PARTIAL" : "STORED";
      // The import row first: the revisions refer to it.
      await recordImport(tx, input, actor, { ...base, status, sha256, counts, report: problems.report(), problemCount: problems.total });
      await writeDays(tx, writes);
      await writeRevisions(tx, revisions, importId);
      await options.inTransaction?.(tx, { importId, status });
      timings.write = now() - t3;
      return { ...base, status, counts, problemCount: problems.total };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
  );
  timings.total = now() - started;
  return { ...result, problems: problems.report(), timings };
}

// ---------------------------------------------------------------------------------------------

/** The destinations of each run, or null (with a problem) when the run cannot be stored. */
async function resolveDestinations(
  tx: Tx,
  runs: SeriesRun[],
  problems: { add(p: Problem): unknown },
  locate: Locate,
): Promise<Map<SeriesRun, Destination[] | null>> {
  const pointIds = [...new Set(runs.flatMap((r) => (r.target.kind === "meteringPoint" ? [r.target.meteringPointId] : [])))];
  const areaCodes = [...new Set(runs.flatMap((r) => (r.target.kind === "area" ? [r.target.areaCode] : [])))];
  const installations: InstallationRow[] = pointIds.length
    ? await tx.installation.findMany({
        where: { meteringPointId: { in: pointIds } },
        select: { id: true, meteringPointId: true, type: true, resolution: true, timeZone: true },
        orderBy: { id: "asc" },
      })
    : [];
  const byPoint = new Map<string, InstallationRow[]>();
  for (const i of installations) byPoint.set(i.meteringPointId, [...(byPoint.get(i.meteringPointId) ?? []), i]);
  const areaZones = new Map<string, string>();
  if (areaCodes.length) {
    const existing = await tx.meterSeries.findMany({ where: { areaCode: { in: areaCodes } }, select: { areaCode: true, areaTimeZone: true } });
    for (const s of existing) if (s.areaCode && s.areaTimeZone) areaZones.set(s.areaCode, s.areaTimeZone);
  }

  const out = new Map<SeriesRun, Destination[] | null>();
  for (const run of runs) {
    const first = firstLocation(run, locate);
    const refuse = (problem: Omit<Problem, "values">) => {
      problems.add({ ...first, ...problem, values: run.length });
      out.set(run, null);
    };
    if (run.target.kind === "area") {
      const { areaCode } = run.target;
      if (run.quantity !== "OUTDOOR_TEMP_C") {
        refuse({
          code: "QUANTITY_NOT_ALLOWED",
          message: `Area series carry only OUTDOOR_TEMP_C, not ${run.quantity} (area ${areaCode}).`,
          params: { quantity: run.quantity, target: `area:${areaCode}` },
        });
        continue;
      }
      const timeZone = areaZones.get(areaCode) ?? areaTimeZone(areaCode);
      if (!timeZone) {
        refuse({
          code: "UNKNOWN_AREA",
          message: `Unknown area "${areaCode}": area codes start with SE, DK or FI (for example SE3), which sets the time zone of its days.`,
          params: { area: areaCode },
        });
        continue;
      }
      out.set(run, [{ run, installationId: null, areaCode, timeZone }]);
      continue;
    }
    const { meteringPointId } = run.target;
    const targets = byPoint.get(meteringPointId) ?? [];
    if (targets.length === 0) {
      refuse({
        code: "UNKNOWN_INSTALLATION",
        message: `No installation has the metering point ${meteringPointId}.`,
        params: { meteringPoint: meteringPointId },
        meteringPoint: meteringPointId,
      });
      continue;
    }
    const wrongKind = targets.find((i) => !quantityAllowed(i.type, run.quantity));
    if (wrongKind) {
      refuse({
        code: "QUANTITY_NOT_ALLOWED",
        message:
          run.quantity === "OUTDOOR_TEMP_C"
            ? `OUTDOOR_TEMP_C belongs to an area series (area:<code>), not to ${describeTarget(run.target)}.`
            : `${run.quantity} is not measured at ${describeTarget(run.target)}, which is a ${wrongKind.type} installation.`,
        params: { quantity: run.quantity, target: meteringPointId, installationType: wrongKind.type },
        meteringPoint: meteringPointId,
      });
      continue;
    }
    const mismatch = run.quantity === "ENERGY_KWH" ? targets.find((i) => i.resolution !== run.resolution) : undefined;
    if (mismatch) {
      refuse({
        code: "RESOLUTION_MISMATCH",
        message: `Metering point ${meteringPointId} is read ${mismatch.resolution === "PT1H" ? "hourly (PT1H)" : "every 15 minutes (PT15M)"}, but the file gives its energy ${run.resolution === "PT1H" ? "hourly (PT1H)" : "every 15 minutes (PT15M)"}.`,
        params: { meteringPoint: meteringPointId, installationResolution: mismatch.resolution, fileResolution: run.resolution },
        meteringPoint: meteringPointId,
      });
      continue;
    }
    out.set(
      run,
      targets.map((i) => ({ run, installationId: i.id, areaCode: null, timeZone: i.timeZone })),
    );
  }
  return out;
}

/** Where a series-level problem is reported: the series' first value in file order (its line, or its series and period). */
function firstLocation(run: SeriesRun, locate: Locate): ProblemLocation {
  let best = 0;
  for (let i = 1; i < run.length; i++) {
    if (run.refA[i]! < run.refA[best]! || (run.refA[i] === run.refA[best] && run.refB[i]! < run.refB[best]!)) best = i;
  }
  const { line, series, period } = locate(run.refA[best]!, run.refB[best]!);
  return line !== undefined ? { line } : { series, period };
}

/** Creates the missing series and locks every destination's series row for the transaction. */
async function ensureSeries(tx: Tx, destinations: Destination[]): Promise<void> {
  const forInstallations = destinations.filter((d) => d.installationId !== null);
  const forAreas = destinations.filter((d) => d.areaCode !== null);
  const keyOf = (owner: string, quantity: string, resolution: string) => `${owner}|${quantity}|${resolution}`;
  const ids = new Map<string, { id: string; created: boolean }>();

  if (forInstallations.length) {
    const created = await tx.$queryRawUnsafe<{ id: string; owner: string; quantity: string; resolution: string }[]>(
      `INSERT INTO "MeterSeries" ("id", "installationId", "quantity", "resolution", "unit")
       SELECT t.id, t.owner, t.quantity::"MeterQuantity", t.resolution::"Resolution", t.unit
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(id, owner, quantity, resolution, unit)
       ON CONFLICT ("installationId", "quantity", "resolution") DO NOTHING
       RETURNING "id"::text AS id, "installationId"::text AS owner, "quantity"::text AS quantity, "resolution"::text AS resolution`,
      forInstallations.map(() => randomUUID()),
      forInstallations.map((d) => d.installationId),
      forInstallations.map((d) => d.run.quantity),
      forInstallations.map((d) => d.run.resolution),
      forInstallations.map((d) => QUANTITY_UNITS[d.run.quantity]),
    );
    for (const r of created) ids.set(keyOf(r.owner, r.quantity, r.resolution), { id: r.id, created: true });
    const all = await tx.$queryRawUnsafe<{ id: string; owner: string; quantity: string; resolution: string }[]>(
      `SELECT s."id"::text AS id, s."installationId"::text AS owner, s."quantity"::text AS quantity, s."resolution"::text AS resolution
       FROM "MeterSeries" s
       JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS t(owner, quantity, resolution)
         ON s."installationId" = t.owner AND s."quantity" = t.quantity::"MeterQuantity" AND s."resolution" = t.resolution::"Resolution"`,
      forInstallations.map((d) => d.installationId),
      forInstallations.map((d) => d.run.quantity),
      forInstallations.map((d) => d.run.resolution),
    );
    for (const r of all) if (!ids.has(keyOf(r.owner, r.quantity, r.resolution))) ids.set(keyOf(r.owner, r.quantity, r.resolution), { id: r.id, created: false });
  }
  if (forAreas.length) {
    const created = await tx.$queryRawUnsafe<{ id: string; owner: string; quantity: string; resolution: string }[]>(
      `INSERT INTO "MeterSeries" ("id", "areaCode", "areaTimeZone", "quantity", "resolution", "unit")
       SELECT t.id, t.owner, t.zone, t.quantity::"MeterQuantity", t.resolution::"Resolution", t.unit
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, owner, zone, quantity, resolution, unit)
       ON CONFLICT ("areaCode", "quantity", "resolution") DO NOTHING
       RETURNING "id"::text AS id, "areaCode" AS owner, "quantity"::text AS quantity, "resolution"::text AS resolution`,
      forAreas.map(() => randomUUID()),
      forAreas.map((d) => d.areaCode),
      forAreas.map((d) => d.timeZone),
      forAreas.map((d) => d.run.quantity),
      forAreas.map((d) => d.run.resolution),
      forAreas.map((d) => QUANTITY_UNITS[d.run.quantity]),
    );
    for (const r of created) ids.set(keyOf(r.owner, r.quantity, r.resolution), { id: r.id, created: true });
    const all = await tx.$queryRawUnsafe<{ id: string; owner: string; quantity: string; resolution: string }[]>(
      `SELECT s."id"::text AS id, s."areaCode" AS owner, s."quantity"::text AS quantity, s."resolution"::text AS resolution
       FROM "MeterSeries" s
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS t(owner, quantity, resolution)
         ON s."areaCode" = t.owner AND s."quantity" = t.quantity::"MeterQuantity" AND s."resolution" = t.resolution::"Resolution"`,
      forAreas.map((d) => d.areaCode),
      forAreas.map((d) => d.run.quantity),
      forAreas.map((d) => d.run.resolution),
    );
    for (const r of all) if (!ids.has(keyOf(r.owner, r.quantity, r.resolution))) ids.set(keyOf(r.owner, r.quantity, r.resolution), { id: r.id, created: false });
  }

  for (const d of destinations) {
    const found = ids.get(keyOf((d.installationId ?? d.areaCode)!, d.run.quantity, d.run.resolution));
    if (!found) throw new Error(`Series for ${describeTarget(d.run.target)} was neither found nor created`);
    d.seriesId = found.id;
    d.created = found.created;
  }
  // In id order, so that two imports touching the same series cannot deadlock.
  const seriesIds = [...new Set(destinations.map((d) => d.seriesId!))].sort();
  if (seriesIds.length) await tx.$queryRawUnsafe(`SELECT 1 FROM "MeterSeries" WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`, seriesIds);
}

function dayGrids(destinations: Destination[]): Map<string, DayGrid> {
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
async function loadStoredDays(tx: Tx, destinations: Destination[]): Promise<Map<string, Map<string, StoredDay>>> {
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
async function writeDays(tx: Tx, writes: { seriesId: string; days: MergedDay[] }[]): Promise<void> {
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

async function writeRevisions(tx: Tx, all: { seriesId: string; revisions: Revisions }[], importId: string): Promise<void> {
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

type ImportRecord = {
  importId: string;
  format: MeterFileFormat;
  status: MeterImportStatus;
  sha256: string;
  counts: ImportCounts;
  report: Problem[];
  problemCount: number;
};

async function recordImport(tx: Tx, input: ImportMeterValuesInput, actor: Actor | { kind: "system" }, record: ImportRecord): Promise<void> {
  const { counts } = record;
  await tx.meterImport.create({
    data: {
      id: record.importId,
      fileName: input.fileName,
      format: record.format,
      sha256: record.sha256,
      status: record.status,
      valuesReceived: counts.received,
      valuesStored: counts.stored,
      valuesReplaced: counts.replaced,
      valuesUnchanged: counts.unchanged,
      valuesRejected: counts.rejected,
      // Through JSON once: drops the undefined fields of the problems.
      report: JSON.parse(JSON.stringify(record.report)) as Prisma.InputJsonValue,
      receivedByStaffId: actor.kind === "staff" ? actor.staffId : null,
    },
  });
  if (actor.kind === "staff") {
    await writeAudit(tx, actor, {
      action: "meter.importReceived",
      targetType: "MeterImport",
      targetId: record.importId,
      details: {
        fileName: input.fileName,
        format: record.format,
        status: record.status,
        received: counts.received,
        stored: counts.stored,
        replaced: counts.replaced,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        problems: record.problemCount,
      },
      ipAddress: input.ip ?? null,
    });
  }
}
