import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";
import { ACCESS_LOG_LIMIT } from "./schemas";

export type AccessLogEntry = {
  id: string;
  at: Date;
  action: string;
  /** Who did it: a user's e-mail, "staff" or "system". */
  actor: { kind: "user"; email: string | null; name: string | null } | { kind: "staff" } | { kind: "system" };
  details: Record<string, unknown>;
};

/**
 * The customer's access log for its administrators: the latest changes of who may see the
 * customer (invitations, levels, removals, management companies, added customers, registration).
 */
export async function listAccessLog(actor: CustomerActor, customerId: string): Promise<AccessLogEntry[]> {
  accessTo(actor, customerId, "manageUsers");
  const customer = await db.customer.findFirst({ where: { id: customerId, ...customerWhereActorMay(actor, "manageUsers") }, select: { id: true } });
  if (!customer) throw new AppError("NOT_FOUND");
  const rows = await db.auditLog.findMany({
    where: { customerId, OR: [{ action: { startsWith: "access." } }, { action: "account.registered" }, { action: "support.accountVoided" }] },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ACCESS_LOG_LIMIT,
    include: { actorUser: { select: { email: true, voidedEmail: true, name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor:
      r.actorType === "CUSTOMER_USER"
        ? { kind: "user", email: r.actorUser?.email ?? r.actorUser?.voidedEmail ?? null, name: r.actorUser?.name ?? null }
        : r.actorType === "STAFF"
          ? { kind: "staff" }
          : { kind: "system" },
    details: r.details && typeof r.details === "object" && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : {},
  }));
}
