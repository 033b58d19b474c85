import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { parseInput } from "@/server/boundary/field-errors";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertNameFree, isUniqueViolation } from "./group-name";
import { resolveGroupSelection } from "./resolve-group-selection";
import { groupNameInputSchema, type GroupSelection, type GroupSummary } from "./schemas";

/**
 * Saves a named group of installations for the signed-in user (seed 001: "markera enskilda eller
 * alla anläggningar du söker fram och skapa egna grupper"). The name is 1–60 characters and unique
 * among the user's groups (case-insensitively). Every installation must be one the user may see,
 * checked in one query; otherwise NOT_FOUND and nothing is stored. Three statements in all,
 * whether the group holds two installations or five hundred.
 */
export async function createGroup(actor: CustomerActor, input: { name: string; selection: GroupSelection }): Promise<GroupSummary> {
  const { name } = parseInput(groupNameInputSchema, { name: input.name });
  try {
    return await db.$transaction(async (tx) => {
      const ids = await resolveGroupSelection(tx, actor, input.selection);
      await assertNameFree(tx, actor.userId, name);
      const group = await tx.installationGroup.create({ data: { userId: actor.userId, name }, select: { id: true, name: true } });
      await tx.installationGroupMember.createMany({ data: ids.map((installationId) => ({ groupId: group.id, installationId })) });
      return { ...group, memberCount: ids.length };
    });
  } catch (error) {
    // Two saves of the same name at once: the unique index decides.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "errors.VALIDATION", { name: ["groups.nameTaken"] });
    throw error;
  }
}
