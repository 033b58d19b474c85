import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createInstallation, createUser, type CreatedUser } from "@/fixtures/factories";
import type { Customer, Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { listInstallations } from "@/server/installations/list-installations";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { defaultOmit } from "@/server/db/create-client";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { createGroup } from "./create-group";
import { deleteGroup } from "./delete-group";
import { getGroupInstallationIds } from "./get-group-installation-ids";
import { listGroups } from "./list-groups";
import { updateGroup } from "./update-group";

const db = getTestDb();

// The server functions use the app's client (src/server/db/client.ts), which takes a client put on
// globalThis first: this one reports every SQL statement, to show that the work per group does
// not grow with the number of installations.
const statements: string[] = [];
const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), omit: defaultOmit, log: [{ emit: "event", level: "query" }] });
counting.$on("query", (e) => statements.push(e.query));
(globalThis as unknown as { minaSidorDb?: unknown }).minaSidorDb = counting;

async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = statements.length;
  const result = await fn();
  return { result, statements: statements.length - before };
}

let companyA: Customer, companyB: Customer, big: Customer;
let a: Installation[], b: Installation[];
let owner: CreatedUser, other: CreatedUser, restrictedUser: CreatedUser;
let ownerActor: CustomerActor, otherActor: CustomerActor;

beforeAll(async () => {
  await resetDatabase();
  companyA = await createCustomer(db, { kind: "COMPANY", name: "Fastighets AB Norrsken" });
  companyB = await createCustomer(db, { kind: "COMPANY", name: "Kylhuset AB" });
  big = await createCustomer(db, { kind: "COMPANY", name: "Bostadsbolaget Stor AB" });
  a = [];
  for (let n = 1; n <= 6; n++) a.push(await createInstallation(db, { customerId: companyA.id, type: "DISTRICT_HEATING", street: `Storgatan ${n}`, city: "Sjöbotten" }));
  b = [];
  for (let n = 1; n <= 3; n++) b.push(await createInstallation(db, { customerId: companyB.id, type: "DISTRICT_COOLING", street: `Kylvägen ${n}`, city: "Umeå" }));
  owner = await createUser(db, {
    memberships: [
      { customerId: companyA.id, role: "FULL" },
      { customerId: companyB.id, role: "READ" },
    ],
  });
  other = await createUser(db, { memberships: [{ customerId: companyA.id, role: "ADMINISTRATOR" }] });
  restrictedUser = await createUser(db, { memberships: [{ customerId: companyA.id, role: "READ", installationIds: [a[0]!.id, a[1]!.id] }] });
  ownerActor = await customerActorOf(owner);
  otherActor = await customerActorOf(other);
});

describe("createGroup", () => {
  it("saves picked installations of several customers under a name", async () => {
    const group = await createGroup(ownerActor, { name: "  Norr och kyla ", selection: { installationIds: [a[0]!.id, a[1]!.id, b[0]!.id, a[0]!.id] } });
    expect(group).toMatchObject({ name: "Norr och kyla", memberCount: 3 });
    expect((await getGroupInstallationIds(ownerActor, group.id)).sort()).toEqual([a[0]!.id, a[1]!.id, b[0]!.id].sort());
  });

  it("refuses an installation outside the user's access with NOT_FOUND and stores nothing", async () => {
    const foreign = await createInstallation(db, { customerId: big.id, type: "ELECTRICITY_GRID" });
    const before = await db.installationGroup.count();
    const membersBefore = await db.installationGroupMember.count();
    expect(await appFailure(createGroup(ownerActor, { name: "Smygande", selection: { installationIds: [a[2]!.id, foreign.id] } }))).toMatchObject({ code: "NOT_FOUND" });
    // A restricted member may not add an installation of the customer that was not granted.
    expect(await appFailure(createGroup(await customerActorOf(restrictedUser), { name: "Mer än jag får", selection: { installationIds: [a[0]!.id, a[3]!.id] } }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await appFailure(createGroup(ownerActor, { name: "Trasig", selection: { installationIds: ["not-an-id"] } }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.installationGroup.count()).toBe(before);
    expect(await db.installationGroupMember.count()).toBe(membersBefore);
    expect((await listGroups(ownerActor)).map((g) => g.name)).not.toContain("Smygande");
  });

  it("validates the name: 1–60 characters, unique per user regardless of case", async () => {
    const pick = { installationIds: [a[0]!.id] };
    expect(await appFailure(createGroup(ownerActor, { name: "   ", selection: pick }))).toMatchObject({ code: "VALIDATION", fieldErrors: { name: ["groups.nameRequired"] } });
    expect(await appFailure(createGroup(ownerActor, { name: "x".repeat(61), selection: pick }))).toMatchObject({ code: "VALIDATION", fieldErrors: { name: ["groups.nameTooLong"] } });
    expect((await createGroup(ownerActor, { name: "x".repeat(60), selection: pick })).name).toHaveLength(60);
    expect(await appFailure(createGroup(ownerActor, { name: "NORR OCH KYLA", selection: pick }))).toMatchObject({ code: "CONFLICT", fieldErrors: { name: ["groups.nameTaken"] } });
    // Another user may use the same name.
    expect((await createGroup(otherActor, { name: "Norr och kyla", selection: pick })).memberCount).toBe(1);
    expect(await appFailure(createGroup(ownerActor, { name: "Tom", selection: { installationIds: [] } }))).toMatchObject({ code: "VALIDATION", message: "groups.noneSelected" });
  });

  it("saves everything a search matches, exactly what the list shows", async () => {
    const group = await createGroup(ownerActor, { name: "Storgatan", selection: { search: { customerId: "all", q: "storgatan" } } });
    const listed = await listInstallations(ownerActor, { customerId: "all", q: "storgatan", pageSize: 100 });
    expect(group.memberCount).toBe(6);
    expect((await getGroupInstallationIds(ownerActor, group.id)).sort()).toEqual(listed.items.map((i) => i.id).sort());
    // The list filtered by the group shows the same installations.
    const filtered = await listInstallations(ownerActor, { customerId: "all", groupId: group.id, pageSize: 100 });
    expect(filtered.total).toBe(6);
    // Someone else's group filters to nothing.
    expect((await listInstallations(otherActor, { customerId: "all", groupId: group.id })).total).toBe(0);
    // A search for another customer's installations is refused, not emptied.
    expect(await appFailure(createGroup(otherActor, { name: "Kyla", selection: { search: { customerId: companyB.id } } }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("access to groups", () => {
  it("shows only the members the user can still see after access to some was revoked", async () => {
    const user = await createUser(db, {
      memberships: [
        { customerId: companyA.id, role: "FULL" },
        { customerId: companyB.id, role: "FULL" },
      ],
    });
    const before = await customerActorOf(user);
    const group = await createGroup(before, { name: "Blandat", selection: { installationIds: [a[4]!.id, b[1]!.id, b[2]!.id] } });
    expect(group.memberCount).toBe(3);

    await db.membership.update({ where: { userId_customerId: { userId: user.id, customerId: companyB.id } }, data: { revokedAt: new Date() } });
    const after = await customerActorOf(user);
    expect(await getGroupInstallationIds(after, group.id)).toEqual([a[4]!.id]);
    expect((await listGroups(after)).find((g) => g.id === group.id)?.memberCount).toBe(1);
    expect((await listInstallations(after, { customerId: "all", groupId: group.id })).items.map((i) => i.id)).toEqual([a[4]!.id]);
    // The stored membership stays (access may come back), but is never shown.
    expect(await db.installationGroupMember.count({ where: { groupId: group.id } })).toBe(3);
    // Nor can the revoked installations be added again.
    expect(await appFailure(updateGroup(after, group.id, { add: { installationIds: [b[0]!.id] } }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses another user's group for reading, changing and deleting with NOT_FOUND", async () => {
    const mine = await createGroup(ownerActor, { name: "Min egen", selection: { installationIds: [a[0]!.id, a[1]!.id] } });
    expect(await appFailure(getGroupInstallationIds(otherActor, mine.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(updateGroup(otherActor, mine.id, { name: "Kapad" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(updateGroup(otherActor, mine.id, { remove: { installationIds: [a[0]!.id] } }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(deleteGroup(otherActor, mine.id))).toMatchObject({ code: "NOT_FOUND" });
    expect((await listGroups(otherActor)).map((g) => g.id)).not.toContain(mine.id);
    expect(await getGroupInstallationIds(ownerActor, mine.id)).toHaveLength(2);
    expect(await appFailure(getGroupInstallationIds(ownerActor, "00000000-0000-4000-8000-000000000000"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(deleteGroup(ownerActor, "nonsense"))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("renames, adds and removes members of the user's own group, and deletes it", async () => {
    const group = await createGroup(ownerActor, { name: "Att ändra", selection: { installationIds: [a[0]!.id] } });
    expect(await updateGroup(ownerActor, group.id, { name: "Ändrad", add: { installationIds: [a[1]!.id, a[0]!.id, b[0]!.id] } })).toMatchObject({ name: "Ändrad", memberCount: 3 });
    expect(await updateGroup(ownerActor, group.id, { remove: { installationIds: [a[0]!.id, "junk"] } })).toMatchObject({ memberCount: 2 });
    expect(await updateGroup(ownerActor, group.id, { add: { installationIds: [a[2]!.id, a[3]!.id] } })).toMatchObject({ memberCount: 4 });
    // Everything a search matches within the group: Kylvägen 1 goes, the Storgatan ones stay.
    expect(await updateGroup(ownerActor, group.id, { remove: { search: { customerId: "all", q: "Kylvägen", groupId: group.id } } })).toMatchObject({ memberCount: 3 });
    expect(await appFailure(updateGroup(ownerActor, group.id, { remove: { installationIds: [] } }))).toMatchObject({ code: "VALIDATION" });
    expect(await appFailure(updateGroup(ownerActor, group.id, { name: "Min egen" }))).toMatchObject({ code: "CONFLICT" });
    expect(await updateGroup(ownerActor, group.id, { name: "ändrad" })).toMatchObject({ name: "ändrad" });
    await deleteGroup(ownerActor, group.id);
    expect(await appFailure(getGroupInstallationIds(ownerActor, group.id))).toMatchObject({ code: "NOT_FOUND" });
    // The installations themselves remain.
    expect(await db.installation.count({ where: { id: { in: [a[0]!.id, a[1]!.id] } } })).toBe(2);
  });
});

describe("large groups", () => {
  it("creates a 500-installation group from a search in one go, with a constant number of statements", async () => {
    await db.installation.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        customerId: big.id,
        type: "DISTRICT_HEATING" as const,
        meteringPointId: `7359990${String(900000000 + i).padStart(10, "0")}`,
        street: `Långgatan ${i + 1}`,
        postalCode: "931 30",
        city: "Sjöbotten",
        priceArea: "SE1",
        timeZone: "Europe/Stockholm",
        meterNumber: `L-${i}`,
        startDate: new Date("2010-01-01"),
      })),
    });
    const admin = await customerActorOf(await createUser(db, { memberships: [{ customerId: big.id, role: "ADMINISTRATOR" }] }));

    const small = await countStatements(() => createGroup(admin, { name: "Två", selection: { search: { customerId: big.id, q: "Långgatan 10" } } }));
    expect(small.result.memberCount).toBeGreaterThanOrEqual(2);
    const started = performance.now();
    const { result: group, statements: used } = await countStatements(() =>
      createGroup(admin, { name: "Alla på Långgatan", selection: { search: { customerId: big.id, q: "Långgatan" } } }),
    );
    const elapsed = performance.now() - started;
    expect(used).toBe(small.statements);
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(8);
    expect(group.memberCount).toBe(500);
    expect(await db.installationGroupMember.count({ where: { groupId: group.id } })).toBe(500);
    expect((await listGroups(admin)).find((g) => g.id === group.id)).toMatchObject({ name: "Alla på Långgatan", memberCount: 500 });
    expect(await getGroupInstallationIds(admin, group.id)).toHaveLength(500);
    expect(elapsed).toBeLessThan(5_000);

    // The same 500 picked one by one: the access check is one query, not 500.
    const ids = await getGroupInstallationIds(admin, group.id);
    const picked = await countStatements(() => createGroup(admin, { name: "Handplockade", selection: { installationIds: ids } }));
    const second = picked.result;
    expect(second.memberCount).toBe(500);
    expect(picked.statements).toBe(used);
    const page = await listInstallations(admin, { customerId: "all", groupId: second.id });
    expect(page.total).toBe(500);
  });
});
