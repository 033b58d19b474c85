import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { readClampedPage, type ListPage } from "@/server/db/read-clamped-page";
import type { InstallationDetail } from "./get-installation";
import { installationSearchWhere, type InstallationSearchParams } from "./installation-search-where";

const INSTALLATIONS_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

export type ListInstallationsOptions = InstallationSearchParams & {
  /** 1-based. */
  page?: number;
  pageSize?: number;
};

/** An installation as a list row shows it: the detail page's fields for it, with the customer's number and name. */
type InstallationListItem = Pick<
  InstallationDetail,
  "id" | "customerId" | "type" | "status" | "meteringPointId" | "name" | "street" | "postalCode" | "city" | "propertyDesignation" | "priceArea"
> & { customerNumber: string; customerName: string };

export type InstallationList = ListPage<InstallationListItem>;

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
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? INSTALLATIONS_PAGE_SIZE)), MAX_PAGE_SIZE);
  const requestedPage = Math.max(1, Math.trunc(Number.isFinite(options.page) ? options.page! : 1));

  const where = installationSearchWhere(actor, options);

  const fetchPage = (page: number) =>
    db.installation.findMany({
      where,
      select: listSelect,
      // Stable order across pages: the id breaks every tie.
      orderBy: [{ customer: { customerNumber: "asc" } }, { street: "asc" }, { city: "asc" }, { type: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

  const { rows, total, page, pageCount } = await readClampedPage(fetchPage, () => db.installation.count({ where }), requestedPage, pageSize);

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
