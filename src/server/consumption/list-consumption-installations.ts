import "server-only";
import type { InstallationType, MeterQuantity } from "@/generated/prisma/enums";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo, installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";

export type ConsumptionChoice = {
  id: string;
  customerId: string;
  name: string | null;
  street: string;
  city: string;
  type: InstallationType;
  meteringPointId: string;
  timeZone: string;
  dwellingType: string | null;
  /** Quantities the installation has a meter series for. */
  quantities: MeterQuantity[];
};

/**
 * The installations of one of the actor's customers that the consumption page offers to choose
 * from, with the quantities each one measures (energy; volume and temperatures for heat). Scoped
 * like every list: a restricted member sees only the installations granted to them.
 */
export async function listConsumptionInstallations(actor: CustomerActor, customerId: string): Promise<ConsumptionChoice[]> {
  const access = accessTo(actor, customerId);
  const rows = await db.installation.findMany({
    where: installationScope(actor, [access.customerId]),
    select: {
      id: true,
      customerId: true,
      name: true,
      street: true,
      city: true,
      type: true,
      meteringPointId: true,
      timeZone: true,
      dwellingType: true,
      series: { select: { quantity: true } },
    },
    orderBy: [{ street: "asc" }, { name: "asc" }, { type: "asc" }, { id: "asc" }],
  });
  return rows.map(({ series, ...r }) => ({ ...r, quantities: [...new Set(series.map((s) => s.quantity))] }));
}
