import "server-only";
import type { InstallationType, Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo, installationScope } from "@/server/access/scope";

export type InstallationSearchParams = {
  /** One of the actor's customers, or "all" (the default) for every customer the actor may see. */
  customerId?: string | "all";
  /** Free text: metering point id, name, street, city, property designation or meter number. */
  q?: string;
  type?: InstallationType;
  /** Only the members of one of the actor's own installation groups. */
  groupId?: string;
};

/**
 * The where clause of an installation search ("Anläggningar"), always inside the actor's scope:
 * the list pages with it, and "select all N matching the search" saves exactly the same set, in
 * one statement whatever N is.
 */
export function installationSearchWhere(actor: CustomerActor, params: InstallationSearchParams): Prisma.InstallationWhereInput {
  const customerIds = params.customerId && params.customerId !== "all" ? [accessTo(actor, params.customerId).customerId] : undefined;
  const and: Prisma.InstallationWhereInput[] = [installationScope(actor, customerIds)];
  if (params.type) and.push({ type: params.type });
  const search = searchWhere(params.q);
  if (search) and.push(search);
  // Someone else's group matches nothing, like an unknown one.
  if (params.groupId) and.push({ groups: { some: { groupId: params.groupId, group: { userId: actor.userId } } } });
  return { AND: and };
}

function searchWhere(q: string | undefined): Prisma.InstallationWhereInput | null {
  const text = q?.trim().slice(0, 100);
  if (!text) return null;
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  const or: Prisma.InstallationWhereInput[] = [
    { name: contains(text) },
    { street: contains(text) },
    { city: contains(text) },
    { propertyDesignation: contains(text) },
    { meterNumber: contains(text) },
  ];
  // Metering point ids are printed in groups ("735999 1000 0000 0010") but stored as 18 digits.
  const compact = text.replace(/[\s-]+/g, "");
  or.push({ meteringPointId: { contains: /^\d+$/.test(compact) ? compact : text } });
  return { OR: or };
}
