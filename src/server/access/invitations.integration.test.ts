import { describe, expect, it } from "vitest";
import { createCustomer, createUser, DEFAULT_PASSWORD, uniqueEmail } from "@/fixtures/factories";
import { authenticate } from "@/server/auth/authenticate";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers, invitationTokenIn, lastMailTo, type CompanyWithUsers } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { acceptInvitation } from "./accept-invitation";
import { getInvitation } from "./get-invitation";
import { inviteUser } from "./invite-user";
import { revokeInvitation } from "./revoke-invitation";

const db = getTestDb();
const sink = freshDatabaseAndInbox();

/** An administrator invites a new address; returns the link token from the mail. */
async function invite(
  options: { role?: "ADMINISTRATOR" | "FULL" | "READ"; pick?: (c: CompanyWithUsers) => string[]; locale?: string; email?: string } = {},
) {
  const company = await companyWithUsers(db);
  const installationIds = options.pick?.(company);
  const email = options.email ?? uniqueEmail("invited");
  const admin = await customerActorOf(company.admin);
  const result = await inviteUser(
    admin,
    {
      customerId: company.customer.id,
      email,
      role: options.role ?? "READ",
      scope: installationIds ? "selected" : "all",
      installationIds,
    },
    { locale: options.locale ?? "sv" },
  );
  return { ...company, email, adminActor: admin, token: invitationTokenIn(lastMailTo(sink.messages, email)), invitationId: result.invitationId };
}

describe("inviting a user", () => {
  it("mails a single-use link valid for seven days and stores only its hash", async () => {
    const { email, token, customer, invitationId } = await invite({ role: "FULL" });
    const mail = lastMailTo(sink.messages, email)!;
    expect(mail.subject).toBe(`Inbjudan till ${customer.name} på Mina sidor`);
    expect(mail.text).toContain("med behörigheten Fullständig");
    expect(mail.text).toContain(`http://localhost:3000/inbjudan/${token}`);
    expect(mail.text).toContain("7 dagar");
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row).toMatchObject({ kind: "CUSTOMER_USER", email, role: "FULL", allInstallations: true, customerId: customer.id });
    expect(row.tokenHash).not.toContain(token);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.userInvited" } });
    expect(audit).toMatchObject({ customerId: customer.id, targetId: invitationId, details: { email, role: "FULL", installations: "all" } });
  });

  it("writes the mail in the inviter's language", async () => {
    const { email } = await invite({ locale: "en" });
    expect(lastMailTo(sink.messages, email)!.subject).toMatch(/^Invitation to .* on My pages$/);
  });

  it("refuses installations of another customer and a user who already has access", async () => {
    const company = await companyWithUsers(db);
    const other = await companyWithUsers(db);
    const admin = await customerActorOf(company.admin);
    const foreign = await appFailure(
      inviteUser(admin, { customerId: company.customer.id, email: uniqueEmail(), role: "READ", scope: "selected", installationIds: [other.installations[0]!.id] }),
    );
    expect(foreign).toMatchObject({ code: "VALIDATION", fieldErrors: { installationIds: ["validation.invalid"] } });
    const none = await appFailure(inviteUser(admin, { customerId: company.customer.id, email: uniqueEmail(), role: "READ", scope: "selected", installationIds: [] }));
    expect(none.fieldErrors).toEqual({ installationIds: ["access.errors.chooseInstallations"] });
    const member = await appFailure(inviteUser(admin, { customerId: company.customer.id, email: company.full.email!, role: "ADMINISTRATOR" }));
    expect(member).toMatchObject({ code: "CONFLICT", message: "access.errors.alreadyMember" });
    // Another customer's id is simply not found for this administrator.
    expect((await appFailure(inviteUser(admin, { customerId: other.customer.id, email: uniqueEmail(), role: "READ" }))).code).toBe("NOT_FOUND");
    expect(await db.invitation.count()).toBe(0);
  });

  it("replaces an earlier unused invitation of the same address", async () => {
    const first = await invite();
    await inviteUser(first.adminActor, { customerId: first.customer.id, email: first.email, role: "FULL" });
    const second = invitationTokenIn(lastMailTo(sink.messages, first.email));
    expect(await getInvitation(first.token, null)).toEqual({ state: "revoked" });
    expect(await getInvitation(second, null)).toMatchObject({ state: "valid", role: "FULL" });
  });
});

describe("accepting an invitation", () => {
  it("creates the account and the membership in one step for a new address", async () => {
    const { token, email, customer, installations } = await invite({ role: "READ", pick: (c) => [c.installations[0]!.id] });
    expect(await getInvitation(token, null)).toMatchObject({ state: "valid", kind: "CUSTOMER_USER", email, accountExists: false, installationCount: 1 });

    const accepted = await acceptInvitation(token, { kind: "newAccount", name: "Nina Ny", password: "ett-bra-losenord" });
    expect(accepted).toMatchObject({ email, kind: "CUSTOMER_USER", redirectTo: "/" });
    expect(await authenticate("customer", { email, password: "ett-bra-losenord" })).toMatchObject({ ok: true });
    const actor = await customerActorOf({ id: accepted.userId, sessionVersion: 1 });
    expect(actor.customers).toEqual([expect.objectContaining({ customerId: customer.id, role: "READ", allInstallations: false, installationIds: [installations[0]!.id] })]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.invitationAccepted" } });
    expect(audit).toMatchObject({ customerId: customer.id, actorUserId: accepted.userId, details: { email, role: "READ", installations: 1 } });

    // Single use: the same link again is refused and says so.
    expect(await getInvitation(token, null)).toEqual({ state: "used" });
    expect(await appFailure(acceptInvitation(token, { kind: "newAccount", name: "Nina Ny", password: "ett-bra-losenord" }))).toMatchObject({
      code: "CONFLICT",
      message: "access.errors.invitationUsed",
    });
  });

  it("lets an existing account accept with its password, and refuses a wrong one", async () => {
    const existing = await createUser(db, { memberships: [] });
    const { token, customer } = await invite({ email: existing.email!, role: "FULL" });
    expect(await getInvitation(token, null)).toMatchObject({ state: "valid", accountExists: true });
    expect(await appFailure(acceptInvitation(token, { kind: "password", password: "fel-losenord" }))).toMatchObject({ code: "UNAUTHENTICATED", message: "access.errors.wrongPassword" });
    expect(await appFailure(acceptInvitation(token, { kind: "newAccount", name: "X", password: "ett-bra-losenord" }))).toMatchObject({ message: "access.errors.accountExists" });
    await acceptInvitation(token, { kind: "password", password: DEFAULT_PASSWORD });
    expect((await customerActorOf(existing)).customers).toEqual([expect.objectContaining({ customerId: customer.id, role: "FULL", allInstallations: true })]);
  });

  it("accepts for a signed-in user with the invited address, and adds to the customers they have", async () => {
    const household = await createCustomer(db);
    const user = await createUser(db, { memberships: [{ customerId: household.id, role: "ADMINISTRATOR" }] });
    const { token, customer } = await invite({ email: user.email!, role: "READ" });
    const actor = await customerActorOf(user);
    expect(await getInvitation(token, actor)).toMatchObject({ signedInMatches: true });
    await acceptInvitation(token, { kind: "actor", actor });
    expect((await customerActorOf(user)).customers.map((c) => [c.customerId, c.role]).sort()).toEqual(
      [
        [household.id, "ADMINISTRATOR"],
        [customer.id, "READ"],
      ].sort(),
    );
  });

  it("refuses a signed-in user with another address", async () => {
    const { token } = await invite();
    const stranger = await createUser(db);
    const actor = await customerActorOf(stranger);
    expect(await getInvitation(token, actor)).toMatchObject({ state: "valid", signedInMatches: false, signedInEmail: stranger.email });
    expect(await appFailure(acceptInvitation(token, { kind: "actor", actor }))).toEqual({ code: "FORBIDDEN", message: "access.errors.otherEmail", fieldErrors: undefined });
    expect(await db.membership.count({ where: { userId: stranger.id } })).toBe(0);
    expect(await getInvitation(token, null)).toMatchObject({ state: "valid" });
  });

  it("refuses an expired invitation", async () => {
    const { token, invitationId } = await invite();
    await db.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getInvitation(token, null)).toEqual({ state: "expired" });
    expect(await appFailure(acceptInvitation(token, { kind: "newAccount", name: "Sen", password: "ett-bra-losenord" }))).toMatchObject({
      code: "CONFLICT",
      message: "access.errors.invitationExpired",
    });
    expect(await db.user.count({ where: { name: "Sen" } })).toBe(0);
  });

  it("refuses a revoked invitation and an unknown or malformed link", async () => {
    const { token, invitationId, adminActor } = await invite();
    await revokeInvitation(adminActor, { invitationId });
    expect(await getInvitation(token, null)).toEqual({ state: "revoked" });
    expect(await appFailure(acceptInvitation(token, { kind: "newAccount", name: "N", password: "ett-bra-losenord" }))).toMatchObject({ message: "access.errors.invitationRevoked" });
    expect(await getInvitation("x".repeat(43), null)).toEqual({ state: "unknown" });
    expect(await getInvitation("../../etc", null)).toEqual({ state: "unknown" });
    expect(await appFailure(acceptInvitation("x".repeat(43), { kind: "password", password: "p" }))).toMatchObject({ code: "NOT_FOUND", message: "access.errors.invitationInvalid" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.invitationRevoked" } });
    expect(audit.targetId).toBe(invitationId);
  });

  it("lets only one of two simultaneous uses of a link win", async () => {
    const { token, email } = await invite();
    const results = await Promise.allSettled([
      acceptInvitation(token, { kind: "newAccount", name: "A", password: "ett-bra-losenord" }),
      acceptInvitation(token, { kind: "newAccount", name: "B", password: "ett-bra-losenord" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.membership.count({ where: { user: { email } } })).toBe(1);
  });
});

describe("revoking invitations", () => {
  it("is for the customer's administrators only", async () => {
    const { invitationId, full, read } = await invite();
    for (const user of [full, read]) {
      expect((await appFailure(revokeInvitation(await customerActorOf(user), { invitationId }))).code).toBe("FORBIDDEN");
    }
    const otherAdmin = (await companyWithUsers(db)).admin;
    expect((await appFailure(revokeInvitation(await customerActorOf(otherAdmin), { invitationId }))).code).toBe("NOT_FOUND");
    expect(await db.invitation.count({ where: { revokedAt: { not: null } } })).toBe(0);
  });
});
