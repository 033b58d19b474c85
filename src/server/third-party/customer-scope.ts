import "server-only";
import { can, type Permission } from "@/domain/access/permissions";
import type { Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { customerWhereActorMay } from "@/server/access/membership-where";
import { installationScope } from "@/server/access/scope";

/**
 * A `where` on ConsentRequest / DataDelivery rows a customer user may see or act on with the
 * permission: the customer's level must carry it (confirmed in the database) and the installation
 * must be one the user sees. Requests that matched no customer never match.
 */
export function consentWhereActorMay(actor: CustomerActor, permission: Permission): Prisma.ConsentRequestWhereInput & Prisma.DataDeliveryWhereInput {
  const customerIds = actor.customers.filter((c) => can(c.role, permission)).map((c) => c.customerId);
  return { customer: customerWhereActorMay(actor, permission), installation: installationScope(actor, customerIds) };
}
