import { beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/fixtures/factories";
import { loadActor } from "@/server/auth/load-actor";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers } from "../../../tests/support/access";
import { changeMemberRole } from "./change-member-role";
import { listAccessLog } from "./list-access-log";
import { listCustomerAccess } from "./list-customer-access";
import { listMyCustomers } from "./list-my-customers";
import { removeMember } from "./remove-member";

const db = getTestDb();
beforeEach(async () => resetDatabase());

const membershipOf = (userId: string, customerId: string) => db.membership.findUniqueOrThrow({ where: { userId_customerId: { userId, customerId } } });

describe("the customer's access overview", () => {
  it("lists users, levels and installations for administrators only", async () => {
    const c = await companyWithUsers(db, 3);
    const restricted = await createUser(db, { name: "Rut Restricted", memberships: [{ customerId: c.customer.id, role: "READ", installationIds: [c.installations[1]!.id] }] });
    const overview = await listCustomerAccess(await customerActorOf(c.admin), c.customer.id);
    expect(overview.customer).toMatchObject({ id: c.customer.id, installationCount: 3 });
    expect(overview.members.map((m) => [m.name, m.role, m.installationCount, m.isSelf])).toEqual([
      ["Ada Admin", "ADMINISTRATOR", null, true],
      ["Fia Full", "FULL", null, false],
      ["Leo Läs", "READ", null, false],
      [restricted.name, "READ", 1, false],
    ]);
    expect(overview.administratorCount).toBe(1);
    for (const user of [c.full, c.read]) {
      expect((await appFailure(listCustomerAccess(await customerActorOf(user), c.customer.id))).code).toBe("FORBIDDEN");
      expect((await appFailure(listAccessLog(await customerActorOf(user), c.customer.id))).code).toBe("FORBIDDEN");
    }
  });

  it("lists the user's own customers with level and installation counts", async () => {
    const a = await companyWithUsers(db, 3);
    const b = await companyWithUsers(db, 2);
    await db.membership.create({ data: { userId: a.read.id, customerId: b.customer.id, role: "FULL", allInstallations: false, installations: { create: [{ installationId: b.installations[0]!.id }] } } });
    const mine = await listMyCustomers(await customerActorOf(a.read));
    expect(mine.map((m) => [m.customerId, m.role, m.installationCount, m.allInstallations, m.viaCompany]).sort()).toEqual(
      [
        [a.customer.id, "READ", 3, true, null],
        [b.customer.id, "FULL", 1, false, null],
      ].sort(),
    );
  });
});

describe("changing a level", () => {
  it("lets an administrator change another user's level, logged with before and after", async () => {
    const c = await companyWithUsers(db);
    const m = await membershipOf(c.read.id, c.customer.id);
    expect(await changeMemberRole(await customerActorOf(c.admin), { membershipId: m.id, role: "FULL" })).toEqual({ changed: true });
    expect((await membershipOf(c.read.id, c.customer.id)).role).toBe("FULL");
    // Takes effect on the user's next request.
    expect((await customerActorOf(c.read)).customers[0]?.role).toBe("FULL");
    const log = await listAccessLog(await customerActorOf(c.admin), c.customer.id);
    expect(log[0]).toMatchObject({ action: "access.roleChanged", actor: { kind: "user", email: c.admin.email }, details: { email: c.read.email, from: "READ", to: "FULL" } });
    expect(await changeMemberRole(await customerActorOf(c.admin), { membershipId: m.id, role: "FULL" })).toEqual({ changed: false });
  });

  it("never lets anyone raise their own level", async () => {
    const c = await companyWithUsers(db);
    // Full and Read users may not manage users at all, so not themselves either.
    for (const user of [c.full, c.read]) {
      const own = await membershipOf(user.id, c.customer.id);
      expect((await appFailure(changeMemberRole(await customerActorOf(user), { membershipId: own.id, role: "ADMINISTRATOR" }))).code).toBe("FORBIDDEN");
      expect((await membershipOf(user.id, c.customer.id)).role).toBe(own.role);
    }
    // An administrator of another customer who is Read here cannot raise themselves here.
    const other = await companyWithUsers(db);
    await db.membership.create({ data: { userId: other.admin.id, customerId: c.customer.id, role: "READ" } });
    const own = await membershipOf(other.admin.id, c.customer.id);
    expect((await appFailure(changeMemberRole(await customerActorOf(other.admin), { membershipId: own.id, role: "ADMINISTRATOR" }))).code).toBe("NOT_FOUND");
    expect((await membershipOf(other.admin.id, c.customer.id)).role).toBe("READ");
  });

  it("refuses a self-raise even where the caller manages users (a second administrator demoted and raising back is refused too)", async () => {
    const c = await companyWithUsers(db);
    const second = await createUser(db, { memberships: [{ customerId: c.customer.id, role: "ADMINISTRATOR" }] });
    const own = await membershipOf(second.id, c.customer.id);
    // The second administrator lowers themselves to Full (allowed: another administrator remains)…
    await changeMemberRole(await customerActorOf(second), { membershipId: own.id, role: "FULL" });
    // …and can no longer manage users, so not raise themselves back.
    expect((await appFailure(changeMemberRole(await customerActorOf(second), { membershipId: own.id, role: "ADMINISTRATOR" }))).code).toBe("FORBIDDEN");
  });

  it("keeps the last administrator", async () => {
    const c = await companyWithUsers(db);
    const own = await membershipOf(c.admin.id, c.customer.id);
    const actor = await customerActorOf(c.admin);
    expect(await appFailure(changeMemberRole(actor, { membershipId: own.id, role: "FULL" }))).toMatchObject({ code: "CONFLICT", message: "access.errors.lastAdministrator" });
    expect(await appFailure(removeMember(actor, { membershipId: own.id }))).toMatchObject({ code: "CONFLICT", message: "access.errors.lastAdministrator" });
    expect(await membershipOf(c.admin.id, c.customer.id)).toMatchObject({ role: "ADMINISTRATOR", revokedAt: null });
    // With a second administrator the first may step down.
    const fullMembership = await membershipOf(c.full.id, c.customer.id);
    await changeMemberRole(actor, { membershipId: fullMembership.id, role: "ADMINISTRATOR" });
    await changeMemberRole(actor, { membershipId: own.id, role: "READ" });
    expect((await membershipOf(c.admin.id, c.customer.id)).role).toBe("READ");
  });

  it("does not reach another customer's users", async () => {
    const c = await companyWithUsers(db);
    const other = await companyWithUsers(db);
    const foreign = await membershipOf(other.read.id, other.customer.id);
    expect((await appFailure(changeMemberRole(await customerActorOf(c.admin), { membershipId: foreign.id, role: "ADMINISTRATOR" }))).code).toBe("NOT_FOUND");
    expect((await appFailure(removeMember(await customerActorOf(c.admin), { membershipId: foreign.id }))).code).toBe("NOT_FOUND");
  });
});

describe("removing access", () => {
  it("takes effect on the user's next request", async () => {
    const c = await companyWithUsers(db);
    const session = { kind: "customer" as const, id: c.full.id, sessionVersion: c.full.sessionVersion };
    const before = await loadActor(session);
    expect(before?.kind === "customer" && before.customers.map((x) => x.customerId)).toEqual([c.customer.id]);

    const m = await membershipOf(c.full.id, c.customer.id);
    await removeMember(await customerActorOf(c.admin), { membershipId: m.id });
    const after = await loadActor(session);
    expect(after?.kind === "customer" && after.customers).toEqual([]);
    // The row stays, revoked, and the log says who removed whom.
    expect((await membershipOf(c.full.id, c.customer.id)).revokedAt).toBeInstanceOf(Date);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.memberRemoved" } });
    expect(audit).toMatchObject({ actorUserId: c.admin.id, targetId: c.full.id, customerId: c.customer.id, details: { role: "FULL" } });
    // Removing again finds nothing.
    expect((await appFailure(removeMember(await customerActorOf(c.admin), { membershipId: m.id }))).code).toBe("NOT_FOUND");
  });

  it("is refused for Full and Read users", async () => {
    const c = await companyWithUsers(db);
    const target = await membershipOf(c.admin.id, c.customer.id);
    for (const user of [c.full, c.read]) expect((await appFailure(removeMember(await customerActorOf(user), { membershipId: target.id }))).code).toBe("FORBIDDEN");
    expect((await membershipOf(c.admin.id, c.customer.id)).revokedAt).toBeNull();
  });

  it("stops an administrator whose access was removed from managing anything on the next request", async () => {
    const c = await companyWithUsers(db);
    const second = await createUser(db, { memberships: [{ customerId: c.customer.id, role: "ADMINISTRATOR" }] });
    const staleActor = await customerActorOf(second);
    await removeMember(await customerActorOf(c.admin), { membershipId: (await membershipOf(second.id, c.customer.id)).id });
    // Even an actor read before the removal is refused by the database check.
    const target = await membershipOf(c.read.id, c.customer.id);
    expect((await appFailure(changeMemberRole(staleActor, { membershipId: target.id, role: "ADMINISTRATOR" }))).code).toBe("NOT_FOUND");
    expect((await membershipOf(c.read.id, c.customer.id)).role).toBe("READ");
  });
});
