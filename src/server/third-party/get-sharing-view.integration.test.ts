// The view-model of Tredjepartsåtkomst: what the page shows from its address, scoped by the actor.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/fixtures/factories";
import { createConsentRequest, createDataDelivery, createThirdParty } from "@/fixtures/third-party-factories";
import type { Customer, Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { ready } from "../../../tests/support/views";
import { twoSharingCustomers } from "../../../tests/support/third-party";
import { getSharingView } from "./get-sharing-view";

const db = getTestDb();
const DAY = 86_400_000;
const recently = (days: number) => new Date(Date.now() - days * DAY);

let customerA: Customer, customerB: Customer;
let gridA: Installation, heatA: Installation, gridB: Installation;
let adminA: CustomerActor, readA: CustomerActor, adminB: CustomerActor;
let pending1: string, pending2: string, activeA: string, pendingB: string, endedA: string;

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

beforeAll(async () => {
  await resetDatabase();
  ({ customerA, customerB, gridA, heatA, gridB } = await twoSharingCustomers(db));
  const party = await createThirdParty(db, { name: "Solkollen Test AB" });
  const awaiting = (installation: Installation, customer: Customer) =>
    createConsentRequest(db, { thirdPartyId: party.id, installation, customerIdentity: customer.nationalId, state: "AWAITING_CUSTOMER", submittedAt: recently(2), requestedValidTo: new Date(Date.now() + 400 * DAY) });
  pending1 = (await awaiting(gridA, customerA)).id;
  pending2 = (await awaiting(heatA, customerA)).id;
  pendingB = (await awaiting(gridB, customerB)).id;
  const consent = await createConsentRequest(db, {
    thirdPartyId: party.id,
    installation: gridA,
    customerIdentity: customerA.nationalId,
    state: "ACTIVE",
    submittedAt: recently(30),
    decidedAt: recently(29),
    requestedValidTo: new Date(Date.now() + 300 * DAY),
  });
  activeA = consent.id;
  endedA = (await createConsentRequest(db, { thirdPartyId: party.id, installation: heatA, customerIdentity: customerA.nationalId, state: "DECLINED", submittedAt: recently(20) })).id;
  await createDataDelivery(db, { request: consent, deliveredAt: recently(1), periodFrom: "2025-01-01", periodTo: "2025-01-02", valueCount: 24 });
  await createDataDelivery(db, { request: consent, deliveredAt: recently(3), periodFrom: "2025-01-02", periodTo: "2025-01-03", valueCount: 24 });
  adminA = await customerActorOf(await createUser(db, { name: "Anna Andersson", memberships: [{ customerId: customerA.id, role: "ADMINISTRATOR" }] }));
  readA = await customerActorOf(await createUser(db, { name: "Leo Läs", memberships: [{ customerId: customerA.id, role: "READ" }] }));
  adminB = await customerActorOf(await createUser(db, { name: "Bo Bolag", memberships: [{ customerId: customerB.id, role: "ADMINISTRATOR" }] }));
});

describe("getSharingView", () => {
  it("lists the customer's requests, consents, ended ones and sharing log", async () => {
    const v = ready(await getSharingView(adminA, { searchParams: {} }));
    expect(ids(v.pending.items)).toEqual([pending1, pending2].sort());
    expect(v.pending).toMatchObject({ decidable: 2, bulk: true, readOnly: false, step: null, stepError: null });
    expect(ids(v.active.items)).toEqual([activeA]);
    expect(v.active).toMatchObject({ ending: null, endingGone: false });
    expect(ids(v.inactive)).toEqual([endedA]);
    expect(v.log.list.total).toBe(2);
    expect(v.log).toMatchObject({ filtered: false, errors: {}, filters: {} });
    expect(v.outcome).toBeNull();
    expect(v.several).toBe(false);
  });

  it("opens the decline step for requests the user may decide, and says why not otherwise", async () => {
    const v = ready(await getSharingView(adminA, { searchParams: { atgard: "neka", id: [pending1, pending2] } }));
    expect(v.pending.step?.kind).toBe("decline");
    expect(ids(v.pending.step!.chosen)).toEqual([pending1, pending2].sort());
    expect(ready(await getSharingView(adminA, { searchParams: { atgard: "godkann" } })).pending.stepError).toEqual({ key: "thirdParty.pending.choose.none" });
    expect(ready(await getSharingView(adminA, { searchParams: { atgard: "godkann", id: Array.from({ length: 9 }, (_, i) => `x${i}`) } })).pending.stepError).toEqual({
      key: "thirdParty.pending.choose.tooMany",
      values: { max: 8 },
    });
    // Another customer's request, or one a Read user cannot decide, is not offered.
    expect(ready(await getSharingView(adminA, { searchParams: { atgard: "neka", id: pendingB } })).pending).toMatchObject({ step: null, stepError: { key: "thirdParty.pending.choose.unknown" } });
    const read = ready(await getSharingView(readA, { searchParams: { atgard: "neka", id: pending1 } }));
    expect(read.pending).toMatchObject({ decidable: 0, readOnly: true, step: null, stepError: { key: "thirdParty.pending.choose.unknown" } });
  });

  it("opens the approval step with what the signing still needs", async () => {
    const v = ready(await getSharingView(adminA, { searchParams: { atgard: "godkann", id: pending1 } }));
    expect(v.pending.step).toMatchObject({ kind: "approve", chosen: [{ id: pending1 }] });
    expect(["notConfigured", "notLinked"]).toContain((v.pending.step as { blocked: string }).blocked);
  });

  it("confirms ending only a consent the user may end", async () => {
    expect(ready(await getSharingView(adminA, { searchParams: { atgard: "avsluta", id: activeA } })).active.ending?.id).toBe(activeA);
    expect(ready(await getSharingView(readA, { searchParams: { atgard: "avsluta", id: activeA } })).active).toMatchObject({ ending: null, endingGone: true });
  });

  it("tells what happened from the address", async () => {
    expect(ready(await getSharingView(adminA, { searchParams: { utfall: "godkanda", antal: "3" } })).outcome).toEqual({ ok: true, key: "thirdParty.outcome.approved", values: { count: 3 } });
    expect(ready(await getSharingView(adminA, { searchParams: { utfall: "nekade", antal: "x" } })).outcome).toEqual({ ok: true, key: "thirdParty.outcome.declined", values: { count: 1 } });
    expect(ready(await getSharingView(adminA, { searchParams: { utfall: "avslutat", id: endedA } })).outcome).toMatchObject({ ok: true, key: "thirdParty.outcome.terminated", values: { company: "Solkollen Test AB" } });
    expect(ready(await getSharingView(adminA, { searchParams: { signering: "fel", orsak: "hittepa" } })).outcome).toEqual({ ok: false, key: "eleg.outcome.failed.leverantor" });
    expect(ready(await getSharingView(adminA, { searchParams: { signering: "avbruten" } })).outcome).toEqual({ ok: false, key: "thirdParty.outcome.cancelled" });
  });

  it("validates the log's filters: an unusable one is ignored with its message, the others apply", async () => {
    const v = ready(await getSharingView(adminA, { searchParams: { foretag: "inte-ett-id", fran: "2099-02-30", anl: gridA.id } }));
    expect(v.log.errors).toEqual({ company: "thirdParty.log.errors.invalid", from: "thirdParty.log.errors.date" });
    expect(v.log.filters).toEqual({ installation: gridA.id });
    expect(v.log.list.total).toBe(2);
    const order = ready(await getSharingView(adminA, { searchParams: { fran: "2030-01-02", till: "2030-01-01" } }));
    expect(order.log.errors).toEqual({ to: "thirdParty.log.errors.dateOrder" });
    expect(order.log.filters).toEqual({});
  });

  it("shows a second customer's user nothing of the first customer's, and refuses a filter on its installation", async () => {
    const b = ready(await getSharingView(adminB, { searchParams: {} }));
    expect(ids([...b.pending.items, ...b.active.items, ...b.inactive])).toEqual([pendingB]);
    expect(b.log.list.total).toBe(0);
    expect(b.log.list.installations).toEqual([]);
    expect(ready(await getSharingView(adminB, { searchParams: { atgard: "avsluta", id: activeA } })).active).toMatchObject({ ending: null, endingGone: true });
    expect(await getSharingView(adminB, { searchParams: { anl: gridA.id } })).toEqual({ kind: "notFound" });
  });
});
