// A Read user cannot perform a single write, whatever they call, and a Full user cannot manage
// access: every write behind the Behörighet and Förvaltning pages, called directly.
import { describe, expect, it } from "vitest";
import { createManagementCompany, createManagementGrant, createUser, uniqueEmail } from "@/fixtures/factories";
import type { CustomerActor } from "@/server/access/actor";
import { updateCustomerDetails } from "@/server/customers/update-customer-details";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers, type CompanyWithUsers } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { changeMemberRole } from "./change-member-role";
import { grantManagerAccess } from "./grant-manager-access";
import { inviteManagementCompany } from "./invite-management-company";
import { inviteManager } from "./invite-manager";
import { inviteUser } from "./invite-user";
import { registerManagementClient } from "./register-management-client";
import { removeManager } from "./remove-manager";
import { removeMember } from "./remove-member";
import { revokeInvitation } from "./revoke-invitation";
import { revokeManagementGrant } from "./revoke-management-grant";
import { revokeManagerAccess } from "./revoke-manager-access";
import { listCustomerAccess } from "./list-customer-access";

const db = getTestDb();
const sink = freshDatabaseAndInbox();

/** Everything a write could touch, to compare before and after. */
async function snapshot() {
  const [memberships, invitations, grants, members, audit, customers] = await Promise.all([
    db.membership.findMany({ orderBy: { id: "asc" }, include: { installations: true } }),
    db.invitation.findMany({ orderBy: { id: "asc" } }),
    db.managementGrant.findMany({ orderBy: { id: "asc" } }),
    db.managementCompanyMember.findMany({ orderBy: { id: "asc" } }),
    db.auditLog.count(),
    db.customer.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ memberships, invitations, grants, members, audit, customers });
}

/** A customer with users, a pending user invitation, and an active management company grant with a manager. */
async function world() {
  const c = await companyWithUsers(db, 3);
  const admin = await customerActorOf(c.admin);
  const { invitationId } = await inviteUser(admin, { customerId: c.customer.id, email: uniqueEmail(), role: "READ" });
  const companyAdmin = await createUser(db);
  const manager = await createUser(db);
  const company = await createManagementCompany(db, {
    members: [
      { userId: companyAdmin.id, role: "ADMINISTRATOR" },
      { userId: manager.id, role: "MANAGER" },
    ],
  });
  const grant = await createManagementGrant(db, { managementCompanyId: company.id, customerId: c.customer.id, grantedByUserId: c.admin.id });
  const managerMembership = await db.membership.create({ data: { userId: manager.id, customerId: c.customer.id, role: "FULL", managementGrantId: grant.id } });
  const managerMember = await db.managementCompanyMember.findFirstOrThrow({ where: { userId: manager.id } });
  return { c, invitationId, company, grant, managerMembership, managerMember };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every access-management write, as the given user, aimed at the world's customer and company. */
function writes(w: World, c: CompanyWithUsers) {
  return {
    inviteUser: (a: CustomerActor) => inviteUser(a, { customerId: c.customer.id, email: uniqueEmail(), role: "ADMINISTRATOR" }),
    changeMemberRole: async (a: CustomerActor) => {
      const own = await db.membership.findFirstOrThrow({ where: { userId: a.userId, customerId: c.customer.id } });
      return changeMemberRole(a, { membershipId: own.id, role: "ADMINISTRATOR" });
    },
    changeOthersRole: async (a: CustomerActor) => {
      const admin = await db.membership.findFirstOrThrow({ where: { userId: c.admin.id, customerId: c.customer.id } });
      return changeMemberRole(a, { membershipId: admin.id, role: "READ" });
    },
    removeMember: async (a: CustomerActor) => {
      const admin = await db.membership.findFirstOrThrow({ where: { userId: c.admin.id, customerId: c.customer.id } });
      return removeMember(a, { membershipId: admin.id });
    },
    revokeInvitation: (a: CustomerActor) => revokeInvitation(a, { invitationId: w.invitationId }),
    inviteManagementCompany: (a: CustomerActor) => inviteManagementCompany(a, { customerId: c.customer.id, organisationNumber: "556036-0793", companyName: "Förvaltning Syd AB", email: uniqueEmail() }),
    revokeManagementGrant: (a: CustomerActor) => revokeManagementGrant(a, { grantId: w.grant.id }),
    inviteManager: (a: CustomerActor) => inviteManager(a, { managementCompanyId: w.company.id, email: uniqueEmail() }),
    grantManagerAccess: (a: CustomerActor) =>
      grantManagerAccess(a, { managementCompanyId: w.company.id, grantId: w.grant.id, memberId: w.managerMember.id, role: "FULL", scope: "all" }),
    revokeManagerAccess: (a: CustomerActor) => revokeManagerAccess(a, { membershipId: w.managerMembership.id }),
    removeManager: (a: CustomerActor) => removeManager(a, { memberId: w.managerMember.id }),
    registerManagementClient: (a: CustomerActor) =>
      registerManagementClient(a, { managementCompanyId: w.company.id, customerNumber: c.customer.customerNumber, nationalId: c.customer.nationalId }),
  };
}

describe("a Read user cannot perform a single write", () => {
  const names = ["inviteUser", "changeMemberRole", "changeOthersRole", "removeMember", "revokeInvitation", "inviteManagementCompany", "revokeManagementGrant", "inviteManager", "grantManagerAccess", "revokeManagerAccess", "removeManager", "registerManagementClient"] as const;
  for (const name of names) {
    it(`${name} is refused`, async () => {
      const w = await world();
      const before = await snapshot();
      const mails = sink.messages.length;
      const reader = await customerActorOf(w.c.read);
      const refusal = await appFailure(writes(w, w.c)[name](reader));
      expect(refusal.code).toBe("FORBIDDEN");
      expect(await snapshot()).toBe(before);
      expect(sink.messages).toHaveLength(mails);
    });
  }

  it("updateCustomerDetails is refused", async () => {
    const w = await world();
    const before = await snapshot();
    const refusal = await appFailure(updateCustomerDetails(await customerActorOf(w.c.read), w.c.customer.id, { email: "ny@example.com" } as never));
    expect(refusal.code).toBe("FORBIDDEN");
    expect(await snapshot()).toBe(before);
  });

  it("reading who has access is refused too", async () => {
    const w = await world();
    expect((await appFailure(listCustomerAccess(await customerActorOf(w.c.read), w.c.customer.id))).code).toBe("FORBIDDEN");
  });
});

describe("a Full user cannot manage access", () => {
  for (const name of ["inviteUser", "changeMemberRole", "changeOthersRole", "removeMember", "revokeInvitation", "inviteManagementCompany", "revokeManagementGrant"] as const) {
    it(`${name} is refused`, async () => {
      const w = await world();
      const before = await snapshot();
      const refusal = await appFailure(writes(w, w.c)[name](await customerActorOf(w.c.full)));
      expect(refusal.code).toBe("FORBIDDEN");
      expect(await snapshot()).toBe(before);
    });
  }
});

describe("a manager (not the company's administrator) cannot manage the company", () => {
  for (const name of ["inviteManager", "grantManagerAccess", "revokeManagerAccess", "removeManager", "registerManagementClient", "inviteUser", "revokeManagementGrant"] as const) {
    it(`${name} is refused`, async () => {
      const w = await world();
      const manager = await db.user.findUniqueOrThrow({ where: { id: w.managerMembership.userId } });
      const before = await snapshot();
      const refusal = await appFailure(writes(w, w.c)[name](await customerActorOf(manager)));
      expect(refusal.code).toBe("FORBIDDEN");
      expect(await snapshot()).toBe(before);
    });
  }
});
