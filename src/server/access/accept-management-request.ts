import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";
import { requireSomeAccess } from "./scope";
import { parseInput } from "@/server/boundary/field-errors";
import { acceptManagementRequestSchema, type AcceptManagementRequestInput } from "./schemas";
import { chosenInstallations, replaceChosenInstallations, requireCustomerInstallations } from "./installation-choice";

/**
 * One of the customer's administrators accepts a management company's request (it registered the
 * customer as a client), letting it see all or chosen installations, as when inviting a company.
 * The grant becomes ACTIVE with the administrator as its granter. A request another administrator
 * answered in the meantime is not answered twice (CONFLICT).
 */
export async function acceptManagementRequest(
  actor: CustomerActor,
  input: AcceptManagementRequestInput,
  meta: { ip?: string | null } = {},
): Promise<{ grantId: string }> {
  requireSomeAccess(actor, "inviteManagementCompany");
  const { grantId, scope, installationIds } = parseInput(acceptManagementRequestSchema, input);
  const selected = chosenInstallations(scope, installationIds);

  return db.$transaction(async (tx) => {
    const grant = await tx.managementGrant.findFirst({
      where: { id: grantId, status: "REQUESTED", customer: customerWhereActorMay(actor, "inviteManagementCompany") },
      include: { managementCompany: { select: { name: true, organisationNumber: true } } },
    });
    if (!grant) throw new AppError("NOT_FOUND");
    await requireCustomerInstallations(tx, grant.customerId, selected);
    const now = new Date();
    const claimed = await tx.managementGrant.updateMany({
      where: { id: grant.id, status: "REQUESTED" },
      data: { status: "ACTIVE", allInstallations: selected.length === 0, grantedByUserId: actor.userId, proof: "ACCEPTED_REQUEST", acceptedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "access.errors.requestAnswered");
    await replaceChosenInstallations(tx, { grantId: grant.id }, selected);
    await writeAudit(tx, actor, {
      action: "access.managementRequestAccepted",
      targetType: "ManagementGrant",
      targetId: grant.id,
      customerId: grant.customerId,
      details: { companyName: grant.managementCompany.name, organisationNumber: grant.managementCompany.organisationNumber, installations: selected.length === 0 ? "all" : selected.length },
      ipAddress: meta.ip ?? null,
    });
    return { grantId: grant.id };
  });
}
