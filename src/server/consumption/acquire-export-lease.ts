import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/server/db/client";

/** How long a lease lasts without being renewed: what a crashed server holds a user's slot at most. */
const EXPORT_LEASE_SECONDS = 60;
/** A streaming export renews its lease when it is this old, so a long download keeps its slot. */
const RENEW_AFTER_MS = 20_000;

export type ExportLease = {
  /** Moves the expiry on when it is due; cheap to call before every chunk. */
  keepAlive(): Promise<void>;
  /** Frees the slot (only this lease's row: a later export that reclaimed an expired one keeps its own). Idempotent. */
  release(): Promise<void>;
};

/**
 * The user's one export slot, or null while another export of theirs holds it. The slot is a row
 * in ExportLease, so it holds across server processes; an expired row is taken over in the same
 * statement (INSERT … ON CONFLICT … WHERE expired), so two requests never both get it. Times are
 * the database's clock, the one clock every server process shares.
 */
export async function acquireExportLease(userId: string): Promise<ExportLease | null> {
  const token = randomUUID();
  const rows = await db.$queryRaw<{ token: string }[]>`
    INSERT INTO "ExportLease" ("userId", "token", "acquiredAt", "expiresAt")
    VALUES (${userId}::uuid, ${token}::uuid, clock_timestamp(), clock_timestamp() + make_interval(secs => ${EXPORT_LEASE_SECONDS}::float8))
    ON CONFLICT ("userId") DO UPDATE SET "token" = EXCLUDED."token", "acquiredAt" = EXCLUDED."acquiredAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "ExportLease"."expiresAt" <= EXCLUDED."acquiredAt"
    RETURNING "token"::text AS token`;
  if (rows[0]?.token !== token) return null;

  let renewedAt = Date.now();
  let released: Promise<void> | null = null;
  return {
    async keepAlive() {
      if (released || Date.now() - renewedAt < RENEW_AFTER_MS) return;
      renewedAt = Date.now();
      await db.$executeRaw`
        UPDATE "ExportLease" SET "expiresAt" = clock_timestamp() + make_interval(secs => ${EXPORT_LEASE_SECONDS}::float8)
        WHERE "userId" = ${userId}::uuid AND "token" = ${token}::uuid`;
    },
    release() {
      released ??= db.$executeRaw`DELETE FROM "ExportLease" WHERE "userId" = ${userId}::uuid AND "token" = ${token}::uuid`.then(() => undefined);
      return released;
    },
  };
}
