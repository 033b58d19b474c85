import "server-only";
import { may, type Permission } from "@/domain/access/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import type { CustomerAccess, CustomerActor } from "./actor";

/**
 * The actor's access to one customer, or a NOT_FOUND error (never tell whether it exists); FORBIDDEN
 * when the level lacks the permission, or when a customer-wide permission meets a membership
 * restricted to some installations or one through a management company (`may`).
 */
export function accessTo(actor: CustomerActor, customerId: string, permission: Permission = "view"): CustomerAccess {
  const access = actor.customers.find((c) => c.customerId === customerId);
  if (!access) throw new AppError("NOT_FOUND");
  if (!may(access, permission)) throw new AppError("FORBIDDEN");
  return access;
}

/**
 * FORBIDDEN unless the actor holds the permission for at least one customer: the early answer of an
 * action whose target (a membership, a grant) is looked up afterwards within `customerWhereActorMay`.
 */
export function requireSomeAccess(actor: CustomerActor, permission: Permission): void {
  if (!actor.customers.some((c) => may(c, permission))) throw new AppError("FORBIDDEN");
}

/** Installations the actor may see, optionally narrowed to some customers. */
export function installationScope(actor: CustomerActor, customerIds?: string[]): Prisma.InstallationWhereInput {
  const accesses = actor.customers.filter((c) => !customerIds || customerIds.includes(c.customerId));
  const whole = accesses.filter((c) => c.allInstallations).map((c) => c.customerId);
  const granted = accesses.filter((c) => !c.allInstallations).flatMap((c) => c.installationIds);
  const or: Prisma.InstallationWhereInput[] = [];
  if (whole.length) or.push({ customerId: { in: whole } });
  if (granted.length) or.push({ id: { in: granted } });
  // No access at all must match nothing, not everything.
  return or.length ? { OR: or } : { id: { in: [] } };
}
