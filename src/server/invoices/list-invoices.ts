import "server-only";
import { invoicePaymentStatus, type InvoicePaymentStatus } from "@/domain/billing/invoice-status";
import { localDate } from "@/domain/time/zoned";
import type { Currency, InstallationType, InvoiceKind, Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { readClampedPage, type ListPage } from "@/server/db/read-clamped-page";
import { invoiceScope } from "./invoice-scope";

const INVOICES_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
/** The portal's calendar: "overdue" turns at midnight in Stockholm. */
export const PORTAL_TIME_ZONE = "Europe/Stockholm";

export type InvoiceStatusFilter = "unpaid" | "overdue" | "paid" | "credited";
export const INVOICE_STATUS_FILTERS: readonly InvoiceStatusFilter[] = ["unpaid", "overdue", "paid", "credited"];

export type ListInvoicesOptions = {
  /** One of the actor's customers, or "all" (the default) for every customer the actor may see. */
  customerId?: string | "all";
  /** "unpaid" is the "Obetalda fakturor" tab: unpaid and overdue invoices only. */
  tab?: "all" | "unpaid";
  /** Part of the invoice number. */
  invoiceNumber?: string;
  /** Part of the metering point id (spaces ignored). */
  meteringPoint?: string;
  /** Part of the installation's name or property designation (fastighetsbeteckning). */
  property?: string;
  /** Part of the installation's street, postal code or city. */
  address?: string;
  status?: InvoiceStatusFilter;
  /** Invoice dates, YYYY-MM-DD, both included. */
  invoiceDateFrom?: string;
  invoiceDateTo?: string;
  /** Total amount incl. VAT in minor units, both included. */
  amountMinMinor?: number;
  amountMaxMinor?: number;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** Today's date for "overdue" (default: today in Stockholm). */
  today?: string;
};

/** What the invoice list, an invoice's page and its related invoices all show of an invoice. */
export type InvoiceHeading = {
  id: string;
  invoiceNumber: string;
  kind: InvoiceKind;
  paymentStatus: InvoicePaymentStatus;
  currency: Currency;
  invoiceDate: string;
  dueDate: string;
  periodStart: string;
  /** Exclusive. */
  periodEnd: string;
  totalAmountMinor: number;
};

export type InvoiceListItem = InvoiceHeading & {
  /** Corrects an earlier invoice (a credit note or the re-billed invoice). */
  isCorrection: boolean;
  customerId: string;
  customerNumber: string;
  installation: {
    id: string;
    type: InstallationType;
    name: string | null;
    street: string;
    postalCode: string;
    city: string;
    meteringPointId: string;
    propertyDesignation: string | null;
  } | null;
};

export type InvoiceList = ListPage<InvoiceListItem>;

const listSelect = {
  id: true,
  invoiceNumber: true,
  kind: true,
  status: true,
  currency: true,
  invoiceDate: true,
  dueDate: true,
  periodStart: true,
  periodEnd: true,
  totalAmountMinor: true,
  customerId: true,
  correctsInvoiceId: true,
  installation: {
    select: { id: true, type: true, name: true, street: true, postalCode: true, city: true, meteringPointId: true, propertyDesignation: true },
  },
} satisfies Prisma.InvoiceSelect;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });

/** Issued, something to pay: the stored-status side of `invoicePaymentStatus` UNPAID/OVERDUE. */
const outstanding: Prisma.InvoiceWhereInput = { status: "ISSUED", kind: "INVOICE", totalAmountMinor: { gt: 0 } };

/** The where-clause of each status filter; must agree with `invoicePaymentStatus` (tested). */
function statusWhere(status: InvoiceStatusFilter, today: string): Prisma.InvoiceWhereInput {
  switch (status) {
    case "unpaid":
      return outstanding;
    case "overdue":
      return { ...outstanding, dueDate: { lt: dbDate(today) } };
    case "paid":
      return { status: "PAID" };
    case "credited":
      // Credited invoices and the credits themselves (credit notes, refunds).
      return { OR: [{ status: "CREDITED" }, { status: "ISSUED", OR: [{ kind: "CREDIT_NOTE" }, { totalAmountMinor: { lte: 0 } }] }] };
  }
}

/**
 * The invoices the actor may see (seed 000, 001: "Fakturor" and "Obetalda fakturor"), filtered and
 * newest first, one page at a time with the total. Every invoice is reachable: there is no
 * "last three months" cut for customers with many installations, the list pages instead. One query
 * for the page (its installations fetched in one batch) and one count, on the (customerId,
 * invoiceDate) index.
 */
export async function listInvoices(actor: CustomerActor, options: ListInvoicesOptions = {}): Promise<InvoiceList> {
  const customerIds = options.customerId && options.customerId !== "all" ? [accessTo(actor, options.customerId).customerId] : undefined;
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? INVOICES_PAGE_SIZE)), MAX_PAGE_SIZE);
  const requestedPage = Math.max(1, Math.trunc(Number.isFinite(options.page) ? options.page! : 1));
  const today = options.today ?? localDate(new Date(), PORTAL_TIME_ZONE);

  const and: Prisma.InvoiceWhereInput[] = [invoiceScope(actor, customerIds)];
  if (options.tab === "unpaid") and.push(outstanding);
  if (options.status) and.push(statusWhere(options.status, today));

  const number = options.invoiceNumber?.replace(/\s+/g, "").slice(0, 40);
  if (number) and.push({ invoiceNumber: contains(number) });
  const installation: Prisma.InstallationWhereInput[] = [];
  const meteringPoint = options.meteringPoint?.replace(/[\s-]+/g, "").slice(0, 40);
  if (meteringPoint) installation.push({ meteringPointId: { contains: meteringPoint } });
  const property = options.property?.trim().slice(0, 100);
  if (property) installation.push({ OR: [{ name: contains(property) }, { propertyDesignation: contains(property) }] });
  const address = options.address?.trim().slice(0, 100);
  if (address) installation.push({ OR: [{ street: contains(address) }, { postalCode: contains(address) }, { city: contains(address) }] });
  if (installation.length) and.push({ installation: { is: { AND: installation } } });

  if (options.invoiceDateFrom || options.invoiceDateTo) {
    and.push({
      invoiceDate: {
        ...(options.invoiceDateFrom ? { gte: dbDate(options.invoiceDateFrom) } : {}),
        ...(options.invoiceDateTo ? { lte: dbDate(options.invoiceDateTo) } : {}),
      },
    });
  }
  if (options.amountMinMinor !== undefined || options.amountMaxMinor !== undefined) {
    and.push({
      totalAmountMinor: {
        ...(options.amountMinMinor !== undefined ? { gte: options.amountMinMinor } : {}),
        ...(options.amountMaxMinor !== undefined ? { lte: options.amountMaxMinor } : {}),
      },
    });
  }
  const where: Prisma.InvoiceWhereInput = { AND: and };

  const fetchPage = (page: number) =>
    db.invoice.findMany({
      where,
      select: listSelect,
      // Newest first; the number and then the id make the order stable across pages.
      orderBy: [{ invoiceDate: "desc" }, { invoiceNumber: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

  const { rows, total, page, pageCount } = await readClampedPage(fetchPage, () => db.invoice.count({ where }), requestedPage, pageSize);

  const customers = new Map(actor.customers.map((c) => [c.customerId, c]));
  return {
    items: rows.map((r) => {
      const dueDate = isoDate(r.dueDate);
      return {
        id: r.id,
        invoiceNumber: r.invoiceNumber,
        kind: r.kind,
        isCorrection: r.correctsInvoiceId !== null,
        paymentStatus: invoicePaymentStatus({ kind: r.kind, status: r.status, totalAmountMinor: r.totalAmountMinor, dueDate }, today),
        currency: r.currency,
        invoiceDate: isoDate(r.invoiceDate),
        dueDate,
        periodStart: isoDate(r.periodStart),
        periodEnd: isoDate(r.periodEnd),
        totalAmountMinor: r.totalAmountMinor,
        customerId: r.customerId,
        customerNumber: customers.get(r.customerId)?.customerNumber ?? "",
        installation: r.installation,
      };
    }),
    total,
    page,
    pageSize,
    pageCount,
  };
}
