import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { newInvitationToken } from "./invitation-token";
import { companyWhereActorAdministers } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { inviteManagerSchema, type InviteManagerInput } from "./schemas";
import { sendInvitationMail } from "./send-invitation-mail";
import { issueInvitation } from "./issue-invitation";

/**
 * A management company's administrator invites a colleague as a manager (förvaltare) of the company
 * (seed 001). Joining the company gives no customer yet: the administrator then grants each manager
 * customers or installations.
 */
export async function inviteManager(
  actor: CustomerActor,
  input: InviteManagerInput,
  meta: { locale?: string | null; ip?: string | null } = {},
): Promise<{ invitationId: string }> {
  if (!(actor.managementCompanies ?? []).some((m) => m.managementCompanyId === input.managementCompanyId && m.role === "ADMINISTRATOR")) {
    throw new AppError("FORBIDDEN");
  }
  const { managementCompanyId, email } = parseInput(inviteManagerSchema, input);
  const { token, tokenHash, expiresAt } = newInvitationToken();

  const { invitation, company } = await db.$transaction(async (tx) => {
    const company = await tx.managementCompany.findFirst({ where: { id: managementCompanyId, ...companyWhereActorAdministers(actor, managementCompanyId) } });
    if (!company) throw new AppError("NOT_FOUND");
    const member = await tx.managementCompanyMember.findFirst({ where: { managementCompanyId, revokedAt: null, user: { email, status: "ACTIVE" } } });
    if (member) throw new AppError("CONFLICT", "access.errors.alreadyMember");
    const invitation = await issueInvitation(tx, { managementCompanyId, email }, { kind: "MANAGER", tokenHash, email, managementCompanyId, invitedByUserId: actor.userId, expiresAt });
    await writeAudit(tx, actor, {
      action: "access.managerInvited",
      targetType: "Invitation",
      targetId: invitation.id,
      details: { email, companyName: company.name, organisationNumber: company.organisationNumber },
      ipAddress: meta.ip ?? null,
    });
    return { invitation, company };
  });

  await sendInvitationMail({ kind: "MANAGER", to: email, token, locale: meta.locale, inviterName: actor.name, companyName: company.name });
  return { invitationId: invitation.id };
}
