import "server-only";
// Sends the webhook outbox (WebhookDelivery rows written with each transition). A sender claims
// due rows with FOR UPDATE SKIP LOCKED and a lease (`lockedUntil`), so two senders — the worker in
// several processes — never post the same event at the same time. 2xx marks a row DELIVERED;
// anything else (refused connection, timeout, 5xx, 4xx) schedules a retry with back-off, until the
// receiver acknowledges or three days have passed (FAILED: kept, and staff can send it again).
import { GIVE_UP_AFTER_SECONDS, retryDelaySeconds, SIGNATURE_HEADER, signWebhook } from "@/domain/webhooks/webhook-signature";
import { db } from "@/server/db/client";

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

export type DispatchResult = { attempted: number; delivered: number; retrying: number; failed: number };

type Claimed = { id: string; thirdPartyId: string; eventId: bigint; type: string; payload: unknown; attempts: number; createdAt: Date };

export async function dispatchWebhooks(options: { now?: Date; limit?: number; fetchImpl?: typeof fetch; random?: () => number } = {}): Promise<DispatchResult> {
  const now = options.now ?? new Date();
  const send = options.fetchImpl ?? fetch;
  const random = options.random ?? Math.random;
  const claimed = await db.$queryRawUnsafe<Claimed[]>(
    `UPDATE "WebhookDelivery" SET "lockedUntil" = $1
     WHERE id IN (
       SELECT id FROM "WebhookDelivery"
       WHERE status = 'PENDING' AND "nextAttemptAt" <= $2 AND ("lockedUntil" IS NULL OR "lockedUntil" <= $2)
       ORDER BY "createdAt", "eventId" LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING id::text, "thirdPartyId"::text AS "thirdPartyId", "eventId", type, payload, attempts, "createdAt"`,
    new Date(now.getTime() + LEASE_MS),
    now,
    options.limit ?? 50,
  );
  // RETURNING gives no order: send in the order the events happened.
  claimed.sort((a, b) => (BigInt(a.eventId) < BigInt(b.eventId) ? -1 : 1));
  const result: DispatchResult = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return result;

  const parties = await db.thirdParty.findMany({
    where: { id: { in: [...new Set(claimed.map((c) => c.thirdPartyId))] } },
    select: { id: true, webhookUrl: true, webhookSecret: true, status: true },
  });
  const partyOf = new Map(parties.map((p) => [p.id, p]));

  for (const row of claimed) {
    const party = partyOf.get(row.thirdPartyId);
    const body = JSON.stringify(row.payload);
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!party?.webhookUrl) error = "The third party has no webhook URL.";
    else {
      try {
        const response = await send(party.webhookUrl, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "User-Agent": "MinaSidor-Webhooks/1",
            [SIGNATURE_HEADER]: signWebhook(body, party.webhookSecret, Math.floor(now.getTime() / 1000)),
            "Minasidor-Event-Id": String(row.eventId),
            "Minasidor-Event-Type": row.type,
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
          redirect: "manual",
        });
        statusCode = response.status;
        await response.body?.cancel().catch(() => {});
        if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
      } catch (e) {
        // fetch() reports "fetch failed"; the reason (refused, DNS, TLS, timeout) is in its cause.
        const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
        error = e instanceof Error ? [e.name === "TimeoutError" ? "Timed out" : e.message, cause?.code ?? cause?.message].filter(Boolean).join(": ") : String(e);
      }
    }
    const attempts = row.attempts + 1;
    if (!error) {
      result.delivered += 1;
      await db.webhookDelivery.update({
        where: { id: row.id },
        data: { status: "DELIVERED", attempts, deliveredAt: now, lastAttemptAt: now, lastStatusCode: statusCode, lastError: null, lockedUntil: null },
      });
      continue;
    }
    const giveUp = now.getTime() - row.createdAt.getTime() >= GIVE_UP_AFTER_SECONDS * 1000;
    if (giveUp) result.failed += 1;
    else result.retrying += 1;
    await db.webhookDelivery.update({
      where: { id: row.id },
      data: {
        status: giveUp ? "FAILED" : "PENDING",
        attempts,
        lastAttemptAt: now,
        lastStatusCode: statusCode,
        lastError: error.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts, random()) * 1000),
        lockedUntil: null,
      },
    });
  }
  return result;
}
