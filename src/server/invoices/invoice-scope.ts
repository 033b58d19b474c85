import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";

/**
 * The invoices the actor may see, optionally narrowed to some customers: every invoice of a
 * customer where the membership covers all installations, and for a member restricted to some
 * installations only the invoices of those installations (never the customer-level ones without
 * an installation). The one where-clause behind the list, the invoice page, its explanation and
 * the PDF.
 */
export function invoiceScope(actor: CustomerActor, customerIds?: readonly string[]): Prisma.InvoiceWhereInput {
  const accesses = actor.customers.filter((c) => !customerIds || customerIds.includes(c.customerId));
  const whole = accesses.filter((c) => c.allInstallations).map((c) => c.customerId);
  const or: Prisma.InvoiceWhereInput[] = [];
  if (whole.length) or.push({ customerId: { in: whole } });
  for (const c of accesses) {
    // The customer id is repeated so that a granted installation can never reach another customer's invoices.
    if (!c.allInstallations && c.installationIds.length) or.push({ customerId: c.customerId, installationId: { in: c.installationIds } });
  }
  // No access at all must match nothing, not everything.
  return or.length ? { OR: or } : { id: { in: [] } };
}
