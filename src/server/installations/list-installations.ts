import "server-only";
import type { InstallationStatus, InstallationType, Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo, installationScope } from "@/server/access/scope";
import { db } from "@/server/db/client";

export const INSTALLATIONS_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

export type ListInstallationsOptions = {
  /** One of the actor's customers, or "all" (the default) for every customer the actor may see. */
  customerId?: string | "all";
  /** Free text: metering point id, name, street, city, property designation or meter number. */
  q?: string;
  type?: InstallationType;
  /** 1-based. */
  page?: number;
  pageSize?: number;
};

export type InstallationListItem = {
  id: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  type: InstallationType;
  status: InstallationStatus;
  meteringPointId: string;
  name: string | null;
  street: string;
  postalCode: string;
  city: string;
  propertyDesignation: string | null;
  priceArea: string;
};

export type InstallationList = {
  items: InstallationListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

const listSelect = {
  id: true,
  customerId: true,
  type: true,
  status: true,
  meteringPointId: true,
  name: true,
  street: true,
  postalCode: true,
  city: true,
  propertyDesignation: true,
  priceArea: true,
} satisfies Prisma.InstallationSelect;

/**
 * The installations the actor may see (seed 000, 001: "Anläggningar"), searched, filtered and one
 * page at a time. One query for the page and one count, whatever the number of installations; the
 * customer number and name come from the actor, which already holds them.
 */
export async function listInstallations(actor: CustomerActor, options: ListInstallationsOptions = {}): Promise<InstallationList> {
  const customerIds = options.customerId && options.customerId !== "all" ? [accessTo(actor, options.customerId).customerId] : undefined;
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? INSTALLATIONS_PAGE_SIZE)), MAX_PAGE_SIZE);
  const requestedPage = Math.max(1, Math.trunc(Number.isFinite(options.page) ? options.page! : 1));

  const and: Prisma.InstallationWhereInput[] = [installationScope(actor, customerIds)];
  if (options.type) and.push({ type: options.type });
  const search = searchWhere(options.q);
  if (search) and.push(search);
  const where: Prisma.InstallationWhereInput = { AND: and };

  const fetchPage = (page: number) =>
    db.installation.findMany({
      where,
      select: listSelect,
      // Stable order across pages: the id breaks every tie.
      orderBy: [{ customer: { customerNumber: "asc" } }, { street: "asc" }, { city: "asc" }, { type: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

  let page = requestedPage;
  let [rows, total] = await Promise.all([fetchPage(page), db.installation.count({ where })]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end (an old link after the list shrank) shows the last page instead of nothing.
  if (page > pageCount) {
    page = pageCount;
    rows = total > 0 ? await fetchPage(page) : [];
  }

  const customers = new Map(actor.customers.map((c) => [c.customerId, c]));
  return {
    items: rows.map((r) => ({
      ...r,
      customerNumber: customers.get(r.customerId)?.customerNumber ?? "",
      customerName: customers.get(r.customerId)?.customerName ?? "",
    })),
    total,
    page,
    pageSize,
    pageCount,
  };
}

function searchWhere(q: string | undefined): Prisma.InstallationWhereInput | null {
  const text = q?.trim().slice(0, 100);
  if (!text) return null;
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  const or: Prisma.InstallationWhereInput[] = [
    { name: contains(text) },
    { street: contains(text) },
    { city: contains(text) },
    { propertyDesignation: contains(text) },
    { meterNumber: contains(text) },
  ];
  // Metering point ids are printed in groups ("735999 1000 0000 0010") but stored as 18 digits.
  const compact = text.replace(/[\s-]+/g, "");
  or.push({ meteringPointId: { contains: /^\d+$/.test(compact) ? compact : text } });
  return { OR: or };
}
