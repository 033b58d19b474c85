import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";
import { requireSomeAccess } from "./scope";
import { parseInput } from "@/server/boundary/field-errors";
import { grantIdSchema } from "./schemas";

/**
 * A customer's administrator ends a management company's access (pending or active). Every
 * manager's access through the grant ends with it, on their next request; an unused invitation for
 * it stops working. The company must be invited again to come back.
 */
export async function revokeManagementGrant(
  actor: CustomerActor,
  input: { grantId: string },
  meta: { ip?: string | null } = {},
): Promise<{ membershipsEnded: number; wasStatus: "PENDING" | "ACTIVE" }> {
  requireSomeAccess(actor, "inviteManagementCompany");
  const { grantId } = parseInput(grantIdSchema, input);

  return db.$transaction(async (tx) => {
    const grant = await tx.managementGrant.findFirst({
      where: { id: grantId, status: { in: ["PENDING", "ACTIVE"] }, customer: customerWhereActorMay(actor, "inviteManagementCompany") },
      include: { managementCompany: { select: { name: true, organisationNumber: true } } },
    });
    if (!grant) throw new AppError("NOT_FOUND");
    const now = new Date();
    await tx.managementGrant.update({ where: { id: grant.id }, data: { status: "REVOKED", revokedAt: now } });
    const ended = await tx.membership.updateMany({ where: { managementGrantId: grant.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.invitation.updateMany({
      where: { kind: "MANAGEMENT_COMPANY", customerId: grant.customerId, managementCompanyId: grant.managementCompanyId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await writeAudit(tx, actor, {
      action: "access.managementGrantRevoked",
      targetType: "ManagementGrant",
      targetId: grant.id,
      customerId: grant.customerId,
      details: { companyName: grant.managementCompany.name, organisationNumber: grant.managementCompany.organisationNumber, wasStatus: grant.status, membershipsEnded: ended.count },
      ipAddress: meta.ip ?? null,
    });
    return { membershipsEnded: ended.count, wasStatus: grant.status as "PENDING" | "ACTIVE" };
  });
}
