// The support console's side of third-party access (issue 6): the register of energy service
// companies (ADMIN only), API clients and their secrets, resending webhooks and the review queue.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createInstallation, createStaffUser, validSwedishOrgNumber } from "@/fixtures/factories";
import { createApiClient as createApiClientRow, createConsentRequest, createThirdParty as createThirdPartyRow } from "@/fixtures/third-party-factories";
import type { StaffActor } from "@/server/access/actor";
import { listAuditLog } from "@/server/support/list-audit-log";
import { appFailure } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { authenticateBearer, issueAccessToken, OAuthError } from "./api-credentials";
import { isApiError } from "./api-error";
import { listReviewQueue, listThirdParties, getThirdPartyForStaff } from "./list-for-staff";
import {
  createApiClient,
  createThirdParty,
  resendWebhook,
  revokeApiClient,
  rotateApiClientSecret,
  rotateWebhookSecret,
  updateThirdParty,
} from "./manage-third-parties";
import { reviewConsentRequest } from "./review-consent-request";

const db = getTestDb();
let support: StaffActor;
let admin: StaffActor;
let seq = 0;

const actorOf = (row: { id: string; name: string; email: string; role: "SUPPORT" | "ADMIN" }): StaffActor => ({ kind: "staff", staffId: row.id, name: row.name, email: row.email, role: row.role });
/** A fresh, valid Swedish organisation number (formatted as staff type it). */
const orgNumber = () => validSwedishOrgNumber(900_000 + ++seq * 7919, "559");
const HOUR = 3600_000;

beforeAll(async () => {
  await resetDatabase();
  support = actorOf(await createStaffUser(db, { name: "Siv Support", role: "SUPPORT" }));
  admin = actorOf(await createStaffUser(db, { name: "Adam Admin", role: "ADMIN" }));
});

/** What the database holds that a register change would touch, to check that nothing moved. */
async function snapshot() {
  const [parties, clients, secrets, tokens, audit] = await Promise.all([
    db.thirdParty.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, contactEmail: true, contactPhone: true, webhookUrl: true, webhookSecret: true, status: true } }),
    db.apiClient.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, revokedAt: true } }),
    db.apiClientSecret.findMany({ orderBy: { id: "asc" }, select: { id: true, expiresAt: true, revokedAt: true } }),
    db.apiAccessToken.count(),
    db.auditLog.count(),
  ]);
  return { parties, clients, secrets, tokens, audit };
}

async function auditRows(action: string, targetId: string) {
  return db.auditLog.findMany({ where: { action, targetId }, select: { actorType: true, actorStaffId: true, customerId: true, details: true } });
}

async function refusedToken(clientId: string, secret: string, now?: Date) {
  try {
    await issueAccessToken(clientId, secret, now);
  } catch (error) {
    if (error instanceof OAuthError) return error.error;
    throw error;
  }
  return "issued";
}

async function refusedBearer(token: string, now?: Date) {
  try {
    await authenticateBearer(`Bearer ${token}`, now);
  } catch (error) {
    if (isApiError(error)) return error.code;
    throw error;
  }
  return "accepted";
}

describe("the register is changed by administrators only", () => {
  it("refuses every register change by SUPPORT and writes nothing", async () => {
    const party = await createThirdPartyRow(db);
    const { client } = await createApiClientRow(db, { thirdPartyId: party.id });
    const before = await snapshot();

    const attempts = [
      createThirdParty(support, { organisationNumber: orgNumber(), name: "Smygbolaget AB", contactEmail: "smyg@example.com" }),
      updateThirdParty(support, { thirdPartyId: party.id, name: "Nytt namn AB", contactEmail: "ny@example.com", status: "SUSPENDED" }),
      rotateWebhookSecret(support, party.id),
      createApiClient(support, { thirdPartyId: party.id, name: "Smygklient" }),
      rotateApiClientSecret(support, { apiClientId: client.id, graceHours: 0 }),
      revokeApiClient(support, client.id),
    ];
    for (const attempt of attempts) {
      expect(await appFailure(attempt)).toMatchObject({ code: "FORBIDDEN", message: "thirdPartyAdmin.errors.adminOnly" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets SUPPORT see the register and a company", async () => {
    const party = await createThirdPartyRow(db, { name: "Synligt Energi AB" });
    const list = await listThirdParties(support);
    expect(list.map((p) => p.id)).toContain(party.id);
    const detail = await getThirdPartyForStaff(support, party.id);
    expect(detail).toMatchObject({ id: party.id, name: "Synligt Energi AB" });
    // The webhook secret is never part of what staff pages read.
    expect(JSON.stringify(list)).not.toContain(party.webhookSecret);
    expect(JSON.stringify(detail, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(party.webhookSecret);
  });
});

describe("registering an energy service company", () => {
  it("gives field errors for an invalid organisation number, e-mail address and a non-https webhook and stores nothing", async () => {
    const before = await snapshot();
    const badOrg = await appFailure(createThirdParty(admin, { organisationNumber: "556677-8890", name: "Felnummer AB", contactEmail: "a@example.com" }));
    expect(badOrg).toMatchObject({ code: "VALIDATION", fieldErrors: { organisationNumber: ["thirdPartyAdmin.errors.organisationNumber"] } });
    // A personal identity number is not an organisation number.
    const personal = await appFailure(createThirdParty(admin, { organisationNumber: "19780512-0545", name: "Person AB", contactEmail: "a@example.com" }));
    expect(personal.fieldErrors).toEqual({ organisationNumber: ["thirdPartyAdmin.errors.organisationNumber"] });

    const badEmail = await appFailure(createThirdParty(admin, { organisationNumber: orgNumber(), name: "Felpost AB", contactEmail: "inte-en-adress" }));
    expect(badEmail).toMatchObject({ code: "VALIDATION", fieldErrors: { contactEmail: ["validation.email"] } });

    for (const url of ["http://webhooks.example.com/in", "ftp://example.com/hook", "inte en adress"]) {
      const badUrl = await appFailure(createThirdParty(admin, { organisationNumber: orgNumber(), name: "Felkrok AB", contactEmail: "a@example.com", webhookUrl: url }));
      expect(badUrl, url).toMatchObject({ code: "VALIDATION", fieldErrors: { webhookUrl: ["thirdPartyAdmin.errors.webhookUrl"] } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("registers a company, returns its webhook secret once and audits it", async () => {
    const org = orgNumber();
    const { id, webhookSecret } = await createThirdParty(admin, {
      organisationNumber: org.replace("-", ""),
      name: "  Nya Energitjänster AB ",
      contactEmail: "api@nya.example.com",
      contactPhone: "",
      webhookUrl: "https://hooks.nya.example.com/minasidor",
    });
    expect(webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const row = await db.thirdParty.findUniqueOrThrow({ where: { id }, select: { name: true, organisationNumber: true, contactPhone: true, webhookUrl: true, webhookSecret: true, status: true } });
    expect(row).toEqual({ name: "Nya Energitjänster AB", organisationNumber: org, contactPhone: null, webhookUrl: "https://hooks.nya.example.com/minasidor", webhookSecret, status: "ACTIVE" });
    const audit = await auditRows("thirdParty.registered", id);
    expect(audit).toEqual([{ actorType: "STAFF", actorStaffId: admin.staffId, customerId: null, details: { name: "Nya Energitjänster AB", organisationNumber: org } }]);
    expect(JSON.stringify(audit)).not.toContain(webhookSecret);
    // The support console's event log names the company.
    const log = await listAuditLog(admin, { action: "thirdParty.registered", page: 1 });
    expect(log.rows.filter((r) => r.targetId === id).map((r) => r.targetLabel)).toEqual(["Nya Energitjänster AB"]);
  });

  it("refuses a second company with the same organisation number, however it is typed", async () => {
    const org = orgNumber();
    await createThirdParty(admin, { organisationNumber: org, name: "Först AB", contactEmail: "a@example.com" });
    const before = await snapshot();
    for (const typed of [org, org.replace("-", ""), ` ${org} `]) {
      const failure = await appFailure(createThirdParty(admin, { organisationNumber: typed, name: "Tvåa AB", contactEmail: "b@example.com" }));
      expect(failure).toMatchObject({ code: "CONFLICT", fieldErrors: { organisationNumber: ["thirdPartyAdmin.errors.exists"] } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("changes the details; suspension stops token requests and existing tokens at once", async () => {
    const { id } = await createThirdParty(admin, { organisationNumber: orgNumber(), name: "Ändra AB", contactEmail: "a@example.com" });
    const { clientId, clientSecret } = await createApiClient(admin, { thirdPartyId: id, name: "Produktion" });
    const { accessToken } = await issueAccessToken(clientId, clientSecret);

    const invalid = await appFailure(updateThirdParty(admin, { thirdPartyId: id, name: "Ändra AB", contactEmail: "a@example.com", webhookUrl: "http://example.com", status: "ACTIVE" }));
    expect(invalid.fieldErrors).toEqual({ webhookUrl: ["thirdPartyAdmin.errors.webhookUrl"] });

    await updateThirdParty(admin, { thirdPartyId: id, name: "Ändrat AB", contactEmail: "ny@example.com", contactPhone: "090-12 34 56", webhookUrl: "https://ny.example.com/hook", status: "SUSPENDED" });
    expect(await db.thirdParty.findUniqueOrThrow({ where: { id }, select: { name: true, contactEmail: true, contactPhone: true, webhookUrl: true, status: true } })).toEqual({
      name: "Ändrat AB",
      contactEmail: "ny@example.com",
      contactPhone: "090-12 34 56",
      webhookUrl: "https://ny.example.com/hook",
      status: "SUSPENDED",
    });
    expect(await refusedToken(clientId, clientSecret)).toBe("invalid_client");
    expect(await refusedBearer(accessToken)).toBe("THIRD_PARTY_SUSPENDED");
    const [audit] = await auditRows("thirdParty.updated", id);
    expect(audit).toMatchObject({ actorStaffId: admin.staffId, details: { before: { name: "Ändra AB", status: "ACTIVE" }, after: { name: "Ändrat AB", status: "SUSPENDED" } } });

    await updateThirdParty(admin, { thirdPartyId: id, name: "Ändrat AB", contactEmail: "ny@example.com", status: "ACTIVE" });
    expect(await refusedBearer(accessToken)).toBe("accepted");
  });

  it("replaces the webhook secret and audits it without the secret", async () => {
    const party = await createThirdPartyRow(db);
    const { webhookSecret } = await rotateWebhookSecret(admin, party.id);
    expect(webhookSecret).not.toBe(party.webhookSecret);
    expect((await db.thirdParty.findUniqueOrThrow({ where: { id: party.id }, select: { webhookSecret: true } })).webhookSecret).toBe(webhookSecret);
    const audit = await auditRows("thirdParty.webhookSecretRotated", party.id);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(webhookSecret);
  });
});

describe("API clients", () => {
  let thirdPartyId: string;
  beforeAll(async () => {
    thirdPartyId = (await createThirdParty(admin, { organisationNumber: orgNumber(), name: "Klientbolaget AB", contactEmail: "api@klient.example.com" })).id;
  });

  it("creates a client whose secret gets a token and is not stored in plain text", async () => {
    const created = await createApiClient(admin, { thirdPartyId, name: "Produktion" });
    expect(created.clientId).toMatch(/^msc_/);
    expect(created.clientSecret).toMatch(/^mss_[A-Za-z0-9_-]{40,}$/);

    const { accessToken, expiresIn } = await issueAccessToken(created.clientId, created.clientSecret);
    expect(expiresIn).toBeGreaterThan(0);
    expect(await authenticateBearer(`Bearer ${accessToken}`)).toMatchObject({ kind: "thirdParty", thirdPartyId, apiClientId: created.apiClientId, clientId: created.clientId });
    expect(await refusedToken(created.clientId, `${created.clientSecret}x`)).toBe("invalid_client");

    // Nowhere in the tables the console writes: only a hash and a short hint.
    const stored = JSON.stringify([
      await db.apiClient.findMany({ where: { thirdPartyId } }),
      await db.apiClientSecret.findMany({ where: { apiClientId: created.apiClientId } }),
      await db.auditLog.findMany({ where: { targetId: created.apiClientId } }),
    ]);
    expect(stored).not.toContain(created.clientSecret);
    expect(stored).not.toContain(created.clientSecret.slice(8));
    const [secret] = await db.apiClientSecret.findMany({ where: { apiClientId: created.apiClientId } });
    expect(secret!.hint).toBe(`${created.clientSecret.slice(0, 8)}…`);
    expect(await auditRows("thirdParty.apiClientCreated", created.apiClientId)).toEqual([
      { actorType: "STAFF", actorStaffId: admin.staffId, customerId: null, details: { thirdPartyId, clientId: created.clientId, name: "Produktion" } },
    ]);
  });

  it("gives a field error for a missing name and refuses an unknown company", async () => {
    expect(await appFailure(createApiClient(admin, { thirdPartyId, name: " " }))).toMatchObject({ code: "VALIDATION", fieldErrors: { name: ["validation.required"] } });
    expect(await appFailure(createApiClient(admin, { thirdPartyId: "00000000-0000-4000-8000-000000000000", name: "Ingen" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("rotates with 24 hours' grace: both secrets work now, the old one is refused 25 hours later", async () => {
    const { apiClientId, clientId, clientSecret: old } = await createApiClient(admin, { thirdPartyId, name: "Rotation" });
    const now = new Date();
    const { clientSecret: fresh, previousValidUntil } = await rotateApiClientSecret(admin, { apiClientId, graceHours: "24" }, now);
    expect(previousValidUntil.getTime()).toBe(now.getTime() + 24 * HOUR);
    expect(fresh).not.toBe(old);

    const soon = new Date(now.getTime() + 60_000);
    expect(await refusedToken(clientId, old, soon)).toBe("issued");
    expect(await refusedToken(clientId, fresh, soon)).toBe("issued");
    const later = new Date(now.getTime() + 25 * HOUR);
    expect(await refusedToken(clientId, old, later)).toBe("invalid_client");
    expect(await refusedToken(clientId, fresh, later)).toBe("issued");

    const audit = await auditRows("thirdParty.apiClientSecretRotated", apiClientId);
    expect(audit).toEqual([{ actorType: "STAFF", actorStaffId: admin.staffId, customerId: null, details: { thirdPartyId, graceHours: 24 } }]);
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it("rotates with no grace: the old secret is refused at once", async () => {
    const { apiClientId, clientId, clientSecret: old } = await createApiClient(admin, { thirdPartyId, name: "Direktbyte" });
    const now = new Date();
    const { clientSecret: fresh } = await rotateApiClientSecret(admin, { apiClientId, graceHours: 0 }, now);
    expect(await refusedToken(clientId, old, now)).toBe("invalid_client");
    expect(await refusedToken(clientId, fresh, now)).toBe("issued");
  });

  it("refuses a grace period that is not offered", async () => {
    const { apiClientId } = await createApiClient(admin, { thirdPartyId, name: "Udda" });
    expect(await appFailure(rotateApiClientSecret(admin, { apiClientId, graceHours: 5 }))).toMatchObject({ code: "VALIDATION", fieldErrors: { graceHours: ["validation.choice"] } });
  });

  it("revokes a client: token requests and tokens already issued are refused", async () => {
    const { apiClientId, clientId, clientSecret } = await createApiClient(admin, { thirdPartyId, name: "Återkallas" });
    const { accessToken } = await issueAccessToken(clientId, clientSecret);
    expect(await refusedBearer(accessToken)).toBe("accepted");

    await revokeApiClient(admin, apiClientId);
    expect(await refusedToken(clientId, clientSecret)).toBe("invalid_client");
    expect(await refusedBearer(accessToken)).toBe("INVALID_TOKEN");
    expect(await db.apiAccessToken.count({ where: { apiClientId } })).toBe(0);
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: apiClientId }, select: { revokedAt: true } })).revokedAt).not.toBeNull();
    expect(await auditRows("thirdParty.apiClientRevoked", apiClientId)).toHaveLength(1);

    // Nothing more can be done with it.
    expect(await appFailure(rotateApiClientSecret(admin, { apiClientId, graceHours: 24 }))).toMatchObject({ code: "CONFLICT", message: "thirdPartyAdmin.errors.clientRevoked" });
    expect(await appFailure(revokeApiClient(admin, apiClientId))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("webhooks", () => {
  it("lets any staff member send a FAILED delivery again (back to PENDING), and not a delivered one", async () => {
    const party = await createThirdPartyRow(db, { webhookUrl: "https://hooks.example.com/in" });
    const eventBase = BigInt(Date.now()) * 1000n;
    const failed = await db.webhookDelivery.create({
      data: { thirdPartyId: party.id, eventId: eventBase + 1n, type: "consent_request.awaiting_customer", payload: {}, status: "FAILED", attempts: 12, lastError: "HTTP 503", lastStatusCode: 503, nextAttemptAt: new Date(Date.now() + 86_400_000), lockedUntil: new Date() },
    });
    const delivered = await db.webhookDelivery.create({
      data: { thirdPartyId: party.id, eventId: eventBase + 2n, type: "consent_request.active", payload: {}, status: "DELIVERED", attempts: 1, deliveredAt: new Date() },
    });

    const now = new Date();
    await resendWebhook(support, failed.id, now);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id }, select: { status: true, nextAttemptAt: true, lockedUntil: true, attempts: true } })).toEqual({
      status: "PENDING",
      nextAttemptAt: now,
      lockedUntil: null,
      attempts: 12,
    });
    expect(await auditRows("thirdParty.webhookResent", failed.id)).toEqual([{ actorType: "STAFF", actorStaffId: support.staffId, customerId: null, details: {} }]);

    expect(await appFailure(resendWebhook(support, delivered.id))).toMatchObject({ code: "NOT_FOUND" });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivered.id }, select: { status: true } })).status).toBe("DELIVERED");
  });
});

describe("the review queue", () => {
  let party: Awaited<ReturnType<typeof createThirdPartyRow>>;
  let customer: { id: string; nationalId: string };
  beforeAll(async () => {
    party = await createThirdPartyRow(db, { name: "Granskas AB", webhookUrl: "https://hooks.granskas.example.com/in" });
    const c = await createCustomer(db);
    customer = await db.customer.findUniqueOrThrow({ where: { id: c.id }, select: { id: true, nationalId: true } });
  });

  async function queued() {
    const installation = await createInstallation(db, { customerId: customer.id });
    return createConsentRequest(db, { thirdPartyId: party.id, installation, customerIdentity: customer.nationalId, state: "NEEDS_REVIEW", submittedAt: new Date(Date.now() - 3_600_000) });
  }

  it("sends a request on to the customer: NEEDS_REVIEW → AWAITING_CUSTOMER, recorded as done by staff", async () => {
    const request = await queued();
    expect((await listReviewQueue(support)).map((r) => r.id)).toContain(request.id);
    const now = new Date();

    const resource = await reviewConsentRequest(support, { requestId: request.id, decision: "validate" }, now);
    expect(resource).toMatchObject({ id: request.id, state: "AWAITING_CUSTOMER", reason: null });
    const row = await db.consentRequest.findUniqueOrThrow({ where: { id: request.id }, select: { state: true, answerBy: true, reasonCode: true } });
    expect(row.state).toBe("AWAITING_CUSTOMER");
    expect(row.reasonCode).toBeNull();
    expect(row.answerBy!.getTime()).toBeGreaterThan(now.getTime());

    const events = await db.consentEvent.findMany({ where: { requestId: request.id, at: now }, orderBy: { id: "asc" }, select: { event: true, fromState: true, toState: true, actorKind: true, actorStaffId: true } });
    expect(events).toEqual([
      { event: "validate", fromState: "NEEDS_REVIEW", toState: "VALIDATED", actorKind: "staff", actorStaffId: support.staffId },
      { event: "present", fromState: "VALIDATED", toState: "AWAITING_CUSTOMER", actorKind: "staff", actorStaffId: support.staffId },
    ]);
    // The company hears of it (webhook outbox).
    const hooks = await db.webhookDelivery.findMany({ where: { thirdPartyId: party.id, createdAt: { gte: new Date(now.getTime() - 1000) } }, select: { type: true } });
    expect(hooks.map((h) => h.type).sort()).toEqual(["consent_request.awaiting_customer", "consent_request.validated"]);

    expect(await auditRows("thirdParty.request.reviewApproved", request.id)).toEqual([
      { actorType: "STAFF", actorStaffId: support.staffId, customerId: customer.id, details: { reviewReason: "HISTORY_BEFORE_CUSTOMER_START" } },
    ]);
    expect((await listReviewQueue(support)).map((r) => r.id)).not.toContain(request.id);

    // A second decision is refused and changes nothing.
    for (const again of [{ decision: "validate" as const }, { decision: "reject" as const, reason: "För sent" }]) {
      expect(await appFailure(reviewConsentRequest(admin, { requestId: request.id, ...again }))).toMatchObject({ code: "CONFLICT", message: "thirdPartyAdmin.review.alreadyDecided" });
    }
    expect((await db.consentRequest.findUniqueOrThrow({ where: { id: request.id }, select: { state: true } })).state).toBe("AWAITING_CUSTOMER");
  });

  it("rejects a request with the reason the company receives: NEEDS_REVIEW → REJECTED_MALFORMED", async () => {
    const request = await queued();
    const reason = "Historiken före kundens tillträde tillhör en tidigare kund.";
    const resource = await reviewConsentRequest(admin, { requestId: request.id, decision: "reject", reason });
    expect(resource).toMatchObject({ state: "REJECTED_MALFORMED", reason: { code: "REJECTED_BY_REVIEW", message: reason } });
    const row = await db.consentRequest.findUniqueOrThrow({ where: { id: request.id }, select: { state: true, reasonCode: true, reasonText: true, endedAt: true } });
    expect(row).toMatchObject({ state: "REJECTED_MALFORMED", reasonCode: "REJECTED_BY_REVIEW", reasonText: reason });
    expect(row.endedAt).not.toBeNull();
    const [last] = await db.consentEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "desc" }, take: 1, select: { event: true, fromState: true, toState: true, actorKind: true, actorStaffId: true } });
    expect(last).toEqual({ event: "reject", fromState: "NEEDS_REVIEW", toState: "REJECTED_MALFORMED", actorKind: "staff", actorStaffId: admin.staffId });
    expect(await auditRows("thirdParty.request.reviewRejected", request.id)).toEqual([
      { actorType: "STAFF", actorStaffId: admin.staffId, customerId: customer.id, details: { reviewReason: "HISTORY_BEFORE_CUSTOMER_START", reason } },
    ]);
    expect(await appFailure(reviewConsentRequest(support, { requestId: request.id, decision: "validate" }))).toMatchObject({ code: "CONFLICT", message: "thirdPartyAdmin.review.alreadyDecided" });
  });

  it("refuses to decide a request that is not in the queue", async () => {
    const installation = await createInstallation(db, { customerId: customer.id });
    const waiting = await createConsentRequest(db, { thirdPartyId: party.id, installation, customerIdentity: customer.nationalId, state: "AWAITING_CUSTOMER" });
    expect(await appFailure(reviewConsentRequest(support, { requestId: waiting.id, decision: "reject", reason: "Nej" }))).toMatchObject({ code: "CONFLICT", message: "thirdPartyAdmin.review.alreadyDecided" });
    expect(await appFailure(reviewConsentRequest(support, { requestId: "00000000-0000-4000-8000-000000000000", decision: "validate" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count({ where: { targetId: waiting.id } })).toBe(0);
  });
});
