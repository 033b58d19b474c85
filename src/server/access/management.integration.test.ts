import { describe, expect, it } from "vitest";
import { createCustomer, createManagementCompany, createManagementGrant, createUser, uniqueEmail, validSwedishOrgNumber } from "@/fixtures/factories";
import { listInstallations } from "@/server/installations/list-installations";
import { loadActor } from "@/server/auth/load-actor";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers, invitationTokenIn, lastMailTo } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { acceptInvitation } from "./accept-invitation";
import { getInvitation } from "./get-invitation";
import { getManagementOverview } from "./get-management-overview";
import { grantManagerAccess } from "./grant-manager-access";
import { inviteManagementCompany } from "./invite-management-company";
import { inviteManager } from "./invite-manager";
import { listCustomerAccess } from "./list-customer-access";
import { listMyCustomers } from "./list-my-customers";
import { registerManagementClient } from "./register-management-client";
import { removeManager } from "./remove-manager";
import { revokeInvitation } from "./revoke-invitation";
import { revokeManagementGrant } from "./revoke-management-grant";
import { revokeManagerAccess } from "./revoke-manager-access";

const db = getTestDb();
const sink = freshDatabaseAndInbox();
let orgSeed = 0;

const newOrgNumber = () => validSwedishOrgNumber(880_000 + ++orgSeed, "556");
const sessionOf = (user: { id: string; sessionVersion: number }) => ({ kind: "customer" as const, id: user.id, sessionVersion: user.sessionVersion });

/**
 * The whole flow as the seed describes it: a customer's administrator invites a company by its
 * organisation number and name for some installations; the invited administrator accepts, which
 * registers the company under that name; its administrator invites a manager and gives them two
 * installations.
 */
async function managedCustomer(options: { grantInstallations?: number } = {}) {
  const c = await companyWithUsers(db, 5);
  const organisationNumber = newOrgNumber();
  const contact = uniqueEmail("kontakt");
  const granted = c.installations.slice(0, options.grantInstallations ?? 3).map((i) => i.id);
  await inviteManagementCompany(await customerActorOf(c.admin), {
    customerId: c.customer.id,
    organisationNumber: `${organisationNumber.slice(0, 6)}-${organisationNumber.slice(6)}`,
    companyName: "Förvaltning Test AB",
    email: contact,
    scope: "selected",
    installationIds: granted,
  });
  const companyToken = invitationTokenIn(lastMailTo(sink.messages, contact));
  const accepted = await acceptInvitation(companyToken, { kind: "newAccount", name: "Klara Kontakt", password: "ett-bra-losenord" });
  const companyAdmin = await db.user.findUniqueOrThrow({ where: { id: accepted.userId } });
  const company = await db.managementCompany.findUniqueOrThrow({ where: { organisationNumber } });
  const grant = await db.managementGrant.findUniqueOrThrow({ where: { managementCompanyId_customerId: { managementCompanyId: company.id, customerId: c.customer.id } } });
  return { ...c, organisationNumber, contact, companyToken, companyAdmin, company, grant, granted };
}

async function withManager(m: Awaited<ReturnType<typeof managedCustomer>>) {
  const email = uniqueEmail("forvaltare");
  await inviteManager(await customerActorOf(m.companyAdmin), { managementCompanyId: m.company.id, email });
  const accepted = await acceptInvitation(invitationTokenIn(lastMailTo(sink.messages, email)), { kind: "newAccount", name: "Måns Manager", password: "ett-bra-losenord" });
  const manager = await db.user.findUniqueOrThrow({ where: { id: accepted.userId } });
  const member = await db.managementCompanyMember.findUniqueOrThrow({ where: { managementCompanyId_userId: { managementCompanyId: m.company.id, userId: manager.id } } });
  return { manager, member, email };
}

describe("a customer invites a property management company", () => {
  it("creates a pending grant for the chosen installations and mails the company's administrator, naming the company", async () => {
    const c = await companyWithUsers(db, 4);
    const organisationNumber = newOrgNumber();
    const email = uniqueEmail("kontakt");
    const { grantId } = await inviteManagementCompany(await customerActorOf(c.admin), {
      customerId: c.customer.id,
      organisationNumber,
      companyName: "Förvaltning Nyborg AB",
      email,
      scope: "selected",
      installationIds: [c.installations[0]!.id, c.installations[1]!.id],
    });
    const grant = await db.managementGrant.findUniqueOrThrow({ where: { id: grantId }, include: { installations: true, managementCompany: true } });
    expect(grant).toMatchObject({ status: "PENDING", allInstallations: false, grantedByUserId: c.admin.id, customerId: c.customer.id });
    expect(grant.installations).toHaveLength(2);
    expect(grant.managementCompany.organisationNumber).toBe(organisationNumber);
    const mail = lastMailTo(sink.messages, email)!;
    expect(mail.subject).toBe(`${c.customer.name} bjuder in ert förvaltningsbolag till Mina sidor`);
    expect(mail.text).toContain(`förvaltningsbolaget Förvaltning Nyborg AB med organisationsnummer ${organisationNumber.slice(0, 6)}-${organisationNumber.slice(6)}`);
    // The customer's page lists it by the name it was invited under, with the invited address.
    const overview = await listCustomerAccess(await customerActorOf(c.admin), c.customer.id);
    expect(overview.grants).toEqual([
      expect.objectContaining({ status: "PENDING", companyName: "Förvaltning Nyborg AB", registered: false, installationCount: 2, adminEmails: [email], grantedBy: "Ada Admin" }),
    ]);
    expect(await getInvitation(invitationTokenIn(mail), null)).toMatchObject({ state: "valid", kind: "MANAGEMENT_COMPANY", company: { registered: false, name: "Förvaltning Nyborg AB" } });
  });

  it("refuses a personal identity number and Full or Read users", async () => {
    const c = await companyWithUsers(db);
    const admin = await customerActorOf(c.admin);
    const personal = await appFailure(inviteManagementCompany(admin, { customerId: c.customer.id, organisationNumber: "19780512-0545", companyName: "X AB", email: uniqueEmail() }));
    expect(personal).toMatchObject({ code: "VALIDATION", fieldErrors: { organisationNumber: ["access.errors.notOrganisationNumber"] } });
    // The invitation must name the company.
    const unnamed = await appFailure(inviteManagementCompany(admin, { customerId: c.customer.id, organisationNumber: newOrgNumber(), companyName: "  ", email: uniqueEmail() }));
    expect(unnamed).toMatchObject({ code: "VALIDATION", fieldErrors: { companyName: ["validation.required"] } });
    for (const user of [c.full, c.read]) {
      const refused = await appFailure(inviteManagementCompany(await customerActorOf(user), { customerId: c.customer.id, organisationNumber: newOrgNumber(), companyName: "X AB", email: uniqueEmail() }));
      expect(refused.code).toBe("FORBIDDEN");
    }
    expect(await db.managementGrant.count()).toBe(0);
    expect(sink.messages).toHaveLength(0);
  });

  it("is accepted by the invited address: the company is registered under the invitation's name and the acceptor becomes its administrator", async () => {
    const m = await managedCustomer();
    expect(m.company.name).toBe("Förvaltning Test AB");
    expect(m.grant).toMatchObject({ status: "ACTIVE", allInstallations: false, proof: "INVITATION", grantedByUserId: m.admin.id });
    const admin = await customerActorOf(m.companyAdmin);
    expect(admin.managementCompanies).toEqual([{ managementCompanyId: m.company.id, companyName: "Förvaltning Test AB", role: "ADMINISTRATOR" }]);
    // The company's people get no customer by joining; the customer sees the company's name now.
    expect(admin.customers).toEqual([]);
    const overview = await listCustomerAccess(await customerActorOf(m.admin), m.customer.id);
    expect(overview.grants).toEqual([
      expect.objectContaining({ status: "ACTIVE", companyName: "Förvaltning Test AB", registered: true, grantedBy: "Ada Admin", installationCount: 3, adminEmails: [m.contact], proof: "INVITATION" }),
    ]);
    const actions = (await db.auditLog.findMany({ where: { customerId: m.customer.id }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["access.managementCompanyInvited", "access.managementCompanyRegistered", "access.invitationAccepted"]);
  });

  it("registers a new company under the invitation's name (the acceptor cannot choose one), and needs an administrator once it is registered", async () => {
    const c = await companyWithUsers(db);
    const organisationNumber = newOrgNumber();
    const email = uniqueEmail("kontakt");
    await inviteManagementCompany(await customerActorOf(c.admin), { customerId: c.customer.id, organisationNumber, companyName: "Bolaget AB", email });
    const token = invitationTokenIn(lastMailTo(sink.messages, email));
    // Whatever the acceptor sends along, the company gets the invitation's name.
    await acceptInvitation(token, { kind: "newAccount", name: "K", password: "ett-bra-losenord" }, { companyName: "Något Annat AB" } as never);
    expect(await db.managementCompany.findUniqueOrThrow({ where: { organisationNumber } })).toMatchObject({ name: "Bolaget AB" });

    // Another customer invites the same (now registered) company; a non-administrator cannot accept.
    const second = await companyWithUsers(db);
    const outsider = await createUser(db);
    await inviteManagementCompany(await customerActorOf(second.admin), { customerId: second.customer.id, organisationNumber, companyName: "Helt Annat Namn AB", email: outsider.email! });
    const secondToken = invitationTokenIn(lastMailTo(sink.messages, outsider.email!));
    // A registered company keeps its own name.
    expect(await getInvitation(secondToken, null)).toMatchObject({ company: { registered: true, name: "Bolaget AB" } });
    expect(await appFailure(acceptInvitation(secondToken, { kind: "actor", actor: await customerActorOf(outsider) }))).toMatchObject({
      code: "FORBIDDEN",
      message: "access.errors.notCompanyAdministrator",
    });
    // Its administrator accepts it (signed in; the invitation was for their address).
    const companyAdmin = await db.user.findUniqueOrThrow({ where: { email } });
    await inviteManagementCompany(await customerActorOf(second.admin), { customerId: second.customer.id, organisationNumber, companyName: "Bolaget AB", email });
    await acceptInvitation(invitationTokenIn(lastMailTo(sink.messages, email)), { kind: "actor", actor: await customerActorOf(companyAdmin) });
    expect((await getManagementOverview(await customerActorOf(companyAdmin)))[0]?.clients.map((x) => x.customerId).sort()).toEqual([c.customer.id, second.customer.id].sort());
    expect(await db.managementCompany.findUniqueOrThrow({ where: { organisationNumber } })).toMatchObject({ name: "Bolaget AB" });
  });

  it("refuses an invitation from before invitations named the company, creating nothing", async () => {
    const c = await companyWithUsers(db);
    const email = uniqueEmail("kontakt");
    await inviteManagementCompany(await customerActorOf(c.admin), { customerId: c.customer.id, organisationNumber: newOrgNumber(), companyName: "Namnet AB", email });
    await db.invitation.updateMany({ where: { email }, data: { companyName: null } });
    const refused = await appFailure(acceptInvitation(invitationTokenIn(lastMailTo(sink.messages, email)), { kind: "newAccount", name: "K", password: "ett-bra-losenord" }));
    expect(refused).toMatchObject({ code: "CONFLICT", message: "access.errors.invitationOutdated" });
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.managementCompanyMember.count()).toBe(0);
  });

  it("revoking a pending invitation ends the pending grant", async () => {
    const c = await companyWithUsers(db);
    const email = uniqueEmail();
    await inviteManagementCompany(await customerActorOf(c.admin), { customerId: c.customer.id, organisationNumber: newOrgNumber(), companyName: "X AB", email });
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    await revokeInvitation(await customerActorOf(c.admin), { invitationId: invitation.id });
    expect(await db.managementGrant.findFirstOrThrow()).toMatchObject({ status: "REVOKED" });
    expect(await appFailure(acceptInvitation(invitationTokenIn(lastMailTo(sink.messages, email)), { kind: "newAccount", name: "K", password: "ett-bra-losenord" }))).toMatchObject({
      message: "access.errors.invitationRevoked",
    });
  });
});

describe("the management company's administrator", () => {
  it("invites a manager and grants two installations: the manager sees exactly those", async () => {
    const m = await managedCustomer({ grantInstallations: 3 });
    const { manager, member } = await withManager(m);
    expect((await customerActorOf(manager)).managementCompanies).toEqual([expect.objectContaining({ role: "MANAGER" })]);
    expect((await listInstallations(await customerActorOf(manager))).total).toBe(0);

    const two = m.granted.slice(0, 2);
    await grantManagerAccess(await customerActorOf(m.companyAdmin), {
      managementCompanyId: m.company.id,
      grantId: m.grant.id,
      memberId: member.id,
      role: "READ",
      scope: "selected",
      installationIds: two,
    });
    const actor = await customerActorOf(manager);
    const list = await listInstallations(actor, { customerId: "all" });
    expect(list.items.map((i) => i.id).sort()).toEqual([...two].sort());
    expect(actor.customers[0]).toMatchObject({ customerId: m.customer.id, role: "READ" });
    expect((await listMyCustomers(actor))[0]).toMatchObject({ viaCompany: "Förvaltning Test AB", installationCount: 2 });

    // The customer sees the manager, marked as coming through the company, and the log entry.
    const overview = await listCustomerAccess(await customerActorOf(m.admin), m.customer.id);
    expect(overview.members.find((x) => x.userId === manager.id)).toMatchObject({ viaCompany: "Förvaltning Test AB", role: "READ", installationCount: 2 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.managerAccessGranted" } });
    expect(audit).toMatchObject({ customerId: m.customer.id, targetId: manager.id, details: { role: "READ", installations: 2 } });
  });

  it("never grants more than the customer gave the company", async () => {
    const m = await managedCustomer({ grantInstallations: 3 });
    const { manager, member } = await withManager(m);
    const notGranted = m.installations[4]!.id;
    const refused = await appFailure(
      grantManagerAccess(await customerActorOf(m.companyAdmin), {
        managementCompanyId: m.company.id,
        grantId: m.grant.id,
        memberId: member.id,
        role: "FULL",
        scope: "selected",
        installationIds: [m.granted[0]!, notGranted],
      }),
    );
    expect(refused).toMatchObject({ code: "VALIDATION", fieldErrors: { installationIds: ["access.errors.outsideGrant"] } });
    // "All" means all the grant allows: the three granted, not the customer's five.
    await grantManagerAccess(await customerActorOf(m.companyAdmin), { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL", scope: "all" });
    const list = await listInstallations(await customerActorOf(manager));
    expect(list.items.map((i) => i.id).sort()).toEqual([...m.granted].sort());
    // The administrator level is never the company's to hand out.
    const admin = await appFailure(
      grantManagerAccess(await customerActorOf(m.companyAdmin), {
        managementCompanyId: m.company.id,
        grantId: m.grant.id,
        memberId: member.id,
        role: "ADMINISTRATOR" as "FULL",
      }),
    );
    expect(admin.code).toBe("VALIDATION");
  });

  it("is the only one in the company who may invite or grant", async () => {
    const m = await managedCustomer();
    const { manager, member } = await withManager(m);
    const asManager = await customerActorOf(manager);
    expect((await appFailure(inviteManager(asManager, { managementCompanyId: m.company.id, email: uniqueEmail() }))).code).toBe("FORBIDDEN");
    expect(
      (await appFailure(grantManagerAccess(asManager, { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await appFailure(registerManagementClient(asManager, { managementCompanyId: m.company.id, customerNumber: m.customer.customerNumber, nationalId: m.customer.nationalId, checkCode: m.customer.checkCode }))).code,
    ).toBe("FORBIDDEN");
    // And another company's administrator reaches nothing of this company.
    const other = await managedCustomer();
    const asOther = await customerActorOf(other.companyAdmin);
    expect(
      (await appFailure(grantManagerAccess(asOther, { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL" }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await appFailure(grantManagerAccess(asOther, { managementCompanyId: other.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL" }))).code,
    ).toBe("NOT_FOUND");
  });

  it("removes a manager's access to a client, or the manager from the company", async () => {
    const m = await managedCustomer();
    const { manager, member } = await withManager(m);
    const asAdmin = await customerActorOf(m.companyAdmin);
    const { membershipId } = await grantManagerAccess(asAdmin, { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL" });
    await revokeManagerAccess(asAdmin, { membershipId });
    expect((await customerActorOf(manager)).customers).toEqual([]);

    await grantManagerAccess(asAdmin, { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL" });
    expect((await customerActorOf(manager)).customers).toHaveLength(1);
    await removeManager(asAdmin, { memberId: member.id });
    const after = await customerActorOf(manager);
    expect(after.customers).toEqual([]);
    expect(after.managementCompanies).toEqual([]);
    // The company keeps its last administrator.
    const own = await db.managementCompanyMember.findFirstOrThrow({ where: { userId: m.companyAdmin.id } });
    expect(await appFailure(removeManager(asAdmin, { memberId: own.id }))).toMatchObject({ message: "access.errors.lastCompanyAdministrator" });
  });

  it("revoking a manager invitation is for the company's administrator", async () => {
    const m = await managedCustomer();
    const email = uniqueEmail();
    const { invitationId } = await inviteManager(await customerActorOf(m.companyAdmin), { managementCompanyId: m.company.id, email });
    expect((await appFailure(revokeInvitation(await customerActorOf(m.admin), { invitationId }))).code).toBe("NOT_FOUND");
    await revokeInvitation(await customerActorOf(m.companyAdmin), { invitationId });
    expect(await getInvitation(invitationTokenIn(lastMailTo(sink.messages, email)), null)).toEqual({ state: "revoked" });
  });
});

describe("a customer ends a management company's access", () => {
  it("stops every manager's access through it on their next request", async () => {
    const m = await managedCustomer();
    const { manager, member } = await withManager(m);
    const asCompanyAdmin = await customerActorOf(m.companyAdmin);
    await grantManagerAccess(asCompanyAdmin, { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: member.id, role: "FULL" });
    // The company's administrator also gives themselves access.
    const self = await db.managementCompanyMember.findFirstOrThrow({ where: { userId: m.companyAdmin.id } });
    await grantManagerAccess(asCompanyAdmin, { managementCompanyId: m.company.id, grantId: m.grant.id, memberId: self.id, role: "READ" });
    expect(((await loadActor(sessionOf(manager))) as { customers: unknown[] }).customers).toHaveLength(1);

    // Refused for Full and Read users of the customer.
    for (const user of [m.full, m.read]) expect((await appFailure(revokeManagementGrant(await customerActorOf(user), { grantId: m.grant.id }))).code).toBe("FORBIDDEN");

    expect(await revokeManagementGrant(await customerActorOf(m.admin), { grantId: m.grant.id })).toEqual({ membershipsEnded: 2, wasStatus: "ACTIVE" });
    for (const user of [manager, m.companyAdmin]) {
      const actor = await loadActor(sessionOf(user));
      expect(actor?.kind === "customer" && actor.customers).toEqual([]);
    }
    expect((await listCustomerAccess(await customerActorOf(m.admin), m.customer.id)).grants).toEqual([]);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "access.managementGrantRevoked" } })).toMatchObject({ customerId: m.customer.id, details: { membershipsEnded: 2 } });
  });

  it("cuts access through a grant that is no longer active even if memberships were left behind", async () => {
    const customer = await createCustomer(db, { kind: "COMPANY" });
    const user = await createUser(db);
    const company = await createManagementCompany(db, { members: [{ userId: user.id, role: "MANAGER" }] });
    const grant = await createManagementGrant(db, { managementCompanyId: company.id, customerId: customer.id });
    await db.membership.create({ data: { userId: user.id, customerId: customer.id, role: "FULL", managementGrantId: grant.id } });
    expect((await customerActorOf(user)).customers).toHaveLength(1);
    await db.managementGrant.update({ where: { id: grant.id }, data: { status: "REVOKED" } });
    expect((await customerActorOf(user)).customers).toEqual([]);
    await db.managementGrant.update({ where: { id: grant.id }, data: { status: "ACTIVE" } });
    await db.managementCompanyMember.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    expect((await customerActorOf(user)).customers).toEqual([]);
  });
});

