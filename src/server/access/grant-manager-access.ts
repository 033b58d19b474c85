import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { grantManagerAccessSchema, type GrantManagerAccessInput } from "./schemas";
import { chosenInstallations, saveMembership } from "./installation-choice";

/**
 * A management company's administrator gives one of the company's people access to a client
 * (seed 001: "ge dessa behörighet till de kunder ni förvaltar"): Full or Read, to all the
 * installations the client granted the company or to some of them, never more. Granting again
 * changes the level and installations. The access ends with the grant or with the person's place
 * in the company.
 */
export async function grantManagerAccess(
  actor: CustomerActor,
  input: GrantManagerAccessInput,
  meta: { ip?: string | null } = {},
): Promise<{ membershipId: string }> {
  if (!(actor.managementCompanies ?? []).some((m) => m.managementCompanyId === input.managementCompanyId && m.role === "ADMINISTRATOR")) {
    throw new AppError("FORBIDDEN");
  }
  const { managementCompanyId, grantId, memberId, role, scope, installationIds } = parseInput(grantManagerAccessSchema, input);
  const selected = chosenInstallations(scope, installationIds);

  return db.$transaction(async (tx) => {
    const grant = await tx.managementGrant.findFirst({
      where: { id: grantId, status: "ACTIVE", managementCompany: { id: managementCompanyId, ...companyWhereActorAdministers(actor, managementCompanyId) } },
      include: { installations: { select: { installationId: true } }, managementCompany: { select: { name: true } } },
    });
    if (!grant) throw new AppError("NOT_FOUND");
    const member = await tx.managementCompanyMember.findFirst({
      where: { id: memberId, managementCompanyId, revokedAt: null, user: { status: "ACTIVE" } },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw new AppError("NOT_FOUND");

    // Never more than the grant: chosen installations must be the customer's and within the grant.
    if (selected.length) {
      const allowed = grant.allInstallations
        ? await tx.installation.count({ where: { id: { in: selected }, customerId: grant.customerId } })
        : selected.filter((id) => grant.installations.some((i) => i.installationId === id)).length;
      if (allowed !== selected.length) throw new AppError("VALIDATION", undefined, { installationIds: ["access.errors.outsideGrant"] });
    }

    const existing = await tx.membership.findUnique({ where: { userId_customerId: { userId: member.userId, customerId: grant.customerId } } });
    // A user's own access to the customer (or through another company) is not the company's to change.
    if (existing && !existing.revokedAt && existing.managementGrantId !== grant.id) throw new AppError("CONFLICT", "access.errors.hasOtherAccess");
    const data = { role, allInstallations: selected.length === 0, managementGrantId: grant.id, revokedAt: null };
    const membership = await saveMembership(tx, existing, { userId: member.userId, customerId: grant.customerId }, data, selected);
    await writeAudit(tx, actor, {
      action: "access.managerAccessGranted",
      targetType: "User",
      targetId: member.userId,
      customerId: grant.customerId,
      details: { email: member.user.email, role, companyName: grant.managementCompany.name, installations: selected.length === 0 ? "all" : selected.length },
      ipAddress: meta.ip ?? null,
    });
    return { membershipId: membership.id };
  });
}
