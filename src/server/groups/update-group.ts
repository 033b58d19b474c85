import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { installationScope } from "@/server/access/scope";
import { parseInput } from "@/server/boundary/field-errors";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { installationSearchWhere } from "@/server/installations/installation-search-where";
import { assertNameFree, isUniqueViolation } from "./group-name";
import { resolveGroupSelection } from "./resolve-group-selection";
import { groupNameInputSchema, MAX_GROUP_SIZE, UUID, type GroupSelection, type GroupSummary } from "./schemas";

export type GroupChanges = {
  name?: string;
  /** Installations to add; all must be visible to the user (as when creating). */
  add?: GroupSelection;
  /** Installations to take out (ids, or what a search matches); non-members are ignored. */
  remove?: GroupSelection;
};

/**
 * Renames one of the user's own groups and adds or removes members. Another user's group is
 * NOT_FOUND, like one that does not exist. Returns the group with the number of members the user
 * can still see.
 */
export async function updateGroup(actor: CustomerActor, groupId: string, changes: GroupChanges): Promise<GroupSummary> {
  if (!UUID.test(groupId)) throw new AppError("NOT_FOUND");
  let name: string | undefined;
  if (changes.name !== undefined) {
    name = parseInput(groupNameInputSchema, { name: changes.name }).name;
  }
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.installationGroup.findFirst({ where: { id: groupId, userId: actor.userId }, select: { id: true, name: true } });
      if (!group) throw new AppError("NOT_FOUND");
      if (name !== undefined && name !== group.name) {
        await assertNameFree(tx, actor.userId, name, group.id);
        await tx.installationGroup.update({ where: { id: group.id }, data: { name } });
      }
      if (changes.add) {
        const ids = await resolveGroupSelection(tx, actor, changes.add);
        await tx.installationGroupMember.createMany({ data: ids.map((installationId) => ({ groupId: group.id, installationId })), skipDuplicates: true });
      }
      if (changes.remove) {
        // Taking out needs no access check (it only narrows the user's own group); a search does
        // stay within the user's scope.
        const remove =
          "search" in changes.remove
            ? (await tx.installation.findMany({ where: installationSearchWhere(actor, changes.remove.search), select: { id: true } })).map((r) => r.id)
            : changes.remove.installationIds.filter((id) => UUID.test(id));
        if (remove.length === 0) throw new AppError("VALIDATION", "groups.noneSelected");
        await tx.installationGroupMember.deleteMany({ where: { groupId: group.id, installationId: { in: remove } } });
      }
      if (changes.add && (await tx.installationGroupMember.count({ where: { groupId: group.id } })) > MAX_GROUP_SIZE) {
        throw new AppError("VALIDATION", "groups.tooMany");
      }
      // Touch the group so lists show when it last changed, even when only members changed.
      await tx.installationGroup.update({ where: { id: group.id }, data: { updatedAt: new Date() } });
      const memberCount = await tx.installationGroupMember.count({ where: { groupId: group.id, installation: installationScope(actor) } });
      return { id: group.id, name: name ?? group.name, memberCount };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "errors.VALIDATION", { name: ["groups.nameTaken"] });
    throw error;
  }
}
