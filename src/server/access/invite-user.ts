import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { newInvitationToken } from "./invitation-token";
import { customerWhereActorMay } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { inviteUserSchema, type InviteUserInput } from "./schemas";
import { sendInvitationMail } from "./send-invitation-mail";
import { chosenInstallations, requireCustomerInstallations } from "./installation-choice";
import { issueInvitation } from "./issue-invitation";

/**
 * An administrator invites someone by e-mail to one of their customers with a level and all or some
 * installations (seed 001: "bjuda in fler användare"). The link in the mail works once, for seven
 * days; an earlier unused invitation of the same address to the same customer stops working.
 */
export async function inviteUser(
  actor: CustomerActor,
  input: InviteUserInput,
  meta: { locale?: string | null; ip?: string | null } = {},
): Promise<{ invitationId: string; expiresAt: Date }> {
  // Access before validation: a user without the right learns nothing about the rules by probing.
  accessTo(actor, input.customerId, "manageUsers");
  const { customerId, email, role, scope, installationIds } = parseInput(inviteUserSchema, input);
  const selected = chosenInstallations(scope, installationIds);
  const { token, tokenHash, expiresAt } = newInvitationToken();

  const { invitation, customer } = await db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: customerId, ...customerWhereActorMay(actor, "manageUsers") }, select: { id: true, name: true, customerNumber: true } });
    if (!customer) throw new AppError("NOT_FOUND");
    await requireCustomerInstallations(tx, customerId, selected);
    const alreadyMember = await tx.membership.findFirst({
      where: { customerId, revokedAt: null, managementGrantId: null, user: { email, status: "ACTIVE" } },
      select: { id: true },
    });
    if (alreadyMember) throw new AppError("CONFLICT", "access.errors.alreadyMember");

    const invitation = await issueInvitation(
      tx,
      { customerId, email },
      { kind: "CUSTOMER_USER", tokenHash, email, customerId, role, invitedByUserId: actor.userId, expiresAt },
      selected,
    );
    await writeAudit(tx, actor, {
      action: "access.userInvited",
      targetType: "Invitation",
      targetId: invitation.id,
      customerId,
      details: { email, role, installations: selected.length === 0 ? "all" : selected.length },
      ipAddress: meta.ip ?? null,
    });
    return { invitation, customer };
  });

  await sendInvitationMail({
    kind: "CUSTOMER_USER",
    to: email,
    token,
    locale: meta.locale,
    inviterName: actor.name,
    customerName: customer.name,
    customerNumber: customer.customerNumber,
    role,
  });
  return { invitationId: invitation.id, expiresAt: invitation.expiresAt };
}
