// Webhooks to third parties: signed, retried with back-off while the receiver is down, delivered
// once it answers 2xx, never lost (given up only after three days, and then sent again by staff);
// a receiver that never answers holds up only its own third party's events.
process.env.WEBHOOK_TIMEOUT_SECONDS = "1";
process.env.WEBHOOK_CONCURRENCY_PER_THIRD_PARTY = "2";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaffUser } from "@/fixtures/factories";
import { verifyWebhookSignature } from "@/domain/webhooks/webhook-signature";
import { startWebhookSink, type WebhookSink } from "../../../scripts/lib/webhook-sink";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { householdWithValues, submission, thirdPartyWithClient } from "../../../tests/support/third-party";
import { claimBatchSize, claimLeaseMs } from "@/domain/webhooks/delivery-plan";
import { dispatchWebhooks } from "./dispatch-webhooks";
import { resendWebhook } from "./manage-third-parties";
import { submitRequestSchema } from "./schemas";
import { submitConsentRequest } from "./submit-consent-request";

const db = getTestDb();
const T0 = new Date("2026-12-03T12:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let sink: WebhookSink;
let down = false;

beforeEach(async () => {
  await resetDatabase();
  down = false;
  sink = await startWebhookSink({ respond: () => (down ? 503 : 204) });
});
afterEach(async () => sink.stop());

/** A third party with a webhook, and a request it submitted (three events: received, validated, awaiting customer). */
async function submitted(webhookUrl = `${sink.url}/tp`) {
  const tp = await thirdPartyWithClient(db, { webhookUrl });
  const request = await submitFor(tp);
  return { tp, request };
}

async function submitFor(tp: Awaited<ReturnType<typeof thirdPartyWithClient>>, reference = "W-1") {
  const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
  const body = submitRequestSchema(T0).parse(submission(home, reference, "2027-06-01T00:00:00Z"));
  const { request } = await submitConsentRequest(tp.actor, body, T0);
  return request;
}

/** A third party with `requests` submitted requests (three events each) whose webhooks go to `webhookUrl`. */
async function partyWithRequests(webhookUrl: string, requests: number) {
  const tp = await thirdPartyWithClient(db, { webhookUrl });
  const ids: string[] = [];
  for (let i = 0; i < requests; i++) ids.push((await submitFor(tp, `W-${i + 1}`)).id);
  return { tp, requestIds: ids };
}

const eventIdsOf = (hooks: { eventId: string | null }[]) => hooks.map((h) => Number(h.eventId));
const requestIdOf = (hook: { body: unknown }) => (hook.body as { data: { consentRequest: { id: string } } }).data.consentRequest.id;
const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("webhooks", () => {
  it("keep trying while the receiver is down and deliver each event once it answers, signed and with a stable event id", async () => {
    const { tp, request } = await submitted();
    down = true;
    expect(await dispatchWebhooks({ now: T0, random: () => 0 })).toEqual({ attempted: 3, delivered: 0, retrying: 3, failed: 0 });
    const waiting = await db.webhookDelivery.findMany({ orderBy: { eventId: "asc" } });
    expect(waiting.map((w) => [w.status, w.attempts, w.lastStatusCode, w.nextAttemptAt.toISOString()])).toEqual(
      Array(3).fill(["PENDING", 1, 503, at(30).toISOString()]),
    );
    // Not due yet: nothing is sent.
    expect((await dispatchWebhooks({ now: at(29) })).attempted).toBe(0);
    // Still down at the second attempt: the wait doubles.
    expect((await dispatchWebhooks({ now: at(30), random: () => 0 })).retrying).toBe(3);
    expect((await db.webhookDelivery.findFirstOrThrow()).nextAttemptAt.toISOString()).toBe(at(90).toISOString());

    down = false;
    expect(await dispatchWebhooks({ now: at(90) })).toEqual({ attempted: 3, delivered: 3, retrying: 0, failed: 0 });
    expect(await dispatchWebhooks({ now: at(3600) })).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });

    const stored = await db.webhookDelivery.findMany({ orderBy: { eventId: "asc" } });
    expect(stored.every((w) => w.status === "DELIVERED" && w.attempts === 3 && w.deliveredAt?.getTime() === at(90).getTime())).toBe(true);
    // Nine calls: three events, each tried three times with the same id and body.
    expect(sink.received).toHaveLength(9);
    const acknowledged = sink.received.filter((h) => h.answered === 204);
    expect(acknowledged.map((h) => h.eventId).sort()).toEqual(stored.map((w) => w.eventId.toString()).sort());
    for (const id of new Set(sink.received.map((h) => h.eventId))) {
      const copies = sink.received.filter((h) => h.eventId === id);
      expect(copies).toHaveLength(3);
      expect(new Set(copies.map((c) => c.raw)).size).toBe(1);
    }
    const secret = (await db.thirdParty.findUniqueOrThrow({ where: { id: tp.party.id }, select: { webhookSecret: true } })).webhookSecret;
    for (const hook of acknowledged) {
      expect(verifyWebhookSignature(hook.raw, hook.signature, secret, Math.floor(at(90).getTime() / 1000))).toMatchObject({ ok: true });
      expect(hook.path).toBe("/webhooks/tp");
      expect(hook.body).toMatchObject({ id: hook.eventId, type: hook.eventType, data: { consentRequest: { id: request.id } } });
    }
    expect(acknowledged.map((h) => h.eventType)).toEqual(["consent_request.received", "consent_request.validated", "consent_request.awaiting_customer"]);
  });

  it("record a refused connection and try again later", async () => {
    const closed = await startWebhookSink();
    await closed.stop();
    await submitted(`${closed.url}/gone`);
    const result = await dispatchWebhooks({ now: T0, random: () => 0 });
    expect(result).toMatchObject({ attempted: 3, retrying: 3 });
    const row = await db.webhookDelivery.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", lastStatusCode: null });
    expect(row.lastError).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it("are given up after three days, kept, and sent again when staff ask", async () => {
    await submitted();
    down = true;
    await dispatchWebhooks({ now: T0 });
    const threeDays = 3 * 24 * 3600;
    expect(await dispatchWebhooks({ now: at(threeDays) })).toMatchObject({ attempted: 3, failed: 3 });
    expect(await db.webhookDelivery.count({ where: { status: "FAILED" } })).toBe(3);
    expect((await dispatchWebhooks({ now: at(threeDays + 86_400) })).attempted).toBe(0);

    down = false;
    const staff = await createStaffUser(db, { role: "SUPPORT" });
    const row = await db.webhookDelivery.findFirstOrThrow({ orderBy: { eventId: "asc" } });
    await resendWebhook({ kind: "staff", staffId: staff.id, name: staff.name, email: staff.email, role: "SUPPORT" }, row.id, at(threeDays + 100));
    expect(await dispatchWebhooks({ now: at(threeDays + 100) })).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await db.auditLog.count({ where: { action: "thirdParty.webhookResent", targetId: row.id } })).toBe(1);
  });

  it("are sent once when two senders run at the same time", async () => {
    await submitted();
    const [a, b] = await Promise.all([dispatchWebhooks({ now: T0 }), dispatchWebhooks({ now: T0 })]);
    expect(a.attempted + b.attempted).toBe(3);
    expect(a.delivered + b.delivered).toBe(3);
    expect(sink.received).toHaveLength(3);
    expect(new Set(sink.received.map((h) => h.eventId)).size).toBe(3);
  });
});

// Item 12 of issue 10: WEBHOOK_TIMEOUT_SECONDS is 1 and WEBHOOK_CONCURRENCY_PER_THIRD_PARTY 2 here.
describe("a webhook receiver that never answers", () => {
  let hanging: WebhookSink;
  beforeEach(async () => {
    hanging = await startWebhookSink({ respond: () => "hang" });
  });
  afterEach(async () => hanging.stop());

  it("holds up only its own third party: the others' events are all delivered within one timeout, the slow ones retried later", async () => {
    // The slow party's events are the older ones, so they would be first in one queue.
    const slow = await partyWithRequests(`${hanging.url}/slow`, 2);
    const fast = await partyWithRequests(`${sink.url}/fast`, 2);
    const started = Date.now();
    const result = await dispatchWebhooks({ now: T0, random: () => 0 });
    const took = Date.now() - started;

    const fastRows = await db.webhookDelivery.findMany({ where: { thirdPartyId: fast.tp.party.id } });
    expect(fastRows.map((r) => r.status)).toEqual(Array(6).fill("DELIVERED"));
    expect(sink.received).toHaveLength(6);
    // About one timeout (1 s) at most, with room for a busy machine; the slow queue alone takes 3 s.
    for (const hook of sink.received) expect(Date.parse(hook.receivedAt) - started).toBeLessThan(1_500);
    // Within one request, in the order the events happened.
    for (const id of fast.requestIds) {
      const ids = eventIdsOf(sink.received.filter((h) => requestIdOf(h) === id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }

    // The slow party: one batch of four (2 × the concurrency) tried, never more than 2 calls open,
    // each event once; they wait 30 s for their next attempt, and the other two for the next round.
    expect(hanging.maxOpen).toBeLessThanOrEqual(2);
    expect(hanging.received).toHaveLength(4);
    expect(new Set(eventIdsOf(hanging.received)).size).toBe(4);
    const slowRows = await db.webhookDelivery.findMany({ where: { thirdPartyId: slow.tp.party.id }, orderBy: { eventId: "asc" } });
    const tried = slowRows.filter((r) => r.attempts === 1);
    expect(tried).toHaveLength(4);
    for (const row of tried) {
      expect(row).toMatchObject({ status: "PENDING", lastError: "Timed out", lockedUntil: null, lockedBy: null });
      expect(row.nextAttemptAt.toISOString()).toBe(at(30).toISOString());
    }
    expect(slowRows.filter((r) => r.attempts === 0).map((r) => r.lockedUntil)).toEqual([null, null]);
    expect(result).toEqual({ attempted: 10, delivered: 6, retrying: 4, failed: 0 });
    // The first request's three events one after another (3 timeouts), the second's beside them.
    expect(took).toBeLessThan(5_000);

    // The next round tries the two that were not tried yet; then nothing until the back-off ends.
    expect(await dispatchWebhooks({ now: at(1), random: () => 0 })).toMatchObject({ attempted: 2, retrying: 2 });
    expect((await dispatchWebhooks({ now: at(29) })).attempted).toBe(0);
    expect(await dispatchWebhooks({ now: at(30), random: () => 0 })).toMatchObject({ attempted: 4, retrying: 4 });
  });

  it("is never sent the same event twice at once: two senders share nothing, and a claim's lease outlasts its batch", async () => {
    await partyWithRequests(`${hanging.url}/slow`, 1);
    const first = Promise.all([dispatchWebhooks({ now: T0, random: () => 0 }), dispatchWebhooks({ now: T0, random: () => 0 })]);
    await until(() => hanging.received.length === 1);
    // A third sender whose clock is already near the end of the lease (a batch of four calls of up
    // to 1 s one after another, plus headroom) leaves the claimed rows and their third party alone.
    const leaseMs = claimLeaseMs(claimBatchSize(2), 1000);
    expect(leaseMs).toBeGreaterThanOrEqual(4 * 1000);
    const lease = await db.webhookDelivery.findFirstOrThrow({ where: { eventId: BigInt(hanging.received[0]!.eventId!) }, select: { lockedUntil: true } });
    expect(lease.lockedUntil!.getTime() - T0.getTime()).toBeGreaterThanOrEqual(leaseMs);
    expect((await dispatchWebhooks({ now: new Date(T0.getTime() + leaseMs - 1) })).attempted).toBe(0);
    const [a, b] = await first;
    expect(a.attempted + b.attempted).toBe(3);
    expect(Math.min(a.attempted, b.attempted)).toBe(0);

    // One request's events go one after another: never two open at once, in event order.
    expect(hanging.maxOpen).toBe(1);
    const ids = eventIdsOf(hanging.received);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));

    // Retried after the back-off, again one at a time; no copy of an event overlaps another.
    expect(await dispatchWebhooks({ now: at(30), random: () => 0 })).toMatchObject({ attempted: 3, retrying: 3 });
    expect(hanging.received).toHaveLength(6);
    expect(hanging.maxOpen).toBe(1);
    for (const id of new Set(ids)) {
      const copies = hanging.received.filter((h) => Number(h.eventId) === id);
      expect(copies).toHaveLength(2);
      expect(Date.parse(copies[1]!.receivedAt)).toBeGreaterThanOrEqual(Date.parse(copies[0]!.closedAt!));
    }
  });

  it("are not posted by a sender whose claim another sender has taken over", async () => {
    await partyWithRequests(`${hanging.url}/slow`, 1);
    const running = dispatchWebhooks({ now: T0, random: () => 0 });
    await until(() => hanging.received.length === 1);
    // As if the lease had run out and another worker had claimed the two rows still waiting.
    const other = "00000000-0000-4000-8000-000000000001";
    const waiting = await db.webhookDelivery.findMany({ where: { attempts: 0, eventId: { not: BigInt(hanging.received[0]!.eventId!) } }, select: { id: true } });
    expect(waiting).toHaveLength(2);
    await db.webhookDelivery.updateMany({ where: { id: { in: waiting.map((w) => w.id) } }, data: { lockedBy: other, lockedUntil: at(3600) } });

    expect(await running).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(hanging.received).toHaveLength(1);
    // Left as the other sender holds them.
    const taken = await db.webhookDelivery.findMany({ where: { id: { in: waiting.map((w) => w.id) } } });
    expect(taken.map((t) => [t.attempts, t.lockedBy, t.lastAttemptAt])).toEqual([
      [0, other, null],
      [0, other, null],
    ]);
  });
});
