import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";

type RevokedMembership = { id: string; userId: string; customerId: string; role: string; user: { email: string | null } };

/**
 * Ends a membership inside the caller's transaction: revoked, not deleted (the log keeps who had
 * access), and logged as `action` against the user with their e-mail, role and any `details`.
 */
export async function revokeMembership(
  tx: Prisma.TransactionClient,
  actor: CustomerActor,
  membership: RevokedMembership,
  audit: { action: string; details?: Record<string, Prisma.InputJsonValue | null>; ip?: string | null },
): Promise<void> {
  await tx.membership.update({ where: { id: membership.id }, data: { revokedAt: new Date() } });
  await writeAudit(tx, actor, {
    action: audit.action,
    targetType: "User",
    targetId: membership.userId,
    customerId: membership.customerId,
    details: { email: membership.user.email, role: membership.role, ...audit.details },
    ipAddress: audit.ip ?? null,
  });
}
