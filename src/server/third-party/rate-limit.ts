import "server-only";
import { db } from "@/server/db/client";

export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

/**
 * Fixed one-minute windows counted in the database (one upsert per call), so the limit holds across
 * every server process. `key` names the client and the kind of call.
 */
export async function consumeRateLimit(key: string, limit: number, now: Date = new Date(), windowSeconds = 60): Promise<RateDecision> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db.$queryRawUnsafe<{ count: number }[]>(
    `INSERT INTO "ApiRateWindow" ("key", "windowStart", "count") VALUES ($1, $2, 1)
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "ApiRateWindow"."windowStart" = EXCLUDED."windowStart" THEN "ApiRateWindow"."count" + 1 ELSE 1 END,
       "windowStart" = EXCLUDED."windowStart"
     RETURNING "count"`,
    key,
    windowStart,
  );
  const count = Number(row!.count);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
}
