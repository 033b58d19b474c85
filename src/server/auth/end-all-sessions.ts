import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/create-client";

/**
 * Marks every open session of a user or staff member ended (password reset, void). The bumped
 * sessionVersion already refuses their cookies; this keeps the session list truthful.
 */
export async function endAllSessions(tx: Pick<Db, "authSession"> | Prisma.TransactionClient, owner: { userId: string } | { staffUserId: string }, now: Date = new Date()): Promise<void> {
  await tx.authSession.updateMany({ where: { ...owner, endedAt: null }, data: { endedAt: now, endReason: "REVOKED" } });
}
