import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";
import { requireSomeAccess } from "./scope";
import { parseInput } from "@/server/boundary/field-errors";
import { changeMemberRoleSchema, roleRank, type ChangeMemberRoleInput } from "./schemas";
import { keepAnotherAdministrator } from "./last-administrator";

/**
 * An administrator changes a user's level for a customer (Ändra behörighet). Nobody raises their
 * own level, and a customer never loses its last administrator. Access that comes through a
 * management company is the company's to change (the customer revokes the grant instead).
 */
export async function changeMemberRole(
  actor: CustomerActor,
  input: ChangeMemberRoleInput,
  meta: { ip?: string | null } = {},
): Promise<{ changed: boolean }> {
  requireSomeAccess(actor, "manageUsers");
  const { membershipId, role } = parseInput(changeMemberRoleSchema, input);

  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, revokedAt: null, managementGrantId: null, customer: customerWhereActorMay(actor, "manageUsers") },
      include: { user: { select: { email: true } } },
    });
    if (!membership) throw new AppError("NOT_FOUND");
    if (membership.role === role) return { changed: false };
    if (membership.userId === actor.userId && roleRank[role] > roleRank[membership.role]) throw new AppError("FORBIDDEN", "access.errors.selfRaise");
    await keepAnotherAdministrator(tx, membership);
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await writeAudit(tx, actor, {
      action: "access.roleChanged",
      targetType: "User",
      targetId: membership.userId,
      customerId: membership.customerId,
      details: { email: membership.user.email, from: membership.role, to: role },
      ipAddress: meta.ip ?? null,
    });
    return { changed: true };
  });
}
