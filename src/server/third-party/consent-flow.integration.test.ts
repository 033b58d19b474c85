// Issue 6: a third party asks for an installation's meter data, the utility's rules validate it,
// the customer decides, the third party fetches values only while the consent is active and only
// inside its period and resolution, and every step is recorded and announced.
import { beforeEach, describe, expect, it } from "vitest";
import { createInstallation, createUser, uniqueMeteringPointId, validSwedishPersonnummer } from "@/fixtures/factories";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { householdWithValues, thirdPartyWithClient } from "../../../tests/support/third-party";
import { isApiError } from "./api-error";
import { applyConsentEvent } from "./apply-consent-event";
import { expireConsents } from "./consent-jobs";
import { fetchMeterValues } from "./fetch-meter-values";
import { submitRequestSchema, type SubmitRequestInput } from "./schemas";
import { MISMATCH_LIMITS, submitConsentRequest } from "./submit-consent-request";
import { getConsentRequestForThirdParty, listEventsForThirdParty, terminateConsentAsThirdParty } from "./third-party-requests";

const db = getTestDb();
const NOW = new Date("2026-12-03T12:00:00Z");

beforeEach(async () => resetDatabase());

/** The body a third party would send, parsed as the API does. */
function body(o: Partial<Record<keyof SubmitRequestInput, unknown>> & { customerIdentityNumber: string; meteringPointId: string }, now = NOW): SubmitRequestInput {
  return submitRequestSchema(now).parse({
    reference: "ES-1",
    purpose: "Energy advice: hourly use compared with similar houses.",
    resolution: "PT1H",
    dataFrom: "2025-01-01",
    validTo: "2027-12-03T00:00:00Z",
    ...o,
  });
}

async function apiFailure(p: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isApiError(e)) return { code: e.code, status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected the call to fail");
}

/** A household and a third party with an active hourly consent from 2025-01-01 (approved as the customer would). */
async function activeConsent(o: { validTo?: string; dataTo?: string; resolution?: "PT15M" | "PT1H" | "P1D" | "P1M"; meter?: "PT15M" | "PT1H" } = {}) {
  const home = await householdWithValues(db, { from: "2025-01-01", to: "2026-12-01", resolution: o.meter ?? "PT1H" });
  const tp = await thirdPartyWithClient(db, { webhookUrl: "https://hooks.example.com/minasidor" });
  const { request } = await submitConsentRequest(
    tp.actor,
    body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId, resolution: o.resolution ?? "PT1H", ...(o.dataTo ? { dataTo: o.dataTo } : {}) }),
    NOW,
  );
  expect(request.state).toBe("AWAITING_CUSTOMER");
  const user = await createUser(db, { memberships: [{ customerId: home.customer.id, role: "ADMINISTRATOR" }] });
  const customer = { kind: "customer" as const, userId: user.id };
  await db.$transaction((tx) => applyConsentEvent(tx, request.id, { type: "approve", validTo: o.validTo ?? "2027-12-03T00:00:00.000Z" }, customer, NOW));
  return { home, tp, id: request.id, customer };
}

describe("a third party submits a request", () => {
  it("goes straight to the customer when the customer and metering point match, with every step recorded and announced", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db, { webhookUrl: "https://hooks.example.com/minasidor" });
    const { request, created } = await submitConsentRequest(tp.actor, body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId }), NOW);

    expect(created).toBe(true);
    expect(request).toMatchObject({ state: "AWAITING_CUSTOMER", reference: "ES-1", resolution: "PT1H", dataFrom: "2025-01-01", dataTo: null, validTo: null, reason: null });
    expect(request.answerBy).toBe("2027-01-02T12:00:00.000Z");
    const stored = await db.consentRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ customerId: home.customer.id, installationId: home.installation.id });
    const events = await db.consentEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.event, e.fromState, e.toState, e.actorKind])).toEqual([
      ["submit", "RECEIVED", "RECEIVED", "thirdParty"],
      ["validate", "RECEIVED", "VALIDATED", "system"],
      ["present", "VALIDATED", "AWAITING_CUSTOMER", "system"],
    ]);
    expect(events.every((e) => e.at.getTime() === NOW.getTime())).toBe(true);
    expect(events[0]!.actorApiClientId).toBe(tp.client.id);
    const hooks = await db.webhookDelivery.findMany({ where: { thirdPartyId: tp.party.id }, orderBy: { eventId: "asc" } });
    expect(hooks.map((h) => h.type)).toEqual(["consent_request.received", "consent_request.validated", "consent_request.awaiting_customer"]);
    expect(hooks.map((h) => h.eventId)).toEqual(events.map((e) => e.id));
    expect(hooks.every((h) => h.status === "PENDING")).toBe(true);
  });

  it("answers the same reference with the same request, and refuses a reference reused for something else without storing it", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    const input = body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId });
    const first = await submitConsentRequest(tp.actor, input, NOW);
    const again = await submitConsentRequest(tp.actor, input, NOW);
    expect(again).toEqual({ request: first.request, created: false });

    const failure = await apiFailure(submitConsentRequest(tp.actor, { ...input, purpose: "Something else entirely, for another reason." }, NOW));
    expect(failure).toMatchObject({ code: "REFERENCE_REUSED", status: 409 });
    expect(await db.consentRequest.count()).toBe(1);
    expect(await db.consentEvent.count()).toBe(3);
  });

  it("refuses a second open request for an installation, and stores nothing", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    await submitConsentRequest(tp.actor, body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId }), NOW);
    const failure = await apiFailure(submitConsentRequest(tp.actor, body({ reference: "ES-2", customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId }), NOW));
    expect(failure.code).toBe("DUPLICATE_REQUEST");
    expect(await db.consentRequest.count()).toBe(1);

    // Another company may ask for the same installation.
    const other = await thirdPartyWithClient(db);
    const { request } = await submitConsentRequest(other.actor, body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId }), NOW);
    expect(request.state).toBe("AWAITING_CUSTOMER");
  });

  it("rejects an identity that does not own the metering point, naming no customer (the same as an unknown metering point)", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const neighbour = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    const wrongPerson = await submitConsentRequest(tp.actor, body({ customerIdentityNumber: neighbour.nationalId, meteringPointId: home.installation.meteringPointId }), NOW);
    const unknownPoint = await submitConsentRequest(tp.actor, body({ reference: "ES-2", customerIdentityNumber: home.nationalId, meteringPointId: "735999000000000013" }), NOW);

    for (const { request } of [wrongPerson, unknownPoint]) {
      expect(request.state).toBe("REJECTED_MALFORMED");
      expect(request.reason?.code).toBe("CUSTOMER_INSTALLATION_MISMATCH");
      const stored = await db.consentRequest.findUniqueOrThrow({ where: { id: request.id } });
      expect(stored).toMatchObject({ customerId: null, installationId: null });
    }
    expect(wrongPerson.request.reason).toEqual(unknownPoint.request.reason);
  });

  it("limits guessing whose metering point an identity number belongs to: per metering point, and per third party", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    const point = home.installation.meteringPointId;
    const guess = (i: number, identity: string, actor = tp.actor) => submitConsentRequest(actor, body({ reference: `GUESS-${i}`, customerIdentityNumber: identity, meteringPointId: point }), NOW);
    // Five wrong identity numbers for one metering point are answered…
    for (let i = 0; i < MISMATCH_LIMITS.perMeteringPoint; i++) expect((await guess(i, validSwedishPersonnummer(900 + i))).request.state).toBe("REJECTED_MALFORMED");
    // …then the point is locked for everybody, even for the right identity number, and nothing is stored.
    const before = await db.consentRequest.count();
    const other = await thirdPartyWithClient(db);
    for (const attempt of [guess(10, home.nationalId), guess(11, home.nationalId, other.actor)]) {
      expect(await apiFailure(attempt)).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    }
    expect(await db.consentRequest.count()).toBe(before);

    // A third party that keeps missing is locked for every metering point.
    const prober = await thirdPartyWithClient(db);
    for (let i = 0; i < MISMATCH_LIMITS.perThirdParty; i++) {
      await submitConsentRequest(prober.actor, body({ reference: `P-${i}`, customerIdentityNumber: home.nationalId, meteringPointId: uniqueMeteringPointId() }), NOW);
    }
    const elsewhere = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    expect(await apiFailure(submitConsentRequest(prober.actor, body({ reference: "P-last", customerIdentityNumber: elsewhere.nationalId, meteringPointId: elsewhere.installation.meteringPointId }), NOW))).toMatchObject({ code: "RATE_LIMITED" });
    // Others still get their answers.
    expect((await submitConsentRequest(other.actor, body({ reference: "O-1", customerIdentityNumber: elsewhere.nationalId, meteringPointId: elsewhere.installation.meteringPointId }), NOW)).request.state).toBe("AWAITING_CUSTOMER");
  });

  it("rejects quarter-hour values from an hourly meter", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    const { request } = await submitConsentRequest(tp.actor, body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId, resolution: "PT15M" }), NOW);
    expect(request).toMatchObject({ state: "REJECTED_MALFORMED", reason: { code: "RESOLUTION_NOT_AVAILABLE" } });
  });

  it("sends history from before the customer moved in, or an ended installation, to staff review", async () => {
    const movedIn = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02", startDate: "2025-06-01" });
    const tp = await thirdPartyWithClient(db);
    const early = await submitConsentRequest(tp.actor, body({ customerIdentityNumber: movedIn.nationalId, meteringPointId: movedIn.installation.meteringPointId, dataFrom: "2024-01-01" }), NOW);
    expect(early.request).toMatchObject({ state: "NEEDS_REVIEW", reason: { code: "HISTORY_BEFORE_CUSTOMER_START" }, answerBy: null });

    const ended = await createInstallation(db, { customerId: movedIn.customer.id, type: "ELECTRICITY_GRID", status: "TERMINATED", endDate: "2026-06-30" });
    const late = await submitConsentRequest(tp.actor, body({ reference: "ES-2", customerIdentityNumber: movedIn.nationalId, meteringPointId: ended.meteringPointId, dataFrom: "2026-01-01" }), NOW);
    expect(late.request).toMatchObject({ state: "NEEDS_REVIEW", reason: { code: "INSTALLATION_ENDED" } });
  });

  it("refuses malformed bodies at the boundary (checked by the schema, before anything is stored)", () => {
    const ok = { reference: "A-1", customerIdentityNumber: "19780512-0545", meteringPointId: "735999000000000013", purpose: "A purpose of enough length.", resolution: "PT1H", dataFrom: "2025-01-01", validTo: "2027-01-01T00:00:00Z" };
    const schema = submitRequestSchema(NOW);
    expect(schema.safeParse(ok).success).toBe(true);
    const bad: [string, unknown][] = [
      ["meteringPointId", "735999000000000014"],
      ["customerIdentityNumber", "19780512-0546"],
      ["resolution", "PT5M"],
      ["dataFrom", "2025-02-30"],
      ["dataFrom", "2027-01-01"],
      ["validTo", "2030-01-01T00:00:00Z"],
      ["validTo", "2026-12-03T13:00:00Z"],
      ["validTo", "2027-01-01"],
      ["reference", "has spaces"],
      ["purpose", "short"],
      ["unexpected", "field"],
    ];
    for (const [field, value] of bad) {
      const result = schema.safeParse({ ...ok, [field]: value });
      expect(result.success, `${field}=${String(value)}`).toBe(false);
    }
    expect(schema.safeParse({ ...ok, dataTo: "2024-12-31" }).success).toBe(false);
  });
});

describe("fetching meter values under a consent", () => {
  it("delivers hourly values in the installation's calendar and logs the delivery for the customer", async () => {
    const { tp, id, home } = await activeConsent();
    const result = await fetchMeterValues(tp.actor, id, { from: "2026-03-28", to: "2026-03-31" }, NOW);
    // 24 + 23 (daylight saving starts on 29 March in Stockholm) + 24 hours.
    expect(result.values).toHaveLength(71);
    expect(result).toMatchObject({ resolution: "PT1H", unit: "kWh", timeZone: "Europe/Stockholm", valueCount: 71, meteringPointId: home.installation.meteringPointId });
    expect(result.values[0]).toEqual({ start: "2026-03-27T23:00:00Z", end: "2026-03-28T00:00:00Z", value: 1, quality: "measured" });
    expect(result.values.at(-1)!.end).toBe("2026-03-30T22:00:00Z");

    const log = await db.dataDelivery.findMany({ where: { requestId: id } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ thirdPartyId: tp.party.id, customerId: home.customer.id, installationId: home.installation.id, apiClientId: tp.client.id, resolution: "PT1H", valueCount: 71 });
    expect(log[0]!.periodFrom.toISOString().slice(0, 10)).toBe("2026-03-28");
    expect(log[0]!.deliveredAt.getTime()).toBe(NOW.getTime());
    expect(result.deliveryId).toBe(log[0]!.id.toString());
  });

  it("sums to days and months at a coarser resolution, a 23-hour day included", async () => {
    const { tp, id } = await activeConsent();
    const days = await fetchMeterValues(tp.actor, id, { from: "2026-03-28", to: "2026-03-31", resolution: "P1D" }, NOW);
    expect(days.values.map((v) => v.value)).toEqual([24, 23, 24]);
    const months = await fetchMeterValues(tp.actor, id, { from: "2026-01-01", to: "2026-04-01", resolution: "P1M" }, NOW);
    expect(months.values.map((v) => [v.start, v.value])).toEqual([
      ["2025-12-31T23:00:00Z", 744],
      ["2026-01-31T23:00:00Z", 672],
      ["2026-02-28T23:00:00Z", 743],
    ]);
  });

  it("delivers quarter-hour values under a quarter-hour consent", async () => {
    const { tp, id } = await activeConsent({ meter: "PT15M", resolution: "PT15M" });
    const result = await fetchMeterValues(tp.actor, id, { from: "2026-10-25", to: "2026-10-26" }, NOW);
    // 25 hours on the day daylight saving ends.
    expect(result.values).toHaveLength(100);
    expect(result.values.every((v) => v.value === 0.25 && v.quality === "measured")).toBe(true);
  });

  it("marks days without values as missing and counts only delivered values", async () => {
    const { tp, id } = await activeConsent();
    const result = await fetchMeterValues(tp.actor, id, { from: "2026-11-29", to: "2026-12-02", resolution: "P1D" }, NOW);
    expect(result.values.map((v) => [v.value, v.quality])).toEqual([
      [24, "measured"],
      [24, "measured"],
      [null, "missing"],
    ]);
    expect(result.valueCount).toBe(2);
  });

  it("refuses a finer resolution than consented, a period outside the consent, and a consent not yet approved — logging nothing", async () => {
    const { tp, id } = await activeConsent({ resolution: "P1D", dataTo: "2026-07-01" });
    expect((await apiFailure(fetchMeterValues(tp.actor, id, { from: "2026-01-01", to: "2026-01-02", resolution: "PT1H" }, NOW))).code).toBe("RESOLUTION_NOT_CONSENTED");
    expect((await apiFailure(fetchMeterValues(tp.actor, id, { from: "2024-12-31", to: "2025-01-02" }, NOW))).code).toBe("OUTSIDE_CONSENTED_PERIOD");
    expect((await apiFailure(fetchMeterValues(tp.actor, id, { from: "2026-06-01", to: "2026-07-02" }, NOW))).code).toBe("OUTSIDE_CONSENTED_PERIOD");
    expect((await fetchMeterValues(tp.actor, id, { from: "2026-06-01", to: "2026-07-01" }, NOW)).values).toHaveLength(30);

    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const { request } = await submitConsentRequest(tp.actor, body({ reference: "ES-9", customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId }), NOW);
    expect((await apiFailure(fetchMeterValues(tp.actor, request.id, { from: "2026-11-01", to: "2026-11-02" }, NOW))).code).toBe("CONSENT_NOT_ACTIVE");
    expect(await db.dataDelivery.count()).toBe(1);
  });

  it("is refused from the very second the consent expires", async () => {
    const { tp, id } = await activeConsent({ validTo: "2026-12-10T00:00:00.000Z" });
    const query = { from: "2026-11-01", to: "2026-11-02" };
    await expect(fetchMeterValues(tp.actor, id, query, new Date("2026-12-09T23:59:59.999Z"))).resolves.toMatchObject({ valueCount: 24 });
    expect((await apiFailure(fetchMeterValues(tp.actor, id, query, new Date("2026-12-10T00:00:00.000Z")))).code).toBe("CONSENT_NOT_ACTIVE");
    expect((await apiFailure(fetchMeterValues(tp.actor, id, query, new Date("2026-12-10T00:00:00.400Z")))).code).toBe("CONSENT_NOT_ACTIVE");

    // The expiry job records it; the same answer afterwards.
    expect(await expireConsents(new Date("2026-12-10T00:00:00.000Z"))).toBe(1);
    const stored = await db.consentRequest.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ state: "EXPIRED" });
    expect(stored.endedAt?.toISOString()).toBe("2026-12-10T00:00:00.000Z");
    expect((await apiFailure(fetchMeterValues(tp.actor, id, query, new Date("2026-12-10T00:00:01Z")))).code).toBe("CONSENT_NOT_ACTIVE");
  });

  it("is refused at once after the customer or the third party ends the consent", async () => {
    const byCustomer = await activeConsent();
    await db.$transaction((tx) => applyConsentEvent(tx, byCustomer.id, { type: "terminate", by: "customer" }, byCustomer.customer, NOW));
    expect((await apiFailure(fetchMeterValues(byCustomer.tp.actor, byCustomer.id, { from: "2026-11-01", to: "2026-11-02" }, NOW))).code).toBe("CONSENT_NOT_ACTIVE");

    const byCompany = await activeConsent();
    const ended = await terminateConsentAsThirdParty(byCompany.tp.actor, byCompany.id, NOW);
    expect(ended.state).toBe("TERMINATED_BY_THIRD_PARTY");
    expect((await apiFailure(fetchMeterValues(byCompany.tp.actor, byCompany.id, { from: "2026-11-01", to: "2026-11-02" }, NOW))).code).toBe("CONSENT_NOT_ACTIVE");
    // Only an active consent can be ended.
    expect((await apiFailure(terminateConsentAsThirdParty(byCompany.tp.actor, byCompany.id, NOW))).code).toBe("ILLEGAL_TRANSITION");
    expect(await db.dataDelivery.count()).toBe(0);
  });

  it("never lets one third party read, see or end another's consent", async () => {
    const { id } = await activeConsent();
    const intruder = await thirdPartyWithClient(db);
    expect((await apiFailure(fetchMeterValues(intruder.actor, id, { from: "2026-11-01", to: "2026-11-02" }, NOW))).code).toBe("NOT_FOUND");
    expect((await apiFailure(getConsentRequestForThirdParty(intruder.actor, id))).code).toBe("NOT_FOUND");
    expect((await apiFailure(terminateConsentAsThirdParty(intruder.actor, id, NOW))).code).toBe("NOT_FOUND");
    expect((await listEventsForThirdParty(intruder.actor, { limit: 100 })).items).toEqual([]);
    expect(await db.dataDelivery.count()).toBe(0);
    expect((await db.consentRequest.findUniqueOrThrow({ where: { id } })).state).toBe("ACTIVE");
  });
});

describe("the lifecycle", () => {
  it("expires a request nobody answered in time, and not a moment before", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    const { request } = await submitConsentRequest(tp.actor, body({ customerIdentityNumber: home.nationalId, meteringPointId: home.installation.meteringPointId }), NOW);
    const answerBy = new Date(request.answerBy!);
    expect(await expireConsents(new Date(answerBy.getTime() - 1))).toBe(0);
    expect(await expireConsents(answerBy)).toBe(1);
    const events = await db.consentEvent.findMany({ where: { requestId: request.id }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({ event: "expire", fromState: "AWAITING_CUSTOMER", toState: "EXPIRED", actorKind: "system" });
  });

  it("refuses illegal transitions and leaves the request as it was", async () => {
    const { id, customer } = await activeConsent();
    const before = await db.consentRequest.findUniqueOrThrow({ where: { id } });
    await expect(db.$transaction((tx) => applyConsentEvent(tx, id, { type: "approve" }, customer, NOW))).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION" });
    await expect(db.$transaction((tx) => applyConsentEvent(tx, id, { type: "terminate", by: "customer" }, { kind: "thirdParty", apiClientId: "00000000-0000-4000-8000-000000000002" }, NOW))).rejects.toMatchObject({ code: "FORBIDDEN_ACTOR" });
    await expect(db.$transaction((tx) => applyConsentEvent(tx, id, { type: "expire" }, { kind: "system" }, NOW))).rejects.toMatchObject({ code: "ILLEGAL_TRANSITION" });
    // A decision made on an older version of the row is refused too.
    await expect(db.$transaction((tx) => applyConsentEvent(tx, id, { type: "terminate", by: "customer" }, customer, NOW, { expectedVersion: before.version - 1 }))).rejects.toMatchObject({ code: "CONCURRENT_CHANGE" });
    expect(await db.consentRequest.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("lets the third party follow every change through the event feed, in order", async () => {
    const { tp, id } = await activeConsent();
    await terminateConsentAsThirdParty(tp.actor, id, NOW);
    const all = await listEventsForThirdParty(tp.actor, { limit: 100 });
    expect(all.items.map((e) => e.type)).toEqual([
      "consent_request.received",
      "consent_request.validated",
      "consent_request.awaiting_customer",
      "consent_request.active",
      "consent_request.terminated_by_third_party",
    ]);
    const after = await listEventsForThirdParty(tp.actor, { after: all.items[2]!.id, limit: 1 });
    expect(after.items.map((e) => e.type)).toEqual(["consent_request.active"]);
    expect(after.next).toBe(all.items[3]!.id);
    expect(all.items[4]!.data.consentRequest.state).toBe("TERMINATED_BY_THIRD_PARTY");
  });
});
