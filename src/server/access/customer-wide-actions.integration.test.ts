// Restricted members cannot change customer-level data (issue 10, item 3; docs/access-levels.md
// section 1): every action on the customer as a whole — its contact and invoice details, its users,
// authorised persons and management companies, its check code — called as each kind of access.
// Allowed for the customer's own members of all installations at the right level; refused with
// FORBIDDEN and nothing written for members who see only some installations and for managers
// whose access comes through a management company's grant, at any level.
import { describe, expect, it } from "vitest";
import { formatCheckCode } from "@/domain/access/check-code";
import { may, type Permission, type Role } from "@/domain/access/permissions";
import { createManagementCompany, createManagementGrant, createUser, uniqueEmail, validSwedishOrgNumber, validSwedishPersonnummer } from "@/fixtures/factories";
import type { CustomerActor } from "@/server/access/actor";
import { getCustomerDetails } from "@/server/customers/get-customer-details";
import { updateCustomerDetails } from "@/server/customers/update-customer-details";
import { registerAuthorisedPerson } from "@/server/eleg/register-authorised-person";
import { AppError } from "@/server/errors";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { changeMemberRole } from "./change-member-role";
import { inviteManagementCompany } from "./invite-management-company";
import { inviteUser } from "./invite-user";
import { listAccessLog } from "./list-access-log";
import { listCustomerAccess } from "./list-customer-access";
import { listInstallationChoices } from "./list-installation-choices";
import { removeMember } from "./remove-member";
import { revokeInvitation } from "./revoke-invitation";
import { revokeManagementGrant } from "./revoke-management-grant";

const db = getTestDb();
const sink = freshDatabaseAndInbox();
let seed = 0;

/**
 * A company customer with four installations and, besides one user of each level, the kinds of
 * restricted access: own members who see two installations (Administratör and Fullständig), and
 * managers of a management company (Fullständig, through a grant of all installations or of two).
 * Plus what the actions aim at: an open invitation and the company's active grant (a company's
 * request is made by the actions that answer one).
 */
async function world() {
  const c = await companyWithUsers(db, 4);
  const some = [c.installations[0]!.id, c.installations[1]!.id];
  const restrictedAdmin = await createUser(db, { name: "Rut Begränsad", memberships: [{ customerId: c.customer.id, role: "ADMINISTRATOR", installationIds: some }] });
  const restrictedFull = await createUser(db, { name: "Ruben Begränsad", memberships: [{ customerId: c.customer.id, role: "FULL", installationIds: some }] });
  const managerAll = await createUser(db, { name: "Maja Allt" });
  const managerSome = await createUser(db, { name: "Mats Delvis" });
  const company = await createManagementCompany(db, {
    members: [
      { userId: managerAll.id, role: "MANAGER" },
      { userId: managerSome.id, role: "MANAGER" },
    ],
  });
  const grant = await createManagementGrant(db, { managementCompanyId: company.id, customerId: c.customer.id, grantedByUserId: c.admin.id });
  await db.membership.create({ data: { userId: managerAll.id, customerId: c.customer.id, role: "FULL", managementGrantId: grant.id } });
  await db.membership.create({
    data: { userId: managerSome.id, customerId: c.customer.id, role: "FULL", allInstallations: false, managementGrantId: grant.id, installations: { create: some.map((installationId) => ({ installationId })) } },
  });
  const { invitationId } = await inviteUser(await customerActorOf(c.admin), { customerId: c.customer.id, email: uniqueEmail("inbjuden"), role: "READ" });
  const readMembership = await db.membership.findFirstOrThrow({ where: { userId: c.read.id, customerId: c.customer.id } });
  return { c, restrictedAdmin, restrictedFull, managerAll, managerSome, grant, invitationId, readMembership };
}

/** Another management company's request for the customer, waiting for an answer. */
async function request(w: { c: { customer: { id: string } } }) {
  const requester = await createUser(db);
  const asking = await createManagementCompany(db, { members: [{ userId: requester.id, role: "ADMINISTRATOR" }] });
  return createManagementGrant(db, { managementCompanyId: asking.id, customerId: w.c.customer.id, status: "REQUESTED", requestedByUserId: requester.id });
}
type World = Awaited<ReturnType<typeof world>>;

/** Everything a customer-level action could touch, to compare before and after. */
async function snapshot() {
  const [customers, memberships, invitations, grants, users, audit] = await Promise.all([
    db.customer.findMany({ orderBy: { id: "asc" } }),
    db.membership.findMany({ orderBy: { id: "asc" }, include: { installations: true } }),
    db.invitation.findMany({ orderBy: { id: "asc" } }),
    db.managementGrant.findMany({ orderBy: { id: "asc" }, include: { installations: true } }),
    db.user.count(),
    db.auditLog.count(),
  ]);
  return JSON.stringify({ customers, memberships, invitations, grants, users, audit });
}

/**
 * Each customer-level action, with the permission it needs and what it aims at (made before the
 * snapshot). `run` resolves when allowed and rejects with an AppError when not.
 */
type Action = { permission: Permission; prepare?: (w: World) => Promise<{ id: string }>; run: (w: World, actor: CustomerActor, target: { id: string }) => Promise<unknown> };
const actions: Record<string, Action> = {
  "change the invoice address, invoice e-mail and delivery (Kunduppgifter)": {
    permission: "changeCustomerDetails",
    run: async (w, actor) => {
      const { changedFields } = await updateCustomerDetails(actor, w.c.customer.id, {
        email: w.c.customer.email,
        phone: null,
        invoiceCareOf: "Ekonomiavdelningen",
        invoiceStreet: "Box 12",
        invoicePostalCode: "931 22",
        invoiceCity: "Sjöbotten",
        invoiceCountry: "SE",
        invoiceDelivery: "EMAIL",
        invoiceEmail: "faktura@example.com",
      });
      expect(changedFields).toEqual(expect.arrayContaining(["invoiceStreet", "invoiceEmail"]));
    },
  },
  "invite a user": { permission: "manageUsers", run: (w, actor) => inviteUser(actor, { customerId: w.c.customer.id, email: uniqueEmail("ny"), role: "FULL" }) },
  "change a user's level": { permission: "manageUsers", run: (w, actor) => changeMemberRole(actor, { membershipId: w.readMembership.id, role: "FULL" }) },
  "remove a user's access": { permission: "manageUsers", run: (w, actor) => removeMember(actor, { membershipId: w.readMembership.id }) },
  "withdraw a user invitation": { permission: "manageUsers", run: (w, actor) => revokeInvitation(actor, { invitationId: w.invitationId }) },
  "see who has access": { permission: "manageUsers", run: (w, actor) => listCustomerAccess(actor, w.c.customer.id) },
  "read the access log": { permission: "manageUsers", run: (w, actor) => listAccessLog(actor, w.c.customer.id) },
  "choose installations for an invitation": { permission: "manageUsers", run: (w, actor) => listInstallationChoices(actor, w.c.customer.id) },
  "register an authorised person (Mitt konto)": {
    permission: "manageUsers",
    run: (w, actor) => registerAuthorisedPerson(actor, { customerId: w.c.customer.id, name: "Petra Person", personalIdNumber: validSwedishPersonnummer(8_800_000 + ++seed), role: "ADMINISTRATOR" }),
  },
  "invite a management company": {
    permission: "inviteManagementCompany",
    run: (w, actor) => inviteManagementCompany(actor, { customerId: w.c.customer.id, organisationNumber: validSwedishOrgNumber(880_000 + ++seed, "556"), companyName: "Ny Förvaltning AB", email: uniqueEmail("bolag") }),
  },
  "end a management company's access": { permission: "inviteManagementCompany", run: (w, actor) => revokeManagementGrant(actor, { grantId: w.grant.id }) },
  "accept a management company's request": {
    permission: "inviteManagementCompany",
    prepare: request,
    run: async (_w, actor, grant) => (await import("./accept-management-request")).acceptManagementRequest(actor, { grantId: grant.id }),
  },
  "decline a management company's request": {
    permission: "inviteManagementCompany",
    prepare: request,
    run: async (_w, actor, grant) => (await import("./decline-management-request")).declineManagementRequest(actor, { grantId: grant.id }),
  },
  "see the check code (Kunduppgifter)": {
    permission: "viewCheckCode",
    run: async (w, actor) => {
      const { checkCode } = await getCustomerDetails(actor, w.c.customer.id);
      // Everyone else sees the customer's details without it.
      if (checkCode === null) throw new AppError("FORBIDDEN");
      expect(checkCode).toBe(formatCheckCode(w.c.customer.checkCode));
    },
  },
};

type Who = { label: string; role: Role; allInstallations: boolean; viaManagement: boolean; user: (w: World) => { id: string; sessionVersion: number } };
const people: Who[] = [
  { label: "Administratör of the whole customer", role: "ADMINISTRATOR", allInstallations: true, viaManagement: false, user: (w) => w.c.admin },
  { label: "Fullständig of the whole customer", role: "FULL", allInstallations: true, viaManagement: false, user: (w) => w.c.full },
  { label: "Läs of the whole customer", role: "READ", allInstallations: true, viaManagement: false, user: (w) => w.c.read },
  { label: "Administratör of two installations", role: "ADMINISTRATOR", allInstallations: false, viaManagement: false, user: (w) => w.restrictedAdmin },
  { label: "Fullständig of two installations", role: "FULL", allInstallations: false, viaManagement: false, user: (w) => w.restrictedFull },
  { label: "manager (Fullständig) through a grant of all installations", role: "FULL", allInstallations: true, viaManagement: true, user: (w) => w.managerAll },
  { label: "manager (Fullständig) through a grant, two installations", role: "FULL", allInstallations: false, viaManagement: true, user: (w) => w.managerSome },
];

describe.each(people)("$label", (who) => {
  it("is what the server sees: the level, the installations, whether through a company", async () => {
    const w = await world();
    const actor = await customerActorOf(who.user(w));
    expect(actor.customers.find((c) => c.customerId === w.c.customer.id)).toMatchObject({ role: who.role, allInstallations: who.allInstallations, viaManagement: who.viaManagement });
  });

  for (const [name, action] of Object.entries(actions)) {
    const allowed = may(who, action.permission);
    it(`${allowed ? "may" : "may not"} ${name}`, async () => {
      const w = await world();
      const target = action.prepare ? await action.prepare(w) : { id: "" };
      const actor = await customerActorOf(who.user(w));
      if (allowed) {
        await action.run(w, actor, target);
      } else {
        const before = await snapshot();
        const mails = sink.messages.length;
        expect((await appFailure(action.run(w, actor, target))).code).toBe("FORBIDDEN");
        expect(await snapshot()).toBe(before);
        expect(sink.messages).toHaveLength(mails);
      }
    });
  }
});

describe("the rule is the one `may` states", () => {
  it("restricted and managed access still sees the customer's details, read-only and without the check code, and is told why", async () => {
    const w = await world();
    for (const user of [w.restrictedFull, w.managerSome]) {
      const actor = await customerActorOf(user);
      const details = await getCustomerDetails(actor, w.c.customer.id);
      expect(details).toMatchObject({ canEdit: false, checkCode: null });
      expect(details.readOnlyBecause).toBe(user === w.managerSome ? "managementCompany" : "someInstallations");
    }
    expect(await getCustomerDetails(await customerActorOf(w.c.read), w.c.customer.id)).toMatchObject({ canEdit: false, readOnlyBecause: "level" });
    expect(await getCustomerDetails(await customerActorOf(w.c.full), w.c.customer.id)).toMatchObject({ canEdit: true, readOnlyBecause: null, checkCode: null });
  });
});
