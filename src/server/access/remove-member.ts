import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";
import { requireSomeAccess } from "./scope";
import { parseInput } from "@/server/boundary/field-errors";
import { membershipIdSchema } from "./schemas";
import { keepAnotherAdministrator } from "./last-administrator";
import { revokeMembership } from "./revoke-membership";

/**
 * An administrator removes a user's access to a customer (Ta bort behörighet). The membership is
 * revoked, not deleted (the log keeps who had access); it stops working on the user's next request,
 * because every request reads memberships afresh. The last administrator cannot be removed.
 */
export async function removeMember(actor: CustomerActor, input: { membershipId: string }, meta: { ip?: string | null } = {}): Promise<void> {
  requireSomeAccess(actor, "manageUsers");
  const { membershipId } = parseInput(membershipIdSchema, input);

  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, revokedAt: null, managementGrantId: null, customer: customerWhereActorMay(actor, "manageUsers") },
      include: { user: { select: { email: true } } },
    });
    if (!membership) throw new AppError("NOT_FOUND");
    await keepAnotherAdministrator(tx, membership);
    await revokeMembership(tx, actor, membership, { action: "access.memberRemoved", ip: meta.ip });
  });
}
