// The penetration test's story (issue 10, item 1) at the server: a household's administrator
// invites a made-up management company to an address they control, accepts it, and registers a
// company customer as its client with the customer's public numbers (customer number and
// organisation number). That must give no access: the customer's administrators get a request
// to answer, are told on Behörighet, the start page and by mail, and decline it.
// docs/decisions/015-management-company-trust.md; the same story in the browser is
// e2e/management-takeover.spec.ts.
import { describe, expect, it } from "vitest";
import { createUser, validSwedishOrgNumber } from "@/fixtures/factories";
import { listInstallations } from "@/server/installations/list-installations";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers, householdWithOwnCompany as ownCompany, lastMailTo } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { getManagementOverview } from "./get-management-overview";
import { grantManagerAccess } from "./grant-manager-access";
import { listAccessLog } from "./list-access-log";
import { listCustomerAccess } from "./list-customer-access";
import { registerManagementClient } from "./register-management-client";

const db = getTestDb();
const sink = freshDatabaseAndInbox();
let seed = 0;
const dashed = (n: string) => `${n.slice(0, 6)}-${n.slice(6)}`;
// Answering a request is new with the trust model; loaded where the story gets there.
const requests = () => import("./count-management-requests");
const decline = () => import("./decline-management-request");

/** The attacker: a household's administrator and the management company they made for themselves. */
const householdWithOwnCompany = () => ownCompany(db, sink, validSwedishOrgNumber(650_000 + ++seed, "556"));

describe("the penetration story: a household takes over a company customer through a management company it made", () => {
  it("fails: the request is pending, nothing of the customer is reachable, its administrators are told and decline it", async () => {
    const target = await companyWithUsers(db, 3);
    // One administrator reads English: each gets the mail in their own language.
    const second = await createUser(db, { name: "Erik English", locale: "en", memberships: [{ customerId: target.customer.id, role: "ADMINISTRATOR" }] });
    const attacker = await householdWithOwnCompany();
    sink.messages.length = 0;

    const result = await registerManagementClient(await customerActorOf(attacker.companyAdmin), {
      managementCompanyId: attacker.company.id,
      customerNumber: target.customer.customerNumber,
      nationalId: dashed(target.customer.nationalId),
    });
    // Today's takeover was an ACTIVE grant to all the customer's installations here.
    expect((await db.managementGrant.findUniqueOrThrow({ where: { id: result.grantId } })).status).toBe("REQUESTED");
    expect(result.status).toBe("REQUESTED");
    expect(await db.managementGrant.findUniqueOrThrow({ where: { id: result.grantId } })).toMatchObject({
      status: "REQUESTED",
      requestedByUserId: attacker.companyAdmin.id,
      grantedByUserId: null,
      proof: null,
      acceptedAt: null,
    });

    // Nothing of the customer is reachable, even after the company's administrator hands the grant on.
    const asAttacker = await customerActorOf(attacker.companyAdmin);
    expect(asAttacker.customers).toEqual([]);
    expect((await listInstallations(asAttacker, { customerId: "all" })).total).toBe(0);
    const self = await db.managementCompanyMember.findFirstOrThrow({ where: { userId: attacker.companyAdmin.id } });
    expect((await appFailure(grantManagerAccess(asAttacker, { managementCompanyId: attacker.company.id, grantId: result.grantId, memberId: self.id, role: "FULL" }))).code).toBe("NOT_FOUND");
    expect((await customerActorOf(attacker.companyAdmin)).customers).toEqual([]);
    // The company sees the request as pending, by the customer number it typed and nothing more.
    const [overview] = await getManagementOverview(asAttacker);
    // (Its one client is the household that invited it.)
    expect(overview!.clients.map((x) => x.customerId)).toEqual([attacker.household.id]);
    expect(overview!.requests).toEqual([
      { grantId: result.grantId, customerNumber: target.customer.customerNumber, status: "REQUESTED", requestedAt: expect.any(Date), declinedAt: null, canSign: false },
    ]);

    // Every administrator of the customer sees it, on Behörighet and the start page, and got a mail.
    const asAdmin = await customerActorOf(target.admin);
    const access = await listCustomerAccess(asAdmin, target.customer.id);
    expect(access.grants).toEqual([
      expect.objectContaining({
        grantId: result.grantId,
        status: "REQUESTED",
        companyName: "Hannas Förvaltning AB",
        adminEmails: [attacker.mailbox],
        requestedBy: { name: "Hanna som bolag", email: attacker.mailbox },
      }),
    ]);
    expect(await (await requests()).countManagementRequestsToHandle(asAdmin)).toEqual({ count: 1, customerId: target.customer.id });
    expect(await (await requests()).countManagementRequestsToHandle(await customerActorOf(second))).toEqual({ count: 1, customerId: target.customer.id });
    for (const user of [target.full, target.read]) expect((await (await requests()).countManagementRequestsToHandle(await customerActorOf(user))).count).toBe(0);
    const sv = lastMailTo(sink.messages, target.admin.email!)!;
    expect(sv.subject).toBe(`Hannas Förvaltning AB ber om behörighet till ${target.customer.name} på Mina sidor`);
    expect(sv.text).toContain(`Förfrågan skickades av Hanna som bolag (${attacker.mailbox})`);
    expect(sv.text).toContain(`/behorighet?kund=${target.customer.id}`);
    expect(lastMailTo(sink.messages, second.email!)!.subject).toBe(`Hannas Förvaltning AB asks for access to ${target.customer.name} on My pages`);
    expect(sink.messages.filter((m) => m.to.includes(target.full.email!) || m.to.includes(target.read.email!))).toEqual([]);
    expect((await listAccessLog(asAdmin, target.customer.id)).map((e) => e.action)).toEqual(["access.managementClientRequested"]);

    // Asking again changes nothing.
    expect(
      await appFailure(registerManagementClient(asAttacker, { managementCompanyId: attacker.company.id, customerNumber: target.customer.customerNumber, nationalId: target.customer.nationalId })),
    ).toMatchObject({ message: "access.errors.clientAlreadyRequested" });

    // Declined: the company sees it so, gets nothing, and cannot ask again with the numbers.
    await (await decline()).declineManagementRequest(asAdmin, { grantId: result.grantId });
    expect(await db.managementGrant.findUniqueOrThrow({ where: { id: result.grantId } })).toMatchObject({ status: "DECLINED", declinedByUserId: target.admin.id });
    expect((await getManagementOverview(asAttacker))[0]!.requests).toEqual([expect.objectContaining({ status: "DECLINED", declinedAt: expect.any(Date) })]);
    expect((await customerActorOf(attacker.companyAdmin)).customers).toEqual([]);
    expect(await (await requests()).countManagementRequestsToHandle(asAdmin)).toEqual({ count: 0, customerId: null });
    expect(
      await appFailure(registerManagementClient(asAttacker, { managementCompanyId: attacker.company.id, customerNumber: target.customer.customerNumber, nationalId: target.customer.nationalId })),
    ).toMatchObject({ code: "CONFLICT", message: "access.errors.clientDeclined" });
    expect(await db.managementGrant.count({ where: { status: "ACTIVE", customerId: target.customer.id } })).toBe(0);
  });
});
