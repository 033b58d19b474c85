// Builders for the third-party access tests: a household customer with a grid installation and
// hourly (or quarter-hourly) values, a third party with an API client, and the actor its token gives.
import { createCustomer, createInstallation, createMeterSeries } from "@/fixtures/factories";
import { createApiClient, createThirdParty, type ThirdPartyOptions } from "@/fixtures/third-party-factories";
import type { Resolution } from "@/generated/prisma/enums";
import type { Db } from "@/server/db/create-client";
import type { ThirdPartyActor } from "@/server/third-party/third-party-actor";

/** A customer with an installation whose energy is 1 kWh per hour (0.25 per quarter-hour) over [from, to). */
export async function householdWithValues(db: Db, o: { from: string; to: string; resolution?: Resolution; startDate?: string; market?: "SE" | "DK" | "FI" } = { from: "2025-01-01", to: "2026-12-01" }) {
  const resolution = o.resolution ?? "PT1H";
  const customer = await createCustomer(db, { market: o.market ?? "SE", kind: "PRIVATE" });
  const full = await db.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { nationalId: true } });
  const installation = await createInstallation(db, { customerId: customer.id, type: "ELECTRICITY_GRID", resolution, startDate: o.startDate ?? "2015-01-01" });
  await createMeterSeries(db, {
    installationId: installation.id,
    quantity: "ENERGY_KWH",
    resolution,
    from: o.from,
    toExclusive: o.to,
    timeZone: installation.timeZone,
    generator: (day) => Array.from({ length: day.intervals }, () => (resolution === "PT15M" ? 0.25 : 1)),
  });
  return { customer, nationalId: full.nationalId, installation };
}

/** A third party with one API client; `actor` is what a token of that client stands for. */
export async function thirdPartyWithClient(db: Db, options: ThirdPartyOptions = {}) {
  const party = await createThirdParty(db, options);
  const { client, clientId, secret } = await createApiClient(db, { thirdPartyId: party.id });
  const actor: ThirdPartyActor = { kind: "thirdParty", thirdPartyId: party.id, thirdPartyName: party.name, apiClientId: client.id, clientId };
  return { party, client, clientId, secret, actor };
}
