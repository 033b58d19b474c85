import "server-only";
import type { MeterQuantity, Resolution } from "@/generated/prisma/enums";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo, installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { ConsumptionInstallation } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SELECTED_INSTALLATIONS = 1000;

export type InstallationSelection = {
  /** Installation ids, or "all": every installation the actor may see (narrowed by customerIds). */
  installationIds: string[] | "all";
  /** With "all": only these customers' installations (each must be one of the actor's). */
  customerIds?: string[];
};

export type ResolvedInstallation = ConsumptionInstallation & {
  resolution: Resolution;
  /** The series of the requested quantity (the installation's own resolution first), if any. */
  series: { id: string; resolution: Resolution; unit: string } | null;
};

/**
 * The selected installations with their series of one quantity, in ONE query that carries the
 * actor's scope in its where clause. Any id outside the scope (or unknown, or malformed) makes the
 * whole request NOT_FOUND, exactly like the installation page: the answer never tells whether
 * another customer's installation exists. Order: as listed, or for "all" by street and name.
 */
export async function resolveInstallations(
  actor: CustomerActor,
  selection: InstallationSelection,
  quantity: MeterQuantity,
): Promise<ResolvedInstallation[]> {
  const ids = selection.installationIds === "all" ? null : [...new Set(selection.installationIds)];
  if (ids) {
    if (ids.length === 0 || ids.length > MAX_SELECTED_INSTALLATIONS || !ids.every((id) => UUID.test(id))) throw new AppError("NOT_FOUND");
  }
  const customerIds = selection.installationIds === "all" && selection.customerIds ? selection.customerIds.map((c) => accessTo(actor, c).customerId) : undefined;

  const rows = await db.installation.findMany({
    where: { AND: [installationScope(actor, customerIds), ...(ids ? [{ id: { in: ids } }] : [])] },
    select: {
      id: true,
      customerId: true,
      name: true,
      street: true,
      meteringPointId: true,
      type: true,
      timeZone: true,
      dwellingType: true,
      resolution: true,
      series: { where: { quantity }, select: { id: true, resolution: true, unit: true } },
    },
    orderBy: [{ street: "asc" }, { name: "asc" }, { type: "asc" }, { id: "asc" }],
    take: MAX_SELECTED_INSTALLATIONS + 1,
  });
  if (ids && rows.length !== ids.length) throw new AppError("NOT_FOUND");
  if (rows.length > MAX_SELECTED_INSTALLATIONS) throw new AppError("VALIDATION", "Too many installations selected");

  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids ? ids.map((id) => byId.get(id)!) : rows;
  return ordered.map(({ series, ...r }) => {
    const own = series.find((s) => s.resolution === r.resolution) ?? series[0] ?? null;
    return { ...r, hasSeries: own !== null, series: own };
  });
}
