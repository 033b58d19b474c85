import "server-only";
import type { Role } from "@/domain/access/permissions";
import type { CustomerActor } from "@/server/access/actor";
import { installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";

export type MyCustomer = {
  customerId: string;
  customerNumber: string;
  customerName: string;
  role: Role;
  /** Installations this user may see of the customer. */
  installationCount: number;
  allInstallations: boolean;
  /** The management company the access comes through, if it does. */
  viaCompany: string | null;
};

/** The customer numbers the signed-in user may see, with their level (Behörighet: "Mina kunder"). */
export async function listMyCustomers(actor: CustomerActor): Promise<MyCustomer[]> {
  if (actor.customers.length === 0) return [];
  const [counts, memberships] = await Promise.all([
    db.installation.groupBy({ by: ["customerId"], where: installationScope(actor), _count: { _all: true } }),
    db.membership.findMany({
      where: { userId: actor.userId, revokedAt: null, customerId: { in: actor.customers.map((c) => c.customerId) } },
      select: { customerId: true, managementGrant: { select: { managementCompany: { select: { name: true } } } } },
    }),
  ]);
  const count = new Map(counts.map((c) => [c.customerId, c._count._all]));
  const via = new Map(memberships.map((m) => [m.customerId, m.managementGrant?.managementCompany.name ?? null]));
  return actor.customers.map((c) => ({
    customerId: c.customerId,
    customerNumber: c.customerNumber,
    customerName: c.customerName,
    role: c.role,
    installationCount: count.get(c.customerId) ?? 0,
    allInstallations: c.allInstallations,
    viaCompany: via.get(c.customerId) ?? null,
  }));
}
