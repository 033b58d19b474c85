import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mergeIntoDays, type MergedDay, type Revisions } from "@/domain/metering/merge";
import { parseMeterFile } from "@/domain/metering/parse-meter-file";
import type { MeterFileFormat, Problem } from "@/domain/metering/types";
import type { Prisma } from "@/generated/prisma/client";
import type { MeterImportStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/access/actor";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";
import { AppError } from "@/server/errors";
import { recordImport } from "./record-meter-import";
import { ensureSeries, resolveDestinations, type Destination } from "./resolve-import-destinations";
import { dayGrids, loadStoredDays, writeDays, writeRevisions } from "./write-meter-days";

type ImportMode = "all-or-nothing" | "store-valid";

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
