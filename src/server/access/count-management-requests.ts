import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { customerWhereActorMay } from "./membership-where";

/**
 * Management companies' requests waiting for the user's answer (the start page's notice): on
 * customers the user may let companies in to (its own administrator of the whole customer). The
 * customer of the oldest one is where the notice leads. Two small queries.
 */
export async function countManagementRequestsToHandle(actor: CustomerActor): Promise<{ count: number; customerId: string | null }> {
  const where = { status: "REQUESTED" as const, customer: customerWhereActorMay(actor, "inviteManagementCompany") };
  const [count, oldest] = await Promise.all([
    db.managementGrant.count({ where }),
    db.managementGrant.findFirst({ where, orderBy: [{ requestedAt: "asc" }, { id: "asc" }], select: { customerId: true } }),
  ]);
  return { count, customerId: oldest?.customerId ?? null };
}
