import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";
import { MAX_IMPORT_FILE_BYTES } from "@/domain/metering/types";
import type { Actor } from "@/server/access/actor";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";
import { AppError } from "@/server/errors";

/**
 * Bytes per stored chunk: the upload holds about this much in memory at a time. Each chunk is one
 * short piece of work on the web server's event loop (encode, send); at 64 KB the sign-in page
 * answered a p95 of 41 ms during a 50 MB upload against 88 ms at 256 KB (npm run bench --
 * import-responsiveness, 2026-12-04), for an upload that takes 3 s instead of 2.
 */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;

export type UploadOutcome = { ok: true; jobId: string } | { ok: false; error: "fileRequired" | "fileTooLarge" };

export type MeterImportUpload = {
  /** The request body (multipart/form-data: `file`, optional `storeValid=on`), already bounded by the route. */
  body: ReadableStream<Uint8Array>;
  contentType: string;
  ip: string | null;
};

/**
 * Takes a staff member's meter-value upload apart as it streams in and stores the file in chunks of
 * a quarter megabyte as a MeterImportJob, queued for the background worker (run-meter-import-jobs.ts),
 * which imports it off the web server's event loop. Nothing is parsed here. A file over
 * MAX_IMPORT_FILE_BYTES, an empty one or none leaves no job behind.
 */
export async function receiveMeterImportUpload(actor: Actor, upload: MeterImportUpload, options: { db?: Db; maxFileBytes?: number } = {}): Promise<UploadOutcome> {
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN");
  const client = options.db ?? defaultDb;
  // Filled in by the parser's events as the body streams through.
  const state: { jobId: string | null; storeValid: boolean; file: Promise<{ size: number; truncated: boolean }> | null } = { jobId: null, storeValid: false, file: null };

  const parser = new Busboy({
    headers: { "content-type": upload.contentType },
    limits: { files: 1, fileSize: options.maxFileBytes ?? MAX_IMPORT_FILE_BYTES, fields: 5, fieldSize: 1024, parts: 8 },
  });
  parser.on("field", (name, value) => {
    if (name === "storeValid") state.storeValid = value === "on";
  });
  parser.on("file", (name, stream, fileName) => {
    if (name !== "file" || state.file) return void stream.resume();
    state.file = storeChunks(stream, fileName).catch((error: unknown) => {
      // A failed write must also stop the parser, or it would wait for the file stream forever.
      parser.destroy(error as Error);
      throw error;
    });
  });

  async function storeChunks(stream: BusboyFileStream, fileName: string) {
    const job = await client.meterImportJob.create({
      data: { fileName: (fileName || "").slice(0, 255), receivedByStaffId: actor.kind === "staff" ? actor.staffId : "", ipAddress: upload.ip },
      select: { id: true },
    });
    state.jobId = job.id;
    let pieces: Buffer[] = [];
    let buffered = 0;
    let size = 0;
    let seq = 0;
    const flush = async () => {
      if (!buffered) return;
      const bytes = Buffer.concat(pieces, buffered);
      pieces = [];
      buffered = 0;
      // Raw: Prisma's model API takes three times as long to encode a megabyte of bytea.
      await client.$executeRawUnsafe(`INSERT INTO "MeterImportJobChunk" ("jobId", "seq", "bytes") VALUES ($1::uuid, $2, $3)`, job.id, seq++, bytes);
    };
    // Awaiting each write pauses the file stream, and through it the request: backpressure
    // keeps the upload's memory at about one chunk.
    for await (const piece of stream as AsyncIterable<Buffer>) {
      pieces.push(piece);
      buffered += piece.length;
      size += piece.length;
      if (buffered >= UPLOAD_CHUNK_BYTES) await flush();
    }
    if (!stream.truncated) await flush();
    return { size, truncated: stream.truncated };
  }

  const abandon = async () => {
    if (state.jobId) await client.meterImportJob.delete({ where: { id: state.jobId } }).catch(() => {});
  };
  try {
    await pipeline(Readable.fromWeb(upload.body as import("node:stream/web").ReadableStream<Uint8Array>), parser);
    const stored = state.file ? await state.file : null;
    const jobId = state.jobId;
    if (!stored || !jobId || stored.size === 0) {
      await abandon();
      return { ok: false, error: "fileRequired" };
    }
    if (stored.truncated) {
      await abandon();
      return { ok: false, error: "fileTooLarge" };
    }
    await client.meterImportJob.update({
      where: { id: jobId },
      data: { status: "QUEUED", sizeBytes: stored.size, mode: state.storeValid ? "STORE_VALID" : "ALL_OR_NOTHING" },
    });
    return { ok: true, jobId };
  } catch (error) {
    await abandon();
    throw error;
  }
}
