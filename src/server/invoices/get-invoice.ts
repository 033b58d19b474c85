import "server-only";
import type { ExplainLine } from "@/domain/billing/explain";
import { invoicePaymentStatus } from "@/domain/billing/invoice-status";
import { localDate } from "@/domain/time/zoned";
import type { BillingCycle, ContractPricing, Currency, InstallationType, InvoiceStatus, Market } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { invoiceScope } from "./invoice-scope";
import { PORTAL_TIME_ZONE, type InvoiceHeading } from "./list-invoices";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RelatedInvoice = Pick<
  InvoiceHeading,
  "id" | "invoiceNumber" | "kind" | "invoiceDate" | "periodStart" | "periodEnd" | "totalAmountMinor" | "paymentStatus"
>;

/** A line as stored; `params` is null on lines written before the line catalogue. */
type InvoiceDetailLine = ExplainLine & { params: unknown };

export type InvoiceDetail = InvoiceHeading & {
  status: InvoiceStatus;
  netAmountMinor: number;
  vatAmountMinor: number;
  paymentReference: string;
  paidAt: Date | null;
  customer: {
    id: string;
    customerNumber: string;
    name: string;
    market: Market;
    invoiceCareOf: string | null;
    invoiceStreet: string;
    invoicePostalCode: string;
    invoiceCity: string;
    invoiceCountry: string;
  };
  installation: {
    id: string;
    type: InstallationType;
    name: string | null;
    meteringPointId: string;
    street: string;
    postalCode: string;
    city: string;
    propertyDesignation: string | null;
    priceArea: string;
  } | null;
  contract: { contractNumber: string; productName: string; pricing: ContractPricing; billingCycle: BillingCycle } | null;
  lines: InvoiceDetailLine[];
  /** The invoice this one corrects (credits or re-bills), when the actor may see it. */
  corrects: RelatedInvoice | null;
  /** Credit notes and re-billed invoices that correct this one. */
  correctedBy: RelatedInvoice[];
  payments: { paidOn: string; amountMinor: number; currency: Currency; reference: string }[];
  /** The billing run's figures behind the bill (`Invoice.explanation`), read by the explain module. */
  explanation: unknown;
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const relatedSelect = {
  id: true,
  invoiceNumber: true,
  kind: true,
  status: true,
  invoiceDate: true,
  dueDate: true,
  periodStart: true,
  periodEnd: true,
  totalAmountMinor: true,
} as const;

/**
 * One invoice the actor may see, with its lines, the invoices it corrects or is corrected by, and
 * its payments. The id and the actor's scope are in the same query, so an invoice of another
 * customer (or of an installation a restricted member was not granted) is NOT_FOUND, exactly like
 * one that does not exist.
 */
export async function getInvoice(actor: CustomerActor, invoiceId: string, options: { today?: string } = {}): Promise<InvoiceDetail> {
  if (!UUID.test(invoiceId)) throw new AppError("NOT_FOUND");
  const scope = invoiceScope(actor);
  const invoice = await db.invoice.findFirst({
    where: { AND: [{ id: invoiceId }, scope] },
    include: {
      customer: {
        select: {
          id: true,
          customerNumber: true,
          name: true,
          market: true,
          invoiceCareOf: true,
          invoiceStreet: true,
          invoicePostalCode: true,
          invoiceCity: true,
          invoiceCountry: true,
        },
      },
      installation: {
        select: { id: true, type: true, name: true, meteringPointId: true, street: true, postalCode: true, city: true, propertyDesignation: true, priceArea: true },
      },
      contract: { select: { contractNumber: true, productName: true, pricing: true, billingCycle: true } },
      lines: { orderBy: { position: "asc" } },
      payments: { orderBy: { paidOn: "asc" }, select: { paidOn: true, amountMinor: true, currency: true, reference: true } },
    },
  });
  if (!invoice) throw new AppError("NOT_FOUND");

  const today = options.today ?? localDate(new Date(), PORTAL_TIME_ZONE);
  const related = await db.invoice.findMany({
    where: {
      AND: [
        scope,
        { OR: [...(invoice.correctsInvoiceId ? [{ id: invoice.correctsInvoiceId }] : []), { correctsInvoiceId: invoice.id }] },
      ],
    },
    select: { ...relatedSelect, correctsInvoiceId: true },
    orderBy: [{ invoiceDate: "asc" }, { invoiceNumber: "asc" }],
  });
  const toRelated = (r: (typeof related)[number]): RelatedInvoice => ({
    id: r.id,
    invoiceNumber: r.invoiceNumber,
    kind: r.kind,
    invoiceDate: isoDate(r.invoiceDate),
    periodStart: isoDate(r.periodStart),
    periodEnd: isoDate(r.periodEnd),
    totalAmountMinor: r.totalAmountMinor,
    paymentStatus: invoicePaymentStatus({ kind: r.kind, status: r.status, totalAmountMinor: r.totalAmountMinor, dueDate: isoDate(r.dueDate) }, today),
  });
  const corrects = related.find((r) => r.id === invoice.correctsInvoiceId);
  const dueDate = isoDate(invoice.dueDate);

  return {
    id: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    kind: invoice.kind,
    status: invoice.status,
    paymentStatus: invoicePaymentStatus({ kind: invoice.kind, status: invoice.status, totalAmountMinor: invoice.totalAmountMinor, dueDate }, today),
    currency: invoice.currency,
    invoiceDate: isoDate(invoice.invoiceDate),
    dueDate,
    periodStart: isoDate(invoice.periodStart),
    periodEnd: isoDate(invoice.periodEnd),
    netAmountMinor: invoice.netAmountMinor,
    vatAmountMinor: invoice.vatAmountMinor,
    totalAmountMinor: invoice.totalAmountMinor,
    paymentReference: invoice.paymentReference,
    paidAt: invoice.paidAt,
    customer: invoice.customer,
    installation: invoice.installation,
    contract: invoice.contract,
    lines: invoice.lines.map((l) => ({
      position: l.position,
      code: l.code,
      params: l.params,
      description: l.description,
      quantity: l.quantity.toString(),
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor.toString(),
      amountMinor: l.amountMinor,
      vatRate: l.vatRate.toString(),
      vatAmountMinor: l.vatAmountMinor,
    })),
    corrects: corrects ? toRelated(corrects) : null,
    correctedBy: related.filter((r) => r.correctsInvoiceId === invoice.id).map(toRelated),
    payments: invoice.payments.map((p) => ({ paidOn: isoDate(p.paidOn), amountMinor: p.amountMinor, currency: p.currency, reference: p.reference })),
    explanation: invoice.explanation,
  };
}
