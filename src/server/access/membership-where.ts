import "server-only";
import { can, isCustomerWide, may, type Permission, type Role } from "@/domain/access/permissions";
import type { Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "./actor";

const roles: readonly Role[] = ["ADMINISTRATOR", "FULL", "READ"];

/** The levels that carry a permission, read from the one matrix (`can`). */
export function rolesWith(permission: Permission): Role[] {
  return roles.filter((r) => can(r, permission));
}

/** The membership conditions a permission needs, for a `where` on Membership. */
export function membershipWhereCarrying(permission: Permission): Prisma.MembershipWhereInput {
  return isCustomerWide(permission)
    ? // Customer-wide: the customer's own membership of all installations (`may`).
      { revokedAt: null, role: { in: rolesWith(permission) }, allInstallations: true, managementGrantId: null, user: { status: "ACTIVE" } }
    : { revokedAt: null, role: { in: rolesWith(permission) }, user: { status: "ACTIVE" }, OR: [{ managementGrantId: null }, { managementGrant: { status: "ACTIVE" } }] };
}

/**
 * A `where` on Customer (combinable with other conditions) that holds only when the actor still has a live membership carrying the
 * permission: the database confirms what the actor (read at the start of the request) says.
 */
export function customerWhereActorMay(actor: CustomerActor, permission: Permission): Prisma.CustomerWhereInput {
  return {
    AND: [
      { id: { in: actor.customers.filter((c) => may(c, permission)).map((c) => c.customerId) } },
      { memberships: { some: { userId: actor.userId, ...membershipWhereCarrying(permission) } } },
    ],
  };
}

/** A `where` on ManagementCompany that holds only for a company the actor administers. */
export function companyWhereActorAdministers(actor: CustomerActor, managementCompanyId?: string): Prisma.ManagementCompanyWhereInput {
  const administered = (actor.managementCompanies ?? []).filter((m) => m.role === "ADMINISTRATOR").map((m) => m.managementCompanyId);
  const ids = managementCompanyId ? administered.filter((id) => id === managementCompanyId) : administered;
  return {
    AND: [{ id: { in: ids } }, { members: { some: { userId: actor.userId, role: "ADMINISTRATOR", revokedAt: null, user: { status: "ACTIVE" } } } }],
  };
}
