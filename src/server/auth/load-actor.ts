import "server-only";
import type { Actor, CustomerAccess } from "@/server/access/actor";
import { db } from "@/server/db/client";
import type { Principal } from "./authenticate";

/**
 * Turns a session's principal into an actor, read fresh from the database on every request: a
 * voided account, a password change, a removed membership, a revoked management grant or a manager
 * removed from their management company takes effect at once.
 */
export async function loadActor(principal: Principal): Promise<Actor | null> {
  if (principal.kind === "staff") {
    const staff = await db.staffUser.findUnique({ where: { id: principal.id } });
    if (!staff || !staff.active || staff.sessionVersion !== principal.sessionVersion) return null;
    return { kind: "staff", staffId: staff.id, name: staff.name, email: staff.email, role: staff.role };
  }
  const user = await db.user.findUnique({
    where: { id: principal.id },
    include: {
      memberships: {
        where: {
          revokedAt: null,
          OR: [
            { managementGrantId: null },
            // Access through a management company lasts only while the customer's grant is active
            // and the user is still one of the company's people.
            {
              managementGrant: {
                status: "ACTIVE",
                managementCompany: { members: { some: { userId: principal.id, revokedAt: null } } },
              },
            },
          ],
        },
        include: {
          customer: { select: { customerNumber: true, name: true } },
          installations: { select: { installationId: true } },
          managementGrant: { select: { allInstallations: true, installations: { select: { installationId: true } } } },
        },
        orderBy: { customer: { customerNumber: "asc" } },
      },
      managementRoles: {
        where: { revokedAt: null },
        include: { managementCompany: { select: { name: true } } },
        orderBy: { managementCompany: { name: "asc" } },
      },
    },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== principal.sessionVersion) return null;
  return {
    kind: "customer",
    userId: user.id,
    name: user.name,
    email: user.email,
    customers: user.memberships.map((m): CustomerAccess => {
      const own = { all: m.allInstallations, ids: m.installations.map((i) => i.installationId) };
      const scope = m.managementGrant ? withinGrant(own, { all: m.managementGrant.allInstallations, ids: m.managementGrant.installations.map((i) => i.installationId) }) : own;
      return {
        customerId: m.customerId,
        customerNumber: m.customer.customerNumber,
        customerName: m.customer.name,
        role: m.role,
        allInstallations: scope.all,
        installationIds: scope.ids,
        viaManagement: m.managementGrantId !== null,
      };
    }),
    managementCompanies: user.managementRoles.map((r) => ({ managementCompanyId: r.managementCompanyId, companyName: r.managementCompany.name, role: r.role })),
  };
}

type Scope = { all: boolean; ids: string[] };

/** A manager never sees more than the grant: their own scope intersected with the grant's. */
function withinGrant(own: Scope, grant: Scope): Scope {
  if (grant.all) return own;
  if (own.all) return { all: false, ids: grant.ids };
  const granted = new Set(grant.ids);
  return { all: false, ids: own.ids.filter((id) => granted.has(id)) };
}
