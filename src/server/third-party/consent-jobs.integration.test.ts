// The customer hears of a new request and is reminded before a consent ends — by e-mail, once,
// only the people who may decide, in their own language; and a webhook receiver that never answers
// does not hold up the expiries, the mails or the other third parties' webhooks.
process.env.WEBHOOK_TIMEOUT_SECONDS = "1";

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstallation, createUser } from "@/fixtures/factories";
import { createConsentRequest } from "@/fixtures/third-party-factories";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { companyWithUsers } from "../../../tests/support/access";
import { getTestDb } from "../../../tests/support/db";
import { householdWithValues, submission, thirdPartyWithClient } from "../../../tests/support/third-party";
import { startWebhookSink, type WebhookSink } from "../../../scripts/lib/webhook-sink";
import { REMINDER_DAYS_BEFORE_END, runConsentJobs, sendConsentNotices, startConsentJobs } from "./consent-jobs";
import { submitRequestSchema } from "./schemas";
import { submitConsentRequest } from "./submit-consent-request";

const db = getTestDb();
const NOW = new Date("2026-12-03T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const sink = freshDatabaseAndInbox();

async function setting() {
  const company = await companyWithUsers(db, 1);
  const full = await db.customer.findUniqueOrThrow({ where: { id: company.customer.id }, select: { nationalId: true } });
  const installation = company.installations[0]!;
  const tp = await thirdPartyWithClient(db, { name: "Energismart Test AB" });
  return { company, installation, tp, identity: full.nationalId };
}

describe("notices to the customer", () => {
  it("remind the people who may decide, once, when a consent ends within two weeks", async () => {
    const { company, installation, tp, identity } = await setting();
    const english = await createUser(db, { name: "Ed English", locale: "en", memberships: [{ customerId: company.customer.id, role: "FULL" }] });
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "ACTIVE", submittedAt: days(-40), decidedAt: days(-39), requestedValidTo: days(REMINDER_DAYS_BEFORE_END - 1) });
    // Not yet due: ends in more than two weeks.
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "ACTIVE", submittedAt: days(-40), decidedAt: days(-39), requestedValidTo: days(REMINDER_DAYS_BEFORE_END + 1) });

    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 0, reminders: 1 });
    const to = sink.messages.flatMap((m) => m.to).sort();
    expect(to).toEqual([company.admin.email, company.full.email, english.email].sort());
    expect(to).not.toContain(company.read.email);
    const swedish = sink.messages.find((m) => m.to.includes(company.admin.email!))!;
    expect(swedish.subject).toContain("Energismart Test AB");
    expect(swedish.text).toContain("/tredjepartsatkomst");
    expect(swedish.text).toContain("16 december 2026");
    const inEnglish = sink.messages.find((m) => m.to.includes(english.email!))!;
    expect(inEnglish.subject).not.toEqual(swedish.subject);
    expect(inEnglish.text).toContain("16 December 2026");

    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 0, reminders: 0 });
    expect(sink.messages).toHaveLength(3);
  });

  it("tell them of a new request waiting for an answer, and only for the installations they see", async () => {
    const { company, installation, tp, identity } = await setting();
    const other = await createInstallation(db, { customerId: company.customer.id });
    const narrow = await createUser(db, { name: "Nina Narrow", memberships: [{ customerId: company.customer.id, role: "FULL", installationIds: [other.id] }] });
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "AWAITING_CUSTOMER", submittedAt: days(-1), customerNotified: false });

    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 1, reminders: 0 });
    const to = sink.messages.flatMap((m) => m.to).sort();
    expect(to).toEqual([company.admin.email, company.full.email].sort());
    expect(to).not.toContain(narrow.email);
    expect(sink.messages[0]!.text).toContain("Energismart Test AB");
    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 0, reminders: 0 });
  });
});

// Item 12 of issue 10 (WEBHOOK_TIMEOUT_SECONDS is 1 here).
describe("a round of the worker's jobs with a receiver that never answers", () => {
  let hanging: WebhookSink;
  let fast: WebhookSink;
  beforeEach(async () => {
    hanging = await startWebhookSink({ respond: () => "hang" });
    fast = await startWebhookSink();
  });
  afterEach(async () => Promise.all([hanging.stop(), fast.stop()]));

  /** A slow third party with three webhooks waiting, and a fast one with a consent to expire and one to remind of. */
  async function round() {
    const slow = await thirdPartyWithClient(db, { name: "Långsam AB", webhookUrl: `${hanging.url}/slow` });
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    await submitConsentRequest(
      slow.actor,
      submitRequestSchema(NOW).parse(submission(home, "S-1", "2027-06-01T00:00:00Z")),
      NOW,
    );
    const { installation, tp, identity } = await setting();
    await db.thirdParty.update({ where: { id: tp.party.id }, data: { webhookUrl: `${fast.url}/fast` } });
    const ending = await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "ACTIVE", submittedAt: days(-40), decidedAt: days(-39), requestedValidTo: days(-1) });
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "ACTIVE", submittedAt: days(-40), decidedAt: days(-39), requestedValidTo: days(REMINDER_DAYS_BEFORE_END - 1) });
    return { ending };
  }

  it("still expires, reminds and tells the other third party at once", async () => {
    const { ending } = await round();
    const started = Date.now();
    const result = await runConsentJobs({ now: NOW });
    expect(result).toMatchObject({ expired: 1, reminders: 1 });
    expect(result.webhooks).toMatchObject({ delivered: 1, retrying: 3 });
    expect(sink.messages.length).toBeGreaterThan(0);
    // The expiry's webhook is not queued behind the three calls that hang.
    expect(fast.received.map((h) => h.eventType)).toEqual(["consent_request.expired"]);
    expect((fast.received[0]!.body as { data: { consentRequest: { id: string } } }).data.consentRequest.id).toBe(ending.id);
    // Well before the three hanging calls (one request's chain, 1 s each) are over.
    expect(Date.parse(fast.received[0]!.receivedAt) - started).toBeLessThan(2_500);
    expect(hanging.received).toHaveLength(3);
  });

  it("is done with everything but the webhooks while the slow receiver still holds its call, so the next round need not wait", async () => {
    await round();
    const { scheduled, webhooks } = startConsentJobs({ now: NOW });
    expect(await scheduled).toMatchObject({ expired: 1, reminders: 1 });
    expect(sink.messages.length).toBeGreaterThan(0);
    expect(hanging.received.some((h) => h.closedAt === null)).toBe(true);
    expect(await webhooks).toMatchObject({ attempted: 4, delivered: 1, retrying: 3 });
  });
});
