import "server-only";
import { addDays, localDate } from "@/domain/time/zoned";
import type { BillingCycle, ContractPricing, InstallationStatus, InstallationType, MeterQuantity, Resolution } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECENT_DAYS = 7;

type RecentDay = {
  /** Local calendar date in the installation's time zone, YYYY-MM-DD. */
  date: string;
  /** Day total (the stored `sum`), or null when the day has no row. */
  total: number | null;
  /** Some intervals of the day are missing (quality 3). */
  incomplete: boolean;
  /** Some intervals are estimated (quality 1) rather than measured. */
  estimated: boolean;
};

export type SeriesSummary = {
  id: string;
  quantity: MeterQuantity;
  resolution: Resolution;
  unit: string;
  /** The last local day with values, YYYY-MM-DD, or null when the series has none yet. */
  lastDay: string | null;
  /** For energy series: the seven local days up to the last day with values (oldest first). */
  recentDays: RecentDay[] | null;
};

export type InstallationDetail = {
  id: string;
  customerId: string;
  customer: { customerNumber: string; name: string };
  type: InstallationType;
  status: InstallationStatus;
  meteringPointId: string;
  name: string | null;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  propertyDesignation: string | null;
  priceArea: string;
  timeZone: string;
  meterNumber: string;
  resolution: Resolution;
  startDate: string;
  endDate: string | null;
  contracts: {
    id: string;
    contractNumber: string;
    productName: string;
    pricing: ContractPricing;
    billingCycle: BillingCycle;
    startDate: string;
    /** Null for an open-ended contract (tills vidare). */
    endDate: string | null;
  }[];
  series: SeriesSummary[];
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * One installation the actor may see (seed 001: the detail page), with its customer, contracts and
 * the latest meter values. The id and the actor's scope are in the same query, so an installation
 * outside the scope is NOT_FOUND, exactly like one that does not exist.
 */
export async function getInstallation(actor: CustomerActor, installationId: string): Promise<InstallationDetail> {
  if (!UUID.test(installationId)) throw new AppError("NOT_FOUND");
  const installation = await db.installation.findFirst({
    where: { AND: [{ id: installationId }, installationScope(actor)] },
    include: {
      customer: { select: { customerNumber: true, name: true } },
      contracts: {
        select: { id: true, contractNumber: true, productName: true, pricing: true, billingCycle: true, startDate: true, endDate: true },
        orderBy: [{ startDate: "desc" }, { contractNumber: "asc" }],
      },
      series: { select: { id: true, quantity: true, resolution: true, unit: true }, orderBy: [{ quantity: "asc" }, { resolution: "asc" }] },
    },
  });
  if (!installation) throw new AppError("NOT_FOUND");

  const series = await summarizeSeries(installation.series, installation.timeZone);
  return {
    id: installation.id,
    customerId: installation.customerId,
    customer: installation.customer,
    type: installation.type,
    status: installation.status,
    meteringPointId: installation.meteringPointId,
    name: installation.name,
    street: installation.street,
    postalCode: installation.postalCode,
    city: installation.city,
    country: installation.country,
    propertyDesignation: installation.propertyDesignation,
    priceArea: installation.priceArea,
    timeZone: installation.timeZone,
    meterNumber: installation.meterNumber,
    resolution: installation.resolution,
    startDate: isoDate(installation.startDate),
    endDate: installation.endDate ? isoDate(installation.endDate) : null,
    contracts: installation.contracts.map((c) => ({
      ...c,
      startDate: isoDate(c.startDate),
      endDate: c.endDate ? isoDate(c.endDate) : null,
    })),
    series,
  };
}

/**
 * Last day per series (one grouped query on the primary key) and, for energy series, the day totals
 * of the seven local days up to that day (one query). Days after today in the installation's time
 * zone are ignored, so a forecast row never counts as a reading.
 */
async function summarizeSeries(
  series: { id: string; quantity: MeterQuantity; resolution: Resolution; unit: string }[],
  timeZone: string,
): Promise<SeriesSummary[]> {
  if (series.length === 0) return [];
  const today = localDate(new Date(), timeZone);
  const last = await db.meterDay.groupBy({
    by: ["seriesId"],
    where: { seriesId: { in: series.map((s) => s.id) }, day: { lte: dbDate(today) } },
    _max: { day: true },
  });
  const lastDay = new Map(last.map((l) => [l.seriesId, l._max.day ? isoDate(l._max.day) : null]));

  const energy = series.filter((s) => s.quantity === "ENERGY_KWH" && lastDay.get(s.id));
  const windows = new Map(energy.map((s) => [s.id, { from: addDays(lastDay.get(s.id)!, -(RECENT_DAYS - 1)), to: lastDay.get(s.id)! }]));
  const rows = energy.length
    ? await db.meterDay.findMany({
        where: { OR: energy.map((s) => ({ seriesId: s.id, day: { gte: dbDate(windows.get(s.id)!.from), lte: dbDate(windows.get(s.id)!.to) } })) },
        select: { seriesId: true, day: true, sum: true, quality: true },
      })
    : [];
  const byKey = new Map(rows.map((r) => [`${r.seriesId}:${isoDate(r.day)}`, r]));

  return series.map((s) => {
    const window = windows.get(s.id);
    const recentDays = window
      ? Array.from({ length: RECENT_DAYS }, (_, i) => {
          const date = addDays(window.from, i);
          const row = byKey.get(`${s.id}:${date}`);
          return {
            date,
            total: row && Number.isFinite(row.sum) ? row.sum : null,
            incomplete: row ? row.quality.some((q) => q === 3) : true,
            estimated: row ? row.quality.some((q) => q === 1) : false,
          };
        })
      : null;
    return { ...s, lastDay: lastDay.get(s.id) ?? null, recentDays };
  });
}
