import "server-only";
import { addDays, localDate } from "@/domain/time/zoned";
import { Prisma, type CustomerKind, type InstallationType, type InvoiceDelivery, type Market } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo, installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export const CONTRACTS_ENDING_WITHIN_DAYS = 90;

const marketTimeZone: Record<Market, string> = { SE: "Europe/Stockholm", DK: "Europe/Copenhagen", FI: "Europe/Helsinki" };
const installationTypes: InstallationType[] = ["ELECTRICITY_GRID", "ELECTRICITY_SUPPLY", "DISTRICT_HEATING", "DISTRICT_COOLING"];

export type StartOverview = {
  customer: {
    id: string;
    customerNumber: string;
    name: string;
    kind: CustomerKind;
    market: Market;
    email: string | null;
    invoiceDelivery: InvoiceDelivery;
  };
  /** Every installation type with the number the actor may see (zero included), in a fixed order. */
  installationCounts: { type: InstallationType; count: number }[];
  installationTotal: number;
  /** Contracts whose end date is today or within the next 90 days, soonest first. */
  contractsEndingSoon: {
    id: string;
    contractNumber: string;
    productName: string;
    endDate: string;
    installation: { id: string; type: InstallationType; name: string | null; street: string; city: string; meteringPointId: string };
  }[];
  /** The last local day with meter values among the visible installations, YYYY-MM-DD. */
  latestMeterDay: string | null;
  today: string;
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The start page for one customer (the one chosen in the customer-number switcher). */
export async function getStartOverview(actor: CustomerActor, customerId: string): Promise<StartOverview> {
  const access = accessTo(actor, customerId, "view");
  const scope = installationScope(actor, [access.customerId]);

  const customer = await db.customer.findFirst({
    where: { id: access.customerId, memberships: { some: { userId: actor.userId, revokedAt: null } } },
    select: { id: true, customerNumber: true, name: true, kind: true, market: true, email: true, invoiceDelivery: true },
  });
  if (!customer) throw new AppError("NOT_FOUND");
  const today = localDate(new Date(), marketTimeZone[customer.market]);

  const [counts, contracts, series] = await Promise.all([
    db.installation.groupBy({ by: ["type"], where: scope, _count: { _all: true } }),
    db.contract.findMany({
      where: {
        customerId: access.customerId,
        installation: scope,
        endDate: { gte: dbDate(today), lte: dbDate(addDays(today, CONTRACTS_ENDING_WITHIN_DAYS)) },
      },
      select: {
        id: true,
        contractNumber: true,
        productName: true,
        endDate: true,
        installation: { select: { id: true, type: true, name: true, street: true, city: true, meteringPointId: true } },
      },
      orderBy: [{ endDate: "asc" }, { contractNumber: "asc" }],
      take: 50,
    }),
    db.meterSeries.findMany({ where: { installation: scope }, select: { id: true } }),
  ]);

  const countOf = new Map(counts.map((c) => [c.type, c._count._all]));
  const installationCounts = installationTypes.map((type) => ({ type, count: countOf.get(type) ?? 0 }));
  return {
    customer,
    installationCounts,
    installationTotal: installationCounts.reduce((sum, c) => sum + c.count, 0),
    contractsEndingSoon: contracts.map((c) => ({ ...c, endDate: isoDate(c.endDate!) })),
    latestMeterDay: await latestDayOf(series.map((s) => s.id), today),
    today,
  };
}

/**
 * The newest meter day over many series. One index probe per series on the (seriesId, day) primary
 * key instead of aggregating years of rows: a company with hundreds of installations stays fast.
 */
async function latestDayOf(seriesIds: string[], notAfter: string): Promise<string | null> {
  if (seriesIds.length === 0) return null;
  const rows = await db.$queryRaw<{ last: Date | string | null }[]>(Prisma.sql`
    SELECT max(d."day") AS "last"
    FROM unnest(${seriesIds}::uuid[]) AS s(id)
    CROSS JOIN LATERAL (
      SELECT m."day" FROM "MeterDay" m
      WHERE m."seriesId" = s.id AND m."day" <= ${notAfter}::date
      ORDER BY m."day" DESC
      LIMIT 1
    ) d`);
  const last = rows[0]?.last;
  if (!last) return null;
  return typeof last === "string" ? last.slice(0, 10) : isoDate(last);
}
