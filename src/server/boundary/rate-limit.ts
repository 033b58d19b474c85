import "server-only";
import { db } from "@/server/db/client";

export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number; /** calls in the window, this one included */ count: number };

function windowOf(now: Date, windowSeconds: number) {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000)) };
}

/**
 * Fixed windows (one minute unless told) counted in the database (one upsert per call), so the
 * limit holds across every server process. `key` names the client and the kind of call.
 */
export async function consumeRateLimit(key: string, limit: number, now: Date = new Date(), windowSeconds = 60): Promise<RateDecision> {
  const window = windowOf(now, windowSeconds);
  const [row] = await db.$queryRawUnsafe<{ count: number }[]>(
    `INSERT INTO "ApiRateWindow" ("key", "windowStart", "count") VALUES ($1, $2, 1)
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "ApiRateWindow"."windowStart" = EXCLUDED."windowStart" THEN "ApiRateWindow"."count" + 1 ELSE 1 END,
       "windowStart" = EXCLUDED."windowStart"
     RETURNING "count"`,
    key,
    window.start,
  );
  const count = Number(row!.count);
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds: window.retryAfterSeconds, count };
}

/**
 * Whether one more call fits into `key`'s current window, without counting it: for limits on
 * failures, which are checked before the work and counted only when it fails.
 */
export async function peekRateLimit(key: string, limit: number, now: Date = new Date(), windowSeconds = 60): Promise<RateDecision> {
  const window = windowOf(now, windowSeconds);
  const row = await db.apiRateWindow.findUnique({ where: { key }, select: { windowStart: true, count: true } });
  const count = row && row.windowStart.getTime() === window.start.getTime() ? row.count : 0;
  return { allowed: count < limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds: window.retryAfterSeconds, count };
}
