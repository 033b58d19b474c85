import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { UUID } from "./schemas";

/** Deletes one of the user's own groups (never the installations); another's is NOT_FOUND. */
export async function deleteGroup(actor: CustomerActor, groupId: string): Promise<void> {
  if (!UUID.test(groupId)) throw new AppError("NOT_FOUND");
  const { count } = await db.installationGroup.deleteMany({ where: { id: groupId, userId: actor.userId } });
  if (count === 0) throw new AppError("NOT_FOUND");
}
