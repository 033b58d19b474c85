import "server-only";
import { formatCheckCode } from "@/domain/access/check-code";
import { can, may } from "@/domain/access/permissions";
import { maskNationalId } from "@/domain/identity";
import type { CustomerKind, InvoiceDelivery, Market, NationalIdScheme } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { customerWhereActorMay } from "@/server/access/membership-where";
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
  /** Whether this user may change contact and invoice details (ADMINISTRATOR and FULL, own membership of all installations). */
  canEdit: boolean;
  /** Why not: the level (Läs), access to only some installations, or access through a management company. */
  readOnlyBecause: "level" | "someInstallations" | "managementCompany" | null;
  /** The check code printed on the invoices ("ABCD-EFGH"), for the customer's own administrators only. */
  checkCode: string | null;
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
  // The check code lets whoever has it claim a customer without administrators: read only for the
  // customer's own administrators, confirmed by the database like every customer-wide permission.
  const code = may(access, "viewCheckCode")
    ? await db.customer.findFirst({ where: { id: customer.id, ...customerWhereActorMay(actor, "viewCheckCode") }, select: { checkCode: true } })
    : null;
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
    canEdit: may(access, "changeCustomerDetails"),
    readOnlyBecause: may(access, "changeCustomerDetails")
      ? null
      : !can(access.role, "changeCustomerDetails")
        ? "level"
        : access.viaManagement
          ? "managementCompany"
          : "someInstallations",
    checkCode: code ? formatCheckCode(code.checkCode) : null,
  };
}
