import "server-only";
// Sends the webhook outbox (WebhookDelivery rows written with each transition). 2xx marks a row
// DELIVERED; anything else (refused connection, timeout, 5xx, 4xx) schedules a retry with back-off,
// until the receiver acknowledges or three days have passed (FAILED: kept, and staff can send it
// again).
//
// One lane per third party, so a slow or hanging receiver holds up only its own events: a lane
// claims a small batch of its party's due rows (FOR UPDATE SKIP LOCKED, a lease `lockedUntil` long
// enough for the batch, and a claim id `lockedBy`), sends them with at most
// WEBHOOK_CONCURRENCY_PER_THIRD_PARTY calls in flight and WEBHOOK_TIMEOUT_SECONDS each, and claims
// the next batch while the receiver keeps answering. No sender claims a party that has live leases
// (checked under an advisory lock per party), so a party has one lane across all workers. Before
// each call the row's lease is renewed only if the claim still holds it, and the outcome is recorded
// only under the same claim: a row whose lease ran out and was taken by another sender is never
// posted by both at once. The calls of one worker process share WEBHOOK_MAX_IN_FLIGHT slots.
import { randomUUID } from "node:crypto";
import { claimBatchSize, claimLeaseMs, deliveryChains, sendLeaseMs } from "@/domain/webhooks/delivery-plan";
import { GIVE_UP_AFTER_SECONDS, retryDelaySeconds, SIGNATURE_HEADER, signWebhook } from "@/domain/webhooks/webhook-signature";
import { forEachLimited, Semaphore } from "@/lib/semaphore";
import { db } from "@/server/db/client";
import { env } from "@/server/env";

export type DispatchResult = { attempted: number; delivered: number; retrying: number; failed: number };

type Claimed = { id: string; eventId: bigint; type: string; payload: unknown; attempts: number; createdAt: Date; consentRequestId: string | null };
type Party = { id: string; webhookUrl: string | null; webhookSecret: string };
type Settings = { timeoutMs: number; concurrency: number; maxRowsPerParty: number; fetchImpl: typeof fetch; random: () => number; clock: () => Date };

// Shared by every dispatch running in this process (the worker's rounds may overlap).
let processSlots: Semaphore | undefined;

const empty = (): DispatchResult => ({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });

/**
 * One round: a lane for each third party with due deliveries (oldest first; as many as the slots
 * allow), all at once; resolves when every lane is done. `now` fixes the clock (tests); without it
 * every lease, attempt and signature takes the time it happens.
 */
export async function dispatchWebhooks(
  options: { now?: Date; limit?: number; fetchImpl?: typeof fetch; random?: () => number; timeoutMs?: number; concurrency?: number } = {},
): Promise<DispatchResult> {
  const fixed = options.now;
  const settings: Settings = {
    timeoutMs: options.timeoutMs ?? env().WEBHOOK_TIMEOUT_SECONDS * 1000,
    concurrency: options.concurrency ?? env().WEBHOOK_CONCURRENCY_PER_THIRD_PARTY,
    maxRowsPerParty: options.limit ?? 50,
    fetchImpl: options.fetchImpl ?? fetch,
    random: options.random ?? Math.random,
    clock: fixed ? () => fixed : () => new Date(),
  };
  processSlots ??= new Semaphore(env().WEBHOOK_MAX_IN_FLIGHT);
  const now = settings.clock();
  const parties = await db.$queryRawUnsafe<{ thirdPartyId: string }[]>(
    `SELECT d."thirdPartyId"::text AS "thirdPartyId" FROM "WebhookDelivery" d
     WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= $1 AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= $1)
       AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" l WHERE l."thirdPartyId" = d."thirdPartyId" AND l.status = 'PENDING' AND l."lockedUntil" > $1)
     GROUP BY d."thirdPartyId" ORDER BY min(d."createdAt") LIMIT $2`,
    now,
    Math.max(1, Math.floor(processSlots.size / settings.concurrency)),
  );
  const results = await Promise.all(parties.map((p) => runLane(p.thirdPartyId, settings, processSlots!)));
  return results.reduce((sum, r) => ({ attempted: sum.attempted + r.attempted, delivered: sum.delivered + r.delivered, retrying: sum.retrying + r.retrying, failed: sum.failed + r.failed }), empty());
}

/** Claims `size` due rows of one party for `claimId`, or none while another sender holds a lease on that party. */
async function claimBatch(thirdPartyId: string, claimId: string, size: number, settings: Settings): Promise<Claimed[]> {
  const now = settings.clock();
  return db.$transaction(async (tx) => {
    // Claims of one party are serialised, so the "no live lease" check below sees the other's.
    const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtextextended('webhook-lane:' || $1, 0)) AS locked`, thirdPartyId);
    if (!lock?.locked) return [];
    const rows = await tx.$queryRawUnsafe<Claimed[]>(
      `UPDATE "WebhookDelivery" SET "lockedUntil" = $2, "lockedBy" = $3::uuid
       WHERE id IN (
         SELECT id FROM "WebhookDelivery"
         WHERE "thirdPartyId" = $1::uuid AND status = 'PENDING' AND "nextAttemptAt" <= $4 AND ("lockedUntil" IS NULL OR "lockedUntil" <= $4)
         ORDER BY "createdAt", "eventId" LIMIT $5
         FOR UPDATE SKIP LOCKED)
       AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" l WHERE l."thirdPartyId" = $1::uuid AND l.status = 'PENDING' AND l."lockedUntil" > $4)
       RETURNING id::text, "eventId", type, payload, attempts, "createdAt", payload->'data'->'consentRequest'->>'id' AS "consentRequestId"`,
      thirdPartyId,
      new Date(now.getTime() + claimLeaseMs(size, settings.timeoutMs)),
      claimId,
      now,
      size,
    );
    return rows.map((r) => ({ ...r, eventId: BigInt(r.eventId) }));
  });
}

async function runLane(thirdPartyId: string, settings: Settings, slots: Semaphore): Promise<DispatchResult> {
  const result = empty();
  const party = await db.thirdParty.findUnique({ where: { id: thirdPartyId }, select: { id: true, webhookUrl: true, webhookSecret: true } });
  const size = claimBatchSize(settings.concurrency);
  while (result.attempted < settings.maxRowsPerParty) {
    const claimId = randomUUID();
    const batch = await claimBatch(thirdPartyId, claimId, Math.min(size, settings.maxRowsPerParty - result.attempted), settings);
    if (batch.length === 0) break;
    const before = result.delivered;
    await forEachLimited(deliveryChains(batch), settings.concurrency, async (chain) => {
      for (const row of chain) await deliver(row, party, claimId, settings, slots, result);
    });
    // A receiver that failed gets no more this round; its rows wait for their back-off.
    if (result.delivered - before < batch.length) break;
  }
  return result;
}

async function deliver(row: Claimed, party: Party | null, claimId: string, settings: Settings, slots: Semaphore, result: DispatchResult): Promise<void> {
  const release = await slots.acquire();
  const at = settings.clock();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const held = await db.$executeRawUnsafe(
      `UPDATE "WebhookDelivery" SET "lockedUntil" = GREATEST("lockedUntil", $2) WHERE id = $1::uuid AND "lockedBy" = $3::uuid AND status = 'PENDING'`,
      row.id,
      new Date(at.getTime() + sendLeaseMs(settings.timeoutMs)),
      claimId,
    );
    // Taken over by another sender after our lease ran out (or resent by staff): theirs now.
    if (held === 0) return;
    result.attempted += 1;
    const body = JSON.stringify(row.payload);
    if (!party?.webhookUrl) error = "The third party has no webhook URL.";
    else {
      try {
        const response = await settings.fetchImpl(party.webhookUrl, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "User-Agent": "MinaSidor-Webhooks/1",
            [SIGNATURE_HEADER]: signWebhook(body, party.webhookSecret, Math.floor(at.getTime() / 1000)),
            "Minasidor-Event-Id": String(row.eventId),
            "Minasidor-Event-Type": row.type,
          },
          body,
          signal: AbortSignal.timeout(settings.timeoutMs),
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
  } finally {
    release();
  }
  const attempts = row.attempts + 1;
  // Recorded only under our claim: a row another sender has taken meanwhile is theirs to record.
  const ours = { id: row.id, lockedBy: claimId };
  if (!error) {
    result.delivered += 1;
    await db.webhookDelivery.updateMany({
      where: ours,
      data: { status: "DELIVERED", attempts, deliveredAt: at, lastAttemptAt: at, lastStatusCode: statusCode, lastError: null, lockedUntil: null, lockedBy: null },
    });
    return;
  }
  const giveUp = at.getTime() - row.createdAt.getTime() >= GIVE_UP_AFTER_SECONDS * 1000;
  if (giveUp) result.failed += 1;
  else result.retrying += 1;
  await db.webhookDelivery.updateMany({
    where: ours,
    data: {
      status: giveUp ? "FAILED" : "PENDING",
      attempts,
      lastAttemptAt: at,
      lastStatusCode: statusCode,
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(at.getTime() + retryDelaySeconds(attempts, settings.random()) * 1000),
      lockedUntil: null,
      lockedBy: null,
    },
  });
}
