import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { revokeMembership } from "./revoke-membership";
import { membershipIdSchema } from "./schemas";

/** A management company's administrator ends one manager's access to one client. */
export async function revokeManagerAccess(actor: CustomerActor, input: { membershipId: string }, meta: { ip?: string | null } = {}): Promise<void> {
  if (!(actor.managementCompanies ?? []).some((m) => m.role === "ADMINISTRATOR")) throw new AppError("FORBIDDEN");
  const { membershipId } = parseInput(membershipIdSchema, input);
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, revokedAt: null, managementGrant: { managementCompany: companyWhereActorAdministers(actor) } },
      include: { user: { select: { email: true } }, managementGrant: { select: { managementCompany: { select: { name: true } } } } },
    });
    if (!membership) throw new AppError("NOT_FOUND");
    await revokeMembership(tx, actor, membership, {
      action: "access.managerAccessRevoked",
      details: { companyName: membership.managementGrant?.managementCompany.name ?? null },
      ip: meta.ip,
    });
  });
}
