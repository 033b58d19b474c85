import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { installationScope } from "@/server/access/scope";
import type { Db } from "@/server/db/create-client";
import { AppError } from "@/server/errors";
import { installationSearchWhere } from "@/server/installations/installation-search-where";
import { MAX_GROUP_SIZE, UUID, type GroupSelection } from "./schemas";

type Reader = Pick<Db, "installation">;

/**
 * The installation ids a selection stands for, all within the actor's scope, in ONE query whatever
 * their number. Listed ids must all be visible to the actor: a single unknown, foreign or
 * malformed id makes the whole selection NOT_FOUND, so nothing about other customers leaks.
 */
export async function resolveGroupSelection(tx: Reader, actor: CustomerActor, selection: GroupSelection): Promise<string[]> {
  if ("search" in selection) {
    const rows = await tx.installation.findMany({ where: installationSearchWhere(actor, selection.search), select: { id: true }, take: MAX_GROUP_SIZE + 1 });
    if (rows.length > MAX_GROUP_SIZE) throw new AppError("VALIDATION", "groups.tooMany");
    if (rows.length === 0) throw new AppError("VALIDATION", "groups.noneSelected");
    return rows.map((r) => r.id);
  }
  const ids = [...new Set(selection.installationIds)];
  if (ids.length === 0) throw new AppError("VALIDATION", "groups.noneSelected");
  if (ids.length > MAX_GROUP_SIZE) throw new AppError("VALIDATION", "groups.tooMany");
  if (!ids.every((id) => UUID.test(id))) throw new AppError("NOT_FOUND");
  const visible = await tx.installation.count({ where: { AND: [installationScope(actor), { id: { in: ids } }] } });
  if (visible !== ids.length) throw new AppError("NOT_FOUND");
  return ids;
}
