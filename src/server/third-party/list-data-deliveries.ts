import "server-only";
// Delningslogg (seed 002: "en logg som visar när och till vilka företag mätvärden har delats"):
// every delivery of meter values to a third party for the installations the user sees, filtered
// and one page at a time. The export (./export-data-deliveries.ts) uses the same filters.
import { z } from "zod";
import { can, type Permission } from "@/domain/access/permissions";
import { addDays, localMidnightUtc } from "@/domain/time/zoned";
import type { Prisma } from "@/generated/prisma/client";
import type { DataResolution } from "@/generated/prisma/enums";
import type { CustomerActor } from "@/server/access/actor";
import { customerWhereActorMay } from "@/server/access/membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { accessTo, installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { consentWhereActorMay } from "./customer-scope";

/** The portal's calendar for "delivered on": the log shows Stockholm time. */
export const DELIVERY_LOG_TIME_ZONE = "Europe/Stockholm";
const DELIVERIES_PAGE_SIZE = 25;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "thirdParty.log.errors.invalid");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "thirdParty.log.errors.date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "thirdParty.log.errors.date");

/** Each filter on its own, so that a page can drop one unusable filter and keep the others. */
export const deliveryFilterFields = {
  /** A third party's id. */
  company: uuid.optional(),
  installation: uuid.optional(),
  /** One of the actor's customers. */
  customer: uuid.optional(),
  /** Delivery dates in Stockholm, both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
};

const deliveryFiltersSchema = z
  .object(deliveryFilterFields)
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "thirdParty.log.errors.dateOrder" });

export type DeliveryFilters = z.infer<typeof deliveryFiltersSchema>;

export type DataDeliveryItem = {
  id: string;
  deliveredAt: Date;
  thirdParty: { id: string; name: string; organisationNumber: string };
  installation: { id: string; name: string | null; street: string; city: string; meteringPointId: string };
  customer: { id: string; customerNumber: string };
  /** First local day of the values delivered. */
  periodFrom: string;
  /** Last local day of the values delivered (the stored end is exclusive). */
  periodLastDay: string;
  resolution: DataResolution;
  valueCount: number;
};

export type DataDeliveryList = {
  items: DataDeliveryItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Every company and installation in the user's log (unfiltered), for the filter's choices. */
  companies: { id: string; name: string }[];
  installations: { id: string; name: string | null; street: string; city: string; meteringPointId: string; customerNumber: string }[];
};

export const deliverySelect = {
  id: true,
  deliveredAt: true,
  periodFrom: true,
  periodTo: true,
  resolution: true,
  valueCount: true,
  thirdParty: { select: { id: true, name: true, organisationNumber: true } },
  installation: { select: { id: true, name: true, street: true, city: true, meteringPointId: true } },
  customer: { select: { id: true, customerNumber: true } },
} satisfies Prisma.DataDeliverySelect;

type DeliveryRow = Prisma.DataDeliveryGetPayload<{ select: typeof deliverySelect }>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function toDeliveryItem(r: DeliveryRow): DataDeliveryItem {
  return {
    id: r.id.toString(),
    deliveredAt: r.deliveredAt,
    thirdParty: r.thirdParty,
    installation: r.installation,
    customer: r.customer,
    periodFrom: isoDay(r.periodFrom),
    periodLastDay: addDays(isoDay(r.periodTo), -1),
    resolution: r.resolution,
    valueCount: r.valueCount,
  };
}

/** Newest first; the id keeps the order stable across pages. */
export const deliveryOrder: Prisma.DataDeliveryOrderByWithRelationInput[] = [{ deliveredAt: "desc" }, { id: "desc" }];

/**
 * The `where` of the log for the actor and the permission, with the filters (validated here: a
 * caller's malformed filter is a VALIDATION error with field keys). A customer the actor has no
 * access to, or an installation they do not see, is NOT_FOUND rather than an empty log, so that a
 * link to someone else's data is refused the same way everywhere in the portal.
 */
export async function deliveriesWhere(actor: CustomerActor, permission: Permission, input: unknown): Promise<Prisma.DataDeliveryWhereInput> {
  const f = parseInput(deliveryFiltersSchema, input ?? {});
  const and: Prisma.DataDeliveryWhereInput[] = [consentWhereActorMay(actor, permission)];
  if (f.customer) and.push({ customerId: accessTo(actor, f.customer, permission).customerId });
  if (f.installation) {
    const customerIds = actor.customers.filter((c) => can(c.role, permission)).map((c) => c.customerId);
    const visible = await db.installation.count({
      where: { AND: [{ id: f.installation }, installationScope(actor, customerIds), { customer: customerWhereActorMay(actor, permission) }] },
    });
    if (visible !== 1) throw new AppError("NOT_FOUND");
    and.push({ installationId: f.installation });
  }
  if (f.company) and.push({ thirdPartyId: f.company });
  if (f.from || f.to) {
    and.push({
      deliveredAt: {
        ...(f.from ? { gte: localMidnightUtc(f.from, DELIVERY_LOG_TIME_ZONE) } : {}),
        ...(f.to ? { lt: localMidnightUtc(addDays(f.to, 1), DELIVERY_LOG_TIME_ZONE) } : {}),
      },
    });
  }
  return { AND: and };
}

/**
 * The sharing log (permission "view"): the filtered deliveries, newest first, one page at a time
 * with the total, and the companies and installations that occur in the whole log. A page past the
 * end shows the last page.
 */
export async function listDataDeliveries(actor: CustomerActor, filters: unknown = {}, options: { page?: number; pageSize?: number } = {}): Promise<DataDeliveryList> {
  const where = await deliveriesWhere(actor, "view", filters);
  const scope = consentWhereActorMay(actor, "view");
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? DELIVERIES_PAGE_SIZE)), 100);
  const requested = Math.max(1, Math.trunc(Number.isFinite(options.page) ? options.page! : 1));
  const fetchPage = (page: number) => db.dataDelivery.findMany({ where, select: deliverySelect, orderBy: deliveryOrder, skip: (page - 1) * pageSize, take: pageSize });

  // The filters' choices: what occurs in the whole log, grouped in the database (not row by row).
  const [firstRows, total, companyIds, installationIds] = await Promise.all([
    fetchPage(requested),
    db.dataDelivery.count({ where }),
    db.dataDelivery.groupBy({ by: ["thirdPartyId"], where: scope }),
    db.dataDelivery.groupBy({ by: ["installationId"], where: scope }),
  ]);
  const [companies, installations] = await Promise.all([
    db.thirdParty.findMany({ where: { id: { in: companyIds.map((g) => g.thirdPartyId) } }, select: { id: true, name: true } }),
    db.installation.findMany({
      where: { id: { in: installationIds.map((g) => g.installationId) } },
      select: { id: true, name: true, street: true, city: true, meteringPointId: true, customer: { select: { customerNumber: true } } },
    }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  let page = requested;
  let rows = firstRows;
  if (page > pageCount) {
    page = pageCount;
    rows = total > 0 ? await fetchPage(page) : [];
  }
  const collator = new Intl.Collator("sv");
  return {
    items: rows.map(toDeliveryItem),
    total,
    page,
    pageSize,
    pageCount,
    companies: companies.sort((a, b) => collator.compare(a.name, b.name)),
    installations: installations
      .map(({ customer, ...i }) => ({ ...i, customerNumber: customer.customerNumber }))
      .sort((a, b) => collator.compare(a.name ?? a.street, b.name ?? b.street) || a.meteringPointId.localeCompare(b.meteringPointId)),
  };
}
