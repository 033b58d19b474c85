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
 * One of the customer's administrators declines a management company's request. The company sees
 * it declined on Förvaltning and cannot ask again with the customer's numbers; the customer can
 * still invite it later. Memberships left from before requests needed an answer end with it.
 */
export async function declineManagementRequest(actor: CustomerActor, input: { grantId: string }, meta: { ip?: string | null } = {}): Promise<void> {
  requireSomeAccess(actor, "inviteManagementCompany");
  const { grantId } = parseInput(grantIdSchema, input);

  await db.$transaction(async (tx) => {
    const grant = await tx.managementGrant.findFirst({
      where: { id: grantId, status: "REQUESTED", customer: customerWhereActorMay(actor, "inviteManagementCompany") },
      include: { managementCompany: { select: { name: true, organisationNumber: true } } },
    });
    if (!grant) throw new AppError("NOT_FOUND");
    const now = new Date();
    const claimed = await tx.managementGrant.updateMany({
      where: { id: grant.id, status: "REQUESTED" },
      data: { status: "DECLINED", declinedAt: now, declinedByUserId: actor.userId },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "access.errors.requestAnswered");
    await tx.membership.updateMany({ where: { managementGrantId: grant.id, revokedAt: null }, data: { revokedAt: now } });
    await writeAudit(tx, actor, {
      action: "access.managementRequestDeclined",
      targetType: "ManagementGrant",
      targetId: grant.id,
      customerId: grant.customerId,
      details: { companyName: grant.managementCompany.name, organisationNumber: grant.managementCompany.organisationNumber },
      ipAddress: meta.ip ?? null,
    });
  });
}
