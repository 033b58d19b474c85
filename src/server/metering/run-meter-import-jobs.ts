import "server-only";
import type { StaffActor } from "@/server/access/actor";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";
import { importMeterValues } from "./import-meter-values";

/** A claim long enough for the largest file (the import's own transaction allows 15 minutes). */
const LEASE_MS = 20 * 60_000;
/** Tries before an upload that keeps failing (not a file with problems: that is a REJECTED import) is given up. */
export const MAX_IMPORT_ATTEMPTS = 3;
/** An upload still RECEIVING after this long was abandoned (the browser or the server went away). */
const ABANDONED_AFTER_MS = 60 * 60_000;
/** A failed try waits this long before the next (a database restart, say, has time to pass). */
const RETRY_AFTER_MS = 60_000;
/** Chunks loaded per query while the file is put together. */
const CHUNKS_PER_LOAD = 8;

export type MeterImportJobsResult = { imported: number; failed: number; retrying: number; abandoned: number };

type Claimed = { id: string; fileName: string; mode: "ALL_OR_NOTHING" | "STORE_VALID"; sizeBytes: number; receivedByStaffId: string; ipAddress: string | null; attempts: number };

/**
 * The background worker's part of a staff upload (receive-meter-import-upload.ts): claims queued
 * uploads one at a time (row lock, SKIP LOCKED, a lease; several workers may run), puts the file
 * together from its chunks and imports it with importMeterValues as the staff member who uploaded
 * it, from the address they uploaded from. The job is marked done, pointing at its import, in the
 * import's own transaction, so a crash in between cannot import a file twice.
 */
export async function runMeterImportJobs(options: { db?: Db; now?: () => Date; limit?: number } = {}): Promise<MeterImportJobsResult> {
  const client = options.db ?? defaultDb;
  const clock = options.now ?? (() => new Date());
  const result: MeterImportJobsResult = { imported: 0, failed: 0, retrying: 0, abandoned: 0 };

  result.abandoned = await client.meterImportJob.deleteMany({
    where: { status: "RECEIVING", createdAt: { lt: new Date(clock().getTime() - ABANDONED_AFTER_MS) } },
  }).then((r) => r.count);

  for (let n = 0; n < (options.limit ?? 5); n++) {
    const now = clock();
    const [job] = await client.$queryRawUnsafe<Claimed[]>(
      `UPDATE "MeterImportJob" SET "status" = 'RUNNING', "attempts" = "attempts" + 1, "startedAt" = $1::timestamptz, "lockedUntil" = $2::timestamptz
       WHERE "id" = (
         SELECT "id" FROM "MeterImportJob"
         WHERE ("status" = 'QUEUED' AND ("lockedUntil" IS NULL OR "lockedUntil" < $1::timestamptz))
            OR ("status" = 'RUNNING' AND "lockedUntil" < $1::timestamptz)
         ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED
       )
       RETURNING "id"::text AS id, "fileName", "mode"::text AS mode, "sizeBytes", "receivedByStaffId"::text AS "receivedByStaffId", "ipAddress", "attempts"`,
      now.toISOString(),
      new Date(now.getTime() + LEASE_MS).toISOString(),
    );
    if (!job) break;
    try {
      const staff = await client.staffUser.findUnique({ where: { id: job.receivedByStaffId }, select: { id: true, name: true, email: true, role: true } });
      if (!staff) throw new Error("The staff member who uploaded the file no longer exists.");
      const actor: StaffActor = { kind: "staff", staffId: staff.id, name: staff.name, email: staff.email, role: staff.role };
      await importMeterValues(
        { fileName: job.fileName, bytes: await assemble(client, job), mode: job.mode === "STORE_VALID" ? "store-valid" : "all-or-nothing", actor, ip: job.ipAddress },
        {
          db: client,
          inTransaction: async (tx, recorded) => {
            await tx.meterImportJob.update({ where: { id: job.id }, data: { status: "DONE", importId: recorded.importId, finishedAt: clock(), lockedUntil: null, lastError: null } });
            await tx.meterImportJobChunk.deleteMany({ where: { jobId: job.id } });
          },
        },
      );
      result.imported += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[meter import] upload ${job.id} (${job.fileName}) failed:`, message);
      const giveUp = job.attempts >= MAX_IMPORT_ATTEMPTS;
      if (giveUp) result.failed += 1;
      else result.retrying += 1;
      await client.meterImportJob.update({
        where: { id: job.id },
        data: giveUp
          ? { status: "FAILED", finishedAt: clock(), lockedUntil: null, lastError: message.slice(0, 1000) }
          : { status: "QUEUED", lockedUntil: new Date(clock().getTime() + RETRY_AFTER_MS), lastError: message.slice(0, 1000) },
      });
      if (giveUp) await client.meterImportJobChunk.deleteMany({ where: { jobId: job.id } });
    }
  }
  return result;
}

/** The uploaded file, copied chunk by chunk into one buffer of its size. */
async function assemble(client: Db, job: Claimed): Promise<Uint8Array> {
  const bytes = new Uint8Array(job.sizeBytes);
  let offset = 0;
  for (let seq = 0; ; seq += CHUNKS_PER_LOAD) {
    const chunks = await client.$queryRawUnsafe<{ bytes: Uint8Array }[]>(
      `SELECT "bytes" FROM "MeterImportJobChunk" WHERE "jobId" = $1::uuid AND "seq" >= $2 AND "seq" < $3 ORDER BY "seq"`,
      job.id,
      seq,
      seq + CHUNKS_PER_LOAD,
    );
    for (const c of chunks) {
      bytes.set(c.bytes, offset);
      offset += c.bytes.length;
    }
    if (chunks.length < CHUNKS_PER_LOAD) break;
  }
  if (offset !== job.sizeBytes) throw new Error(`The stored upload has ${offset} of its ${job.sizeBytes} bytes.`);
  return bytes;
}
