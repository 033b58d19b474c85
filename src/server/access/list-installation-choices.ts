import "server-only";
import type { InstallationType } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo, installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";

export type InstallationChoice = { id: string; name: string | null; street: string; city: string; meteringPointId: string; type: InstallationType };

/** A customer's installations to choose from when inviting a user or a management company. */
export async function listInstallationChoices(actor: CustomerActor, customerId: string): Promise<InstallationChoice[]> {
  accessTo(actor, customerId, "manageUsers");
  return db.installation.findMany({
    where: { AND: [{ customerId }, installationScope(actor, [customerId])] },
    select: { id: true, name: true, street: true, city: true, meteringPointId: true, type: true },
    orderBy: [{ name: "asc" }, { street: "asc" }, { id: "asc" }],
  });
}
