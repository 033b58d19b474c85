import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";
import type { GroupSummary } from "./schemas";

export type GroupListItem = GroupSummary & { updatedAt: Date };

/**
 * The user's groups by name, each with the number of members the user can see today (access to an
 * installation may have ended since it was added). One query.
 */
export async function listGroups(actor: CustomerActor): Promise<GroupListItem[]> {
  const groups = await db.installationGroup.findMany({
    where: { userId: actor.userId },
    select: {
      id: true,
      name: true,
      updatedAt: true,
      _count: { select: { members: { where: { installation: installationScope(actor) } } } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return groups.map(({ _count, ...g }) => ({ ...g, memberCount: _count.members }));
}
