import "server-only";
import { can } from "@/domain/access/permissions";
import { maskNationalId } from "@/domain/identity";
import type { CustomerKind, InvoiceDelivery, Market, NationalIdScheme } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type CustomerDetailsView = {
  id: string;
  customerNumber: string;
  name: string;
  kind: CustomerKind;
  market: Market;
  nationalIdScheme: NationalIdScheme;
  /** Personal numbers with the serial part hidden; organisation numbers in full. Never the raw id. */
  nationalIdDisplay: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  email: string | null;
  phone: string | null;
  invoiceCareOf: string | null;
  invoiceStreet: string;
  invoicePostalCode: string;
  invoiceCity: string;
  invoiceCountry: string;
  invoiceDelivery: InvoiceDelivery;
  invoiceEmail: string | null;
  /** Whether this user may change contact and invoice details (ADMINISTRATOR and FULL). */
  canEdit: boolean;
};

/** The customer's details as the signed-in user may see them (Kunduppgifter, seed 000). */
export async function getCustomerDetails(actor: CustomerActor, customerId: string): Promise<CustomerDetailsView> {
  const access = accessTo(actor, customerId, "view");
  // The membership is checked again in the query, so a stale actor cannot read a customer it lost.
  const customer = await db.customer.findFirst({
    where: { id: access.customerId, memberships: { some: { userId: actor.userId, revokedAt: null } } },
    omit: { nationalId: false },
  });
  if (!customer) throw new AppError("NOT_FOUND");
  return {
    id: customer.id,
    customerNumber: customer.customerNumber,
    name: customer.name,
    kind: customer.kind,
    market: customer.market,
    nationalIdScheme: customer.nationalIdScheme,
    nationalIdDisplay: maskNationalId(customer.nationalId, customer.nationalIdScheme),
    street: customer.street,
    postalCode: customer.postalCode,
    city: customer.city,
    country: customer.country,
    email: customer.email,
    phone: customer.phone,
    invoiceCareOf: customer.invoiceCareOf,
    invoiceStreet: customer.invoiceStreet,
    invoicePostalCode: customer.invoicePostalCode,
    invoiceCity: customer.invoiceCity,
    invoiceCountry: customer.invoiceCountry,
    invoiceDelivery: customer.invoiceDelivery,
    invoiceEmail: customer.invoiceEmail,
    canEdit: can(access.role, "changeCustomerDetails"),
  };
}
