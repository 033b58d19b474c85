import "server-only";
import { may } from "@/domain/access/permissions";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers, customerWhereActorMay } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { invitationIdSchema } from "./schemas";

/**
 * Withdraws an invitation that has not been used: a customer's administrator withdraws user and
 * management company invitations of that customer (a management company's pending grant ends with
 * it), a management company's administrator withdraws its manager invitations.
 */
export async function revokeInvitation(actor: CustomerActor, input: { invitationId: string }, meta: { ip?: string | null } = {}): Promise<void> {
  const administers = actor.customers.some((c) => may(c, "manageUsers")) || (actor.managementCompanies ?? []).some((m) => m.role === "ADMINISTRATOR");
  if (!administers) throw new AppError("FORBIDDEN");
  const { invitationId } = parseInput(invitationIdSchema, input);
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: {
        id: invitationId,
        acceptedAt: null,
        revokedAt: null,
        OR: [
          { kind: "CUSTOMER_USER", customer: customerWhereActorMay(actor, "manageUsers") },
          { kind: "MANAGEMENT_COMPANY", customer: customerWhereActorMay(actor, "inviteManagementCompany") },
          { kind: "MANAGER", managementCompany: companyWhereActorAdministers(actor) },
        ],
      },
    });
    if (!invitation) throw new AppError("NOT_FOUND");
    const now = new Date();
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    if (invitation.kind === "MANAGEMENT_COMPANY") {
      await tx.managementGrant.updateMany({
        where: { managementCompanyId: invitation.managementCompanyId!, customerId: invitation.customerId!, status: "PENDING" },
        data: { status: "REVOKED", revokedAt: now },
      });
    }
    await writeAudit(tx, actor, {
      action: "access.invitationRevoked",
      targetType: "Invitation",
      targetId: invitation.id,
      customerId: invitation.customerId,
      details: { kind: invitation.kind, email: invitation.email, ...(invitation.organisationNumber ? { organisationNumber: invitation.organisationNumber } : {}) },
      ipAddress: meta.ip ?? null,
    });
  });
}
