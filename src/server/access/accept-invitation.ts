import "server-only";
import type { InvitationKind, Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { authenticate } from "@/server/auth/authenticate";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashInvitationToken } from "./invitation-token";
import { invitationTokenSchema } from "./schemas";
import { saveMembership } from "./installation-choice";

/** Who accepts: the signed-in user, an existing account by its password, or a new account. */
export type InvitationAcceptor =
  | { kind: "actor"; actor: CustomerActor }
  | { kind: "password"; password: string }
  | { kind: "newAccount"; name: string; password: string };

export type AcceptedInvitation = {
  userId: string;
  email: string;
  kind: InvitationKind;
  /** Where the new access is seen first. */
  redirectTo: string;
};

type Tx = Prisma.TransactionClient;
type Invitation = Prisma.InvitationGetPayload<object>;

/**
 * Accepts an invitation link (Inbjudan). The link works once, until it expires, and only for the
 * invited address: a signed-in user with another address is refused, and someone who is not
 * signed in proves the address with the account's password or creates the account here.
 *
 * - a user invitation gives a membership of the customer with the invited level and installations;
 * - a management company invitation activates the company's grant; when the company is not yet
 *   registered, it is registered under the invitation's organisation number and name (the inviting
 *   customer's words, not the acceptor's) with the acceptor as its administrator, otherwise the
 *   acceptor must already be one of its administrators;
 * - a manager invitation makes the acceptor a manager (förvaltare) of the company.
 */
export async function acceptInvitation(
  token: string,
  acceptor: InvitationAcceptor,
  options: { locale?: string | null; ip?: string | null } = {},
): Promise<AcceptedInvitation> {
  if (!invitationTokenSchema.safeParse(token).success) throw new AppError("NOT_FOUND", "access.errors.invitationInvalid");
  const tokenHash = hashInvitationToken(token);
  const found = await db.invitation.findUnique({ where: { tokenHash } });
  refuseUnusable(found);
  const invitation = found!;
  const email = invitation.email;

  // Prove the address before anything is written.
  let userId: string | null = null;
  let userName = "";
  let newPasswordHash: string | null = null;
  if (acceptor.kind === "actor") {
    if (acceptor.actor.email?.toLowerCase() !== email.toLowerCase()) throw new AppError("FORBIDDEN", "access.errors.otherEmail");
    userId = acceptor.actor.userId;
    userName = acceptor.actor.name;
  } else if (acceptor.kind === "password") {
    const result = await authenticate("customer", { email, password: acceptor.password, ip: options.ip ?? null });
    if (!result.ok) {
      if (result.reason === "LOCKED") throw new AppError("RATE_LIMITED");
      throw new AppError("UNAUTHENTICATED", "access.errors.wrongPassword");
    }
    userId = result.principal.id;
  } else {
    if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError("CONFLICT", "access.errors.accountExists");
    newPasswordHash = await hashPassword(acceptor.password);
    userName = acceptor.name.trim();
  }

  return db.$transaction(async (tx) => {
    if (newPasswordHash !== null) {
      const user = await tx.user.create({ data: { email, name: userName, passwordHash: newPasswordHash, locale: options.locale ?? "sv" } });
      userId = user.id;
    } else {
      const user = await tx.user.findFirst({ where: { id: userId!, status: "ACTIVE" }, select: { name: true } });
      if (!user) throw new AppError("UNAUTHENTICATED");
      userName = user.name;
    }
    const acceptedBy: CustomerActor = { kind: "customer", userId: userId!, name: userName, email, customers: [] };

    // Claiming and checking are one statement, so two uses of the same link cannot both win.
    const now = new Date();
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedByUserId: userId },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "access.errors.invitationUsed");

    if (invitation.kind === "CUSTOMER_USER") await joinCustomer(tx, invitation, acceptedBy, options.ip ?? null);
    else if (invitation.kind === "MANAGEMENT_COMPANY") await activateGrant(tx, invitation, acceptedBy, options.ip ?? null);
    else await joinCompany(tx, invitation, acceptedBy, options.ip ?? null);

    return { userId: userId!, email, kind: invitation.kind, redirectTo: invitation.kind === "CUSTOMER_USER" ? "/" : "/forvaltning" };
  });
}

function refuseUnusable(invitation: Invitation | null) {
  if (!invitation) throw new AppError("NOT_FOUND", "access.errors.invitationInvalid");
  if (invitation.revokedAt) throw new AppError("CONFLICT", "access.errors.invitationRevoked");
  if (invitation.acceptedAt) throw new AppError("CONFLICT", "access.errors.invitationUsed");
  if (invitation.expiresAt <= new Date()) throw new AppError("CONFLICT", "access.errors.invitationExpired");
}

async function joinCustomer(tx: Tx, invitation: Invitation, user: CustomerActor, ip: string | null) {
  const customerId = invitation.customerId!;
  const existing = await tx.membership.findUnique({ where: { userId_customerId: { userId: user.userId, customerId } } });
  if (existing && !existing.revokedAt && !existing.managementGrantId) throw new AppError("CONFLICT", "access.errors.alreadyMember");
  // Installations removed since the invitation was sent are left out.
  const installationIds = invitation.allInstallations
    ? []
    : (await tx.installation.findMany({ where: { id: { in: invitation.installationIds }, customerId }, select: { id: true } })).map((i) => i.id);
  const data = { role: invitation.role ?? "READ", allInstallations: invitation.allInstallations, managementGrantId: null, revokedAt: null };
  const membership = await saveMembership(tx, existing, { userId: user.userId, customerId }, data, installationIds);
  await writeAudit(tx, user, {
    action: "access.invitationAccepted",
    targetType: "Membership",
    targetId: membership.id,
    customerId,
    details: { kind: invitation.kind, email: user.email, role: data.role, installations: invitation.allInstallations ? "all" : installationIds.length },
    ipAddress: ip,
  });
}

async function activateGrant(tx: Tx, invitation: Invitation, user: CustomerActor, ip: string | null) {
  const company = await tx.managementCompany.findUniqueOrThrow({
    where: { id: invitation.managementCompanyId! },
    include: { members: { select: { userId: true, role: true, revokedAt: true } } },
  });
  const registered = company.members.length > 0;
  let name = company.name;
  if (!registered) {
    // The company is registered as the customer named it; an invitation from before invitations
    // named the company cannot register one (the customer sends a new invitation).
    name = invitation.companyName?.trim() ?? "";
    if (!name) throw new AppError("CONFLICT", "access.errors.invitationOutdated");
    await tx.managementCompany.update({ where: { id: company.id }, data: { name } });
    await tx.managementCompanyMember.create({ data: { managementCompanyId: company.id, userId: user.userId, role: "ADMINISTRATOR" } });
    await writeAudit(tx, user, {
      action: "access.managementCompanyRegistered",
      targetType: "ManagementCompany",
      targetId: company.id,
      customerId: invitation.customerId,
      details: { companyName: name, organisationNumber: company.organisationNumber },
      ipAddress: ip,
    });
  } else if (!company.members.some((m) => m.userId === user.userId && m.role === "ADMINISTRATOR" && !m.revokedAt)) {
    throw new AppError("FORBIDDEN", "access.errors.notCompanyAdministrator");
  }
  const activated = await tx.managementGrant.updateMany({
    where: { managementCompanyId: company.id, customerId: invitation.customerId!, status: "PENDING" },
    data: { status: "ACTIVE", proof: "INVITATION", acceptedAt: new Date(), revokedAt: null },
  });
  if (activated.count !== 1) throw new AppError("CONFLICT", "access.errors.invitationRevoked");
  await writeAudit(tx, user, {
    action: "access.invitationAccepted",
    targetType: "ManagementCompany",
    targetId: company.id,
    customerId: invitation.customerId,
    details: { kind: invitation.kind, email: user.email, companyName: name, organisationNumber: company.organisationNumber },
    ipAddress: ip,
  });
}

async function joinCompany(tx: Tx, invitation: Invitation, user: CustomerActor, ip: string | null) {
  const managementCompanyId = invitation.managementCompanyId!;
  const existing = await tx.managementCompanyMember.findUnique({ where: { managementCompanyId_userId: { managementCompanyId, userId: user.userId } } });
  if (existing && !existing.revokedAt) throw new AppError("CONFLICT", "access.errors.alreadyMember");
  const member = existing
    ? await tx.managementCompanyMember.update({ where: { id: existing.id }, data: { role: "MANAGER", revokedAt: null } })
    : await tx.managementCompanyMember.create({ data: { managementCompanyId, userId: user.userId, role: "MANAGER" } });
  await writeAudit(tx, user, {
    action: "access.invitationAccepted",
    targetType: "ManagementCompanyMember",
    targetId: member.id,
    details: { kind: invitation.kind, email: user.email, managementCompanyId },
    ipAddress: ip,
  });
}
