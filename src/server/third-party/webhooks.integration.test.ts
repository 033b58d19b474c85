// Webhooks to third parties: signed, retried with back-off while the receiver is down, delivered
// once it answers 2xx, never lost (given up only after three days, and then sent again by staff).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStaffUser } from "@/fixtures/factories";
import { verifyWebhookSignature } from "@/domain/webhooks/webhook-signature";
import { startWebhookSink, type WebhookSink } from "../../../scripts/lib/webhook-sink";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { householdWithValues, thirdPartyWithClient } from "../../../tests/support/third-party";
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
  const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
  const tp = await thirdPartyWithClient(db, { webhookUrl });
  const body = submitRequestSchema(T0).parse({
    reference: "W-1",
    customerIdentityNumber: home.nationalId,
    meteringPointId: home.installation.meteringPointId,
    purpose: "Energy advice from hourly values.",
    resolution: "PT1H",
    dataFrom: "2026-01-01",
    validTo: "2027-06-01T00:00:00Z",
  });
  const { request } = await submitConsentRequest(tp.actor, body, T0);
  return { tp, request };
}

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
