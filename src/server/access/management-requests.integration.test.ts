// The management-company trust model (docs/decisions/015-management-company-trust.md): a company
// that registers a client with the client's public numbers gets a request, never access; one of
// the client's administrators accepts it (for all or chosen installations) or declines it; a
// client without administrators is claimed only with the check code from its invoices; an
// authorised signatory of the client may sign the request with e-legitimation instead.
import { describe, expect, it } from "vitest";
import { createCustomer, createInstallation, createManagementCompany, createUser, uniqueEmail, validSwedishOrgNumber, validSwedishPersonnummer } from "@/fixtures/factories";
import { recordSignature } from "@/server/eleg/record-signature";
import { payloadHashOf } from "@/server/eleg/signing";
import { listInstallations } from "@/server/installations/list-installations";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers, householdWithOwnCompany as ownCompany, invitationTokenIn, lastMailTo } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { acceptInvitation } from "./accept-invitation";
import { acceptManagementRequest } from "./accept-management-request";
import { declineManagementRequest } from "./decline-management-request";
import { getManagementOverview } from "./get-management-overview";
import { grantManagerAccess } from "./grant-manager-access";
import { inviteManagementCompany } from "./invite-management-company";
import { listCustomerAccess } from "./list-customer-access";
import { registerManagementClient } from "./register-management-client";
import { completeManagementRequestSignature, signableSelect, signatoryText, SIGNATORY_PURPOSE } from "./sign-management-request";

const db = getTestDb();
const sink = freshDatabaseAndInbox();
let seed = 0;
const newOrgNumber = () => validSwedishOrgNumber(660_000 + ++seed, "556");

const householdWithOwnCompany = () => ownCompany(db, sink, newOrgNumber());

describe("a company that registers a client with its public numbers gets a request, not access", () => {
  it("accepted for chosen installations: the company gets exactly those", async () => {
    const target = await companyWithUsers(db, 4);
    const attacker = await householdWithOwnCompany();
    const asCompany = await customerActorOf(attacker.companyAdmin);
    const { grantId } = await registerManagementClient(asCompany, { managementCompanyId: attacker.company.id, customerNumber: target.customer.customerNumber, nationalId: target.customer.nationalId });
    const chosen = [target.installations[1]!.id, target.installations[3]!.id];

    await acceptManagementRequest(await customerActorOf(target.admin), { grantId, scope: "selected", installationIds: chosen }, { ip: "192.0.2.4" });
    const grant = await db.managementGrant.findUniqueOrThrow({ where: { id: grantId }, include: { installations: true } });
    expect(grant).toMatchObject({ status: "ACTIVE", allInstallations: false, proof: "ACCEPTED_REQUEST", grantedByUserId: target.admin.id });
    expect(grant.installations.map((i) => i.installationId).sort()).toEqual([...chosen].sort());
    // The company's administrator gives themselves everything the grant allows: exactly the two.
    const self = await db.managementCompanyMember.findFirstOrThrow({ where: { userId: attacker.companyAdmin.id } });
    await grantManagerAccess(asCompany, { managementCompanyId: attacker.company.id, grantId, memberId: self.id, role: "FULL" });
    const list = await listInstallations(await customerActorOf(attacker.companyAdmin), { customerId: "all" });
    expect(list.items.map((i) => i.id).sort()).toEqual([...chosen].sort());
    expect((await getManagementOverview(asCompany))[0]!.clients.find((x) => x.grantId === grantId)).toMatchObject({ status: "ACTIVE", installationCount: 2, proof: "ACCEPTED_REQUEST" });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "access.managementRequestAccepted" } })).toMatchObject({
      customerId: target.customer.id,
      actorUserId: target.admin.id,
      ipAddress: "192.0.2.4",
      details: { installations: 2 },
    });
    // Answered once: a second answer is refused.
    expect((await appFailure(declineManagementRequest(await customerActorOf(target.admin), { grantId }))).code).toBe("NOT_FOUND");
  });

  it("only the customer's own administrators of the whole customer may answer", async () => {
    const target = await companyWithUsers(db, 3);
    const restricted = await createUser(db, { memberships: [{ customerId: target.customer.id, role: "ADMINISTRATOR", installationIds: [target.installations[0]!.id] }] });
    const attacker = await householdWithOwnCompany();
    const { grantId } = await registerManagementClient(await customerActorOf(attacker.companyAdmin), {
      managementCompanyId: attacker.company.id,
      customerNumber: target.customer.customerNumber,
      nationalId: target.customer.nationalId,
    });
    for (const user of [target.full, target.read, restricted, attacker.companyAdmin]) {
      const actor = await customerActorOf(user);
      expect((await appFailure(acceptManagementRequest(actor, { grantId }))).code, user.name).toBe("FORBIDDEN");
      expect((await appFailure(declineManagementRequest(actor, { grantId }))).code, user.name).toBe("FORBIDDEN");
    }
    // An administrator of another customer (the household behind the company, too) reaches nothing of this one.
    for (const user of [attacker.owner, (await companyWithUsers(db, 1)).admin]) {
      expect((await appFailure(acceptManagementRequest(await customerActorOf(user), { grantId }))).code).toBe("NOT_FOUND");
      expect((await appFailure(declineManagementRequest(await customerActorOf(user), { grantId }))).code).toBe("NOT_FOUND");
    }
    expect(await db.managementGrant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ status: "REQUESTED" });
    expect(await db.auditLog.count({ where: { action: { in: ["access.managementRequestAccepted", "access.managementRequestDeclined"] } } })).toBe(0);
  });
});

describe("a customer's invitation of a company is for the address it names", () => {
  it("whoever registered a company of that number first cannot take the invited grant by registering the client", async () => {
    const target = await companyWithUsers(db, 2);
    const organisationNumber = validSwedishOrgNumber(670_000 + ++seed, "556");
    const invited = uniqueEmail("riktiga-bolaget");
    const { grantId } = await inviteManagementCompany(await customerActorOf(target.admin), { customerId: target.customer.id, organisationNumber, companyName: "Riktiga Förvaltning AB", email: invited });
    // A household registers a company of the same number for itself before the invited address accepts.
    const household = await createCustomer(db);
    const owner = await createUser(db, { memberships: [{ customerId: household.id, role: "ADMINISTRATOR" }] });
    const squatter = uniqueEmail("squatter");
    await inviteManagementCompany(await customerActorOf(owner), { customerId: household.id, organisationNumber, companyName: "Falska Förvaltning AB", email: squatter });
    // (Before invitations named the company, the acceptor named it: the same name either way.)
    const accepted = await acceptInvitation(invitationTokenIn(lastMailTo(sink.messages, squatter)), { kind: "newAccount", name: "S", password: "ett-bra-losenord" }, {
      companyName: "Falska Förvaltning AB",
    } as never);
    const asSquatter = await customerActorOf(await db.user.findUniqueOrThrow({ where: { id: accepted.userId } }));
    const company = await db.managementCompany.findUniqueOrThrow({ where: { organisationNumber } });

    const refused = await appFailure(
      registerManagementClient(asSquatter, { managementCompanyId: company.id, customerNumber: target.customer.customerNumber, nationalId: target.customer.nationalId }),
    );
    expect(refused).toMatchObject({ code: "CONFLICT", message: "access.errors.clientInvitedYou" });
    expect(await db.managementGrant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ status: "PENDING", proof: null });
    expect((await customerActorOf(await db.user.findUniqueOrThrow({ where: { id: accepted.userId } }))).customers).toEqual([]);
    // The customer sees who administers that number now, and can withdraw the invitation.
    const listed = (await listCustomerAccess(await customerActorOf(target.admin), target.customer.id)).grants.find((g) => g.grantId === grantId);
    expect(listed).toMatchObject({ status: "PENDING", registered: true, companyName: "Falska Förvaltning AB", invitedAs: "Riktiga Förvaltning AB", adminEmails: [invited] });
  });
});

describe("a client without administrators is claimed only with the check code on its invoices", () => {
  it("with the right code the grant is active at once for everything; without it or with a wrong one, the one refusal", async () => {
    const client = await createCustomer(db, { kind: "COMPANY" });
    await createInstallation(db, { customerId: client.id });
    const other = await createCustomer(db, { kind: "COMPANY" });
    const attacker = await householdWithOwnCompany();
    const asCompany = await customerActorOf(attacker.companyAdmin);
    const base = { managementCompanyId: attacker.company.id, customerNumber: client.customerNumber, nationalId: client.nationalId };

    const noCode = await appFailure(registerManagementClient(asCompany, base));
    const wrongCode = await appFailure(registerManagementClient(asCompany, { ...base, checkCode: other.checkCode }));
    const wrongNumber = await appFailure(registerManagementClient(asCompany, { ...base, nationalId: other.nationalId, checkCode: client.checkCode }));
    expect(noCode).toEqual({ code: "CONFLICT", message: "access.errors.clientNoMatch", fieldErrors: undefined });
    expect(wrongCode).toEqual(noCode);
    expect(wrongNumber).toEqual(noCode);
    expect(await db.managementGrant.count({ where: { customerId: client.id } })).toBe(0);

    const typed = `${client.checkCode.slice(0, 4)}-${client.checkCode.slice(4)}`.toLowerCase();
    const result = await registerManagementClient(asCompany, { ...base, checkCode: typed });
    expect(result.status).toBe("ACTIVE");
    expect(await db.managementGrant.findUniqueOrThrow({ where: { id: result.grantId } })).toMatchObject({ status: "ACTIVE", allInstallations: true, proof: "CHECK_CODE", grantedByUserId: null });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "access.managementClientRegistered" } })).toMatchObject({ customerId: client.id, details: { proof: "CHECK_CODE" } });
  });

  it("a code that is given must be right even when the client has administrators (then it is a request as usual)", async () => {
    const target = await companyWithUsers(db, 1);
    const other = await createCustomer(db, { kind: "COMPANY" });
    const attacker = await householdWithOwnCompany();
    const asCompany = await customerActorOf(attacker.companyAdmin);
    const base = { managementCompanyId: attacker.company.id, customerNumber: target.customer.customerNumber, nationalId: target.customer.nationalId };
    expect(await appFailure(registerManagementClient(asCompany, { ...base, checkCode: other.checkCode }))).toMatchObject({ message: "access.errors.clientNoMatch" });
    // The right code does not skip the administrators' answer.
    expect((await registerManagementClient(asCompany, { ...base, checkCode: target.customer.checkCode })).status).toBe("REQUESTED");
  });
});

describe("an authorised signatory of the client signs the request with e-legitimation", () => {
  const PROVIDER = "http://localhost:3901";

  /** A management company's administrator who is also the client's administrator with e-legitimation. */
  async function signatoryCase(role: "ADMINISTRATOR" | "FULL" = "ADMINISTRATOR") {
    const target = await companyWithUsers(db, 2);
    const personalIdNumber = validSwedishPersonnummer(7_100_000 + ++seed);
    const signatory = await createUser(db, { name: "Sigge Signatär", personalIdNumber, memberships: [{ customerId: target.customer.id, role }] });
    const company = await createManagementCompany(db, { name: "Sigges Förvaltning AB", members: [{ userId: signatory.id, role: "ADMINISTRATOR" }] });
    const { grantId } = await registerManagementClient(await customerActorOf(signatory), {
      managementCompanyId: company.id,
      customerNumber: target.customer.customerNumber,
      nationalId: target.customer.nationalId,
    });
    return { target, signatory, personalIdNumber, company, grantId };
  }

  /** What the signing callback stores after the user signed what startManagementRequestSignature prepared. */
  async function sign(userId: string, personalIdNumber: string, grantId: string, tamper: (t: string) => string = (t) => t) {
    const grant = await db.managementGrant.findUniqueOrThrow({ where: { id: grantId }, select: signableSelect });
    const text = tamper(await signatoryText("sv", grant));
    return recordSignature({ userId, purpose: SIGNATORY_PURPOSE, payloadHash: payloadHashOf(text), payload: { text, data: { g: grantId, l: "sv" } } }, { personalIdNumber, provider: PROVIDER });
  }

  it("makes the grant active for all installations, with the signature as proof, once", async () => {
    const c = await signatoryCase();
    const [overview] = await getManagementOverview(await customerActorOf(c.signatory));
    expect(overview!.requests).toEqual([expect.objectContaining({ grantId: c.grantId, canSign: true })]);

    const signature = await sign(c.signatory.id, c.personalIdNumber, c.grantId);
    expect(await completeManagementRequestSignature(await customerActorOf(c.signatory), { ip: "192.0.2.9" })).toEqual({ status: "active", grantId: c.grantId });
    expect(await db.managementGrant.findUniqueOrThrow({ where: { id: c.grantId } })).toMatchObject({
      status: "ACTIVE",
      allInstallations: true,
      proof: "SIGNATORY",
      signatureId: signature.id,
      grantedByUserId: c.signatory.id,
    });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "access.managementRequestSigned" } })).toMatchObject({ customerId: c.target.customer.id, ipAddress: "192.0.2.9" });
    // The same signature proves nothing a second time.
    expect(await completeManagementRequestSignature(await customerActorOf(c.signatory))).toEqual({ status: "failed", reason: "noSignature" });
  });

  it("proves nothing for another text, from a Full authorised person, or from someone else's e-legitimation", async () => {
    const tampered = await signatoryCase();
    await sign(tampered.signatory.id, tampered.personalIdNumber, tampered.grantId, (t) => t.replace("alla kundens", "några av kundens"));
    expect(await completeManagementRequestSignature(await customerActorOf(tampered.signatory))).toEqual({ status: "failed", reason: "changed" });

    // Fullständig may not let companies in, so a Full authorised person's signature does not count.
    const full = await signatoryCase("FULL");
    expect((await getManagementOverview(await customerActorOf(full.signatory)))[0]!.requests).toEqual([expect.objectContaining({ canSign: false })]);
    await sign(full.signatory.id, full.personalIdNumber, full.grantId);
    expect(await completeManagementRequestSignature(await customerActorOf(full.signatory))).toEqual({ status: "failed", reason: "changed" });

    // The signing stores nothing when the e-legitimation is another person's.
    const other = await signatoryCase();
    expect(await appFailure(sign(other.signatory.id, validSwedishPersonnummer(7_900_000 + ++seed), other.grantId))).toMatchObject({ message: "eleg.sign.wrongPerson" });

    for (const c of [tampered, full, other]) expect(await db.managementGrant.findUniqueOrThrow({ where: { id: c.grantId } })).toMatchObject({ status: "REQUESTED" });
  });
});
