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
 * The installations of some of the actor's customers that the consumption page offers to choose
 * from, with the quantities each one measures (energy; volume and temperatures for heat), in ONE
 * query for all the customers (each row names its customer). Scoped like every list: a customer
 * that is not the actor's is NOT_FOUND, and a restricted member sees only the installations
 * granted to them.
 */
export async function listConsumptionInstallations(actor: CustomerActor, customerIds: readonly string[]): Promise<ConsumptionChoice[]> {
  const scoped = customerIds.map((id) => accessTo(actor, id).customerId);
  if (scoped.length === 0) return [];
  const rows = await db.installation.findMany({
    where: installationScope(actor, scoped),
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
