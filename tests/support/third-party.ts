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

/** The body of a consent request for `home`'s installation (hourly values from 2026-01-01), as a third party submits it. */
export function submission(home: { nationalId: string; installation: { meteringPointId: string } }, reference: string, validTo: string) {
  return {
    reference,
    customerIdentityNumber: home.nationalId,
    meteringPointId: home.installation.meteringPointId,
    purpose: "Energy advice from hourly values.",
    resolution: "PT1H",
    dataFrom: "2026-01-01",
    validTo,
  };
}

/** Customer A (a household with a grid and a heating installation) and customer B (a company with a grid installation). */
export async function twoSharingCustomers(db: Db) {
  const customerA = await createCustomer(db, { kind: "PRIVATE", name: "Anna Andersson" });
  const customerB = await createCustomer(db, { kind: "COMPANY", name: "Kylhuset AB" });
  const gridA = await createInstallation(db, { customerId: customerA.id, type: "ELECTRICITY_GRID", name: "Villa – el" });
  const heatA = await createInstallation(db, { customerId: customerA.id, type: "DISTRICT_HEATING", name: "Villa – fjärrvärme" });
  const gridB = await createInstallation(db, { customerId: customerB.id, type: "ELECTRICITY_GRID", name: "Kylhuset – el" });
  return { customerA, customerB, gridA, heatA, gridB };
}
