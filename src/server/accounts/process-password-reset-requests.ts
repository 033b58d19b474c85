import "server-only";
import { db } from "@/server/db/client";
import { mailResetLink } from "./password-reset";

const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 6;
const KEEP_HANDLED_MS = 24 * 3600_000;

export type ResetJobResult = { handled: number; mailed: number; retrying: number; failed: number };

/**
 * The worker's half of "forgotten password": claims queued requests (row locks and a lease, so
 * several workers never handle one twice at once), mails a link to each address that belongs to
 * an active account, and retries with back-off (1, 2, 4… minutes) when the mail server is down,
 * giving up after six attempts. Handled requests are removed after a day.
 */
export async function processPasswordResetRequests(options: { now?: Date; limit?: number } = {}): Promise<ResetJobResult> {
  const now = options.now ?? new Date();
  const claimed = await db.$queryRawUnsafe<{ id: string; email: string; locale: string; ipAddress: string | null; attempts: number }[]>(
    `UPDATE "PasswordResetRequest" SET "lockedUntil" = $1
     WHERE id IN (
       SELECT id FROM "PasswordResetRequest"
       WHERE "processedAt" IS NULL AND "nextAttemptAt" <= $2 AND ("lockedUntil" IS NULL OR "lockedUntil" <= $2)
       ORDER BY "createdAt" LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id::text, email, locale, "ipAddress", attempts`,
    new Date(now.getTime() + LEASE_MS),
    now,
    options.limit ?? 50,
  );
  const result: ResetJobResult = { handled: 0, mailed: 0, retrying: 0, failed: 0 };
  for (const request of claimed) {
    try {
      const user = await db.user.findUnique({ where: { email: request.email }, select: { id: true, email: true, locale: true, status: true } });
      const mailed = user ? await mailResetLink(user, { locale: request.locale, ip: request.ipAddress }) : false;
      await db.passwordResetRequest.update({ where: { id: request.id }, data: { processedAt: now, lockedUntil: null, attempts: request.attempts + 1, lastError: null } });
      result.handled += 1;
      if (mailed) result.mailed += 1;
    } catch (error) {
      const attempts = request.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db.passwordResetRequest.update({
        where: { id: request.id },
        data: {
          attempts,
          lockedUntil: null,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)),
          processedAt: giveUp ? now : null,
        },
      });
      if (giveUp) result.failed += 1;
      else result.retrying += 1;
    }
  }
  await db.passwordResetRequest.deleteMany({ where: { processedAt: { lt: new Date(now.getTime() - KEEP_HANDLED_MS) } } });
  return result;
}
