// The view-model of Anläggningar: the list from its address, scoped by the actor.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createInstallation, createUser } from "@/fixtures/factories";
import type { Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { createGroup } from "@/server/groups/create-group";
import { customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { ready } from "../../../tests/support/views";
import { getInstallationsView } from "./get-installations-view";

const db = getTestDb();

let a1: Installation, a2: Installation, b1: Installation, single: Installation;
let multi: CustomerActor, householder: CustomerActor, neighbour: CustomerActor;
let aId: string, bId: string;


beforeAll(async () => {
  await resetDatabase();
  const a = await createCustomer(db, { kind: "COMPANY", name: "Norrsken AB" });
  const b = await createCustomer(db, { kind: "COMPANY", name: "Kylhuset AB" });
  const h = await createCustomer(db, { name: "Hanna Hushåll" });
  aId = a.id;
  bId = b.id;
  a1 = await createInstallation(db, { customerId: a.id, type: "ELECTRICITY_GRID", name: "Kontoret", street: "Storgatan 1" });
  a2 = await createInstallation(db, { customerId: a.id, type: "DISTRICT_HEATING", street: "Storgatan 2" });
  b1 = await createInstallation(db, { customerId: b.id, type: "DISTRICT_COOLING", street: "Kylvägen 1" });
  single = await createInstallation(db, { customerId: h.id, type: "ELECTRICITY_GRID", street: "Ekvägen 1" });
  multi = await customerActorOf(await createUser(db, { memberships: [{ customerId: a.id, role: "ADMINISTRATOR" }, { customerId: b.id, role: "READ" }] }));
  householder = await customerActorOf(await createUser(db, { memberships: [{ customerId: h.id, role: "ADMINISTRATOR" }] }));
  neighbour = await customerActorOf(await createUser(db, { memberships: [{ customerId: b.id, role: "ADMINISTRATOR" }] }));
});

describe("getInstallationsView", () => {
  it("lists the active customer's installations, with the customer filter for several customer numbers", async () => {
    const v = ready(await getInstallationsView(multi, { activeCustomerId: aId, searchParams: {} }));
    expect(v.result.items.map((i) => i.id)).toEqual([a1.id, a2.id]);
    expect(v.customer).toEqual({ number: expect.any(String), name: "Norrsken AB" });
    expect(v.customers.map((c) => c.id)).toEqual([aId, bId]);
    expect(v).toMatchObject({ showCustomerColumn: false, filtered: false, group: null });
  });

  it("searches, filters by type and shows every customer with ?kund=alla", async () => {
    const all = ready(await getInstallationsView(multi, { activeCustomerId: aId, searchParams: { kund: "alla" } }));
    expect(all.result.total).toBe(3);
    expect(all).toMatchObject({ showCustomerColumn: true, customer: null });
    const heat = ready(await getInstallationsView(multi, { activeCustomerId: aId, searchParams: { typ: "fjarrvarme", q: " Storgatan ", sida: "x" } }));
    expect(heat.result.items.map((i) => i.id)).toEqual([a2.id]);
    expect(heat.params).toMatchObject({ q: "Storgatan", type: "DISTRICT_HEATING", page: 1 });
    expect(heat.filtered).toBe(true);
  });

  it("filters by one of the user's groups across customer numbers", async () => {
    const group = await createGroup(multi, { name: "Blandat", selection: { installationIds: [a1.id, b1.id] } });
    const v = ready(await getInstallationsView(multi, { activeCustomerId: aId, searchParams: { grupp: group.id } }));
    expect(v.group).toEqual({ id: group.id, name: "Blandat" });
    expect(v.params.customer).toBe("all");
    expect(v.result.items.map((i) => i.id).sort()).toEqual([a1.id, b1.id].sort());
  });

  it("shows a single installation's details directly", async () => {
    expect(await getInstallationsView(householder, { activeCustomerId: null, searchParams: {} })).toEqual({ kind: "redirect", installationId: single.id });
    expect(ready(await getInstallationsView(householder, { activeCustomerId: null, searchParams: { q: "Ekvägen" } })).result.total).toBe(1);
  });

  it("shows a second customer's user nothing of the first customer's, and refuses another user's group", async () => {
    const group = await createGroup(multi, { name: "Bara A", selection: { installationIds: [a1.id, a2.id] } });
    expect(await getInstallationsView(neighbour, { activeCustomerId: aId, searchParams: { grupp: group.id } })).toEqual({ kind: "notFound" });
    expect(await getInstallationsView(neighbour, { activeCustomerId: aId, searchParams: { grupp: "inte-ett-id" } })).toEqual({ kind: "notFound" });
    // Another customer's id in ?kund= falls back to the user's own customer.
    const own = ready(await getInstallationsView(neighbour, { activeCustomerId: aId, searchParams: { kund: aId } }));
    expect(own.params.customer).toBe(bId);
    expect(own.result.items.map((i) => i.id)).toEqual([b1.id]);
    const listed = ready(await getInstallationsView(neighbour, { activeCustomerId: aId, searchParams: { kund: aId, q: "Storgatan" } }));
    expect(listed.result.total).toBe(0);
    expect(await getInstallationsView({ ...neighbour, customers: [] }, { activeCustomerId: null, searchParams: {} })).toEqual({ kind: "noCustomer" });
  });
});
