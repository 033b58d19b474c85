import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/access/actor";
import type { Db } from "@/server/db/create-client";

type Tx = Pick<Db, "auditLog"> | Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  customerId?: string | null;
  details?: Prisma.InputJsonValue;
  ipAddress?: string | null;
};

/** Records who did what; call inside the same transaction as the change it describes. */
export async function writeAudit(tx: Tx, actor: Actor | { kind: "system" }, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorType: actor.kind === "customer" ? "CUSTOMER_USER" : actor.kind === "staff" ? "STAFF" : "SYSTEM",
      actorUserId: actor.kind === "customer" ? actor.userId : null,
      actorStaffId: actor.kind === "staff" ? actor.staffId : null,
      customerId: entry.customerId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
      ipAddress: entry.ipAddress ?? null,
    },
  });
}
