import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { UUID } from "./schemas";

/**
 * The ids of a group's installations that the user may STILL see: access removed since the
 * installation was added (a revoked membership, a narrowed grant) silently drops it, so lists,
 * consumption and analysis never show more through a group than the user's access allows.
 * Another user's group, an unknown or a malformed id is NOT_FOUND. One query.
 */
export async function getGroupInstallationIds(actor: CustomerActor, groupId: string): Promise<string[]> {
  if (!UUID.test(groupId)) throw new AppError("NOT_FOUND");
  const group = await db.installationGroup.findFirst({
    where: { id: groupId, userId: actor.userId },
    select: {
      members: {
        where: { installation: installationScope(actor) },
        select: { installationId: true },
        orderBy: [{ installation: { street: "asc" } }, { installationId: "asc" }],
      },
    },
  });
  if (!group) throw new AppError("NOT_FOUND");
  return group.members.map((m) => m.installationId);
}
