import "server-only";
import { can, type Permission } from "@/domain/access/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import type { CustomerAccess, CustomerActor } from "./actor";

/** The actor's access to one customer, or a NOT_FOUND error (never tell whether it exists). */
export function accessTo(actor: CustomerActor, customerId: string, permission: Permission = "view"): CustomerAccess {
  const access = actor.customers.find((c) => c.customerId === customerId);
  if (!access) throw new AppError("NOT_FOUND");
  if (!can(access.role, permission)) throw new AppError("FORBIDDEN");
  return access;
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
