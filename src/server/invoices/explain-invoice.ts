import "server-only";
import { explainInvoice as explain, type InvoiceExplanation } from "@/domain/billing/explain";
import type { CustomerActor } from "@/server/access/actor";
import { getInvoice, type InvoiceDetail } from "./get-invoice";

/**
 * "Förklaring av fakturan": the invoice the actor may see and the explanation of every line, the
 * spot average, the aconto settlement, the correction and the next invoice's estimated due date.
 * Scoped exactly like `getInvoice` (NOT_FOUND outside the actor's invoices).
 */
export async function explainInvoice(
  actor: CustomerActor,
  invoiceId: string,
  options: { today?: string } = {},
): Promise<{ invoice: InvoiceDetail; explanation: InvoiceExplanation }> {
  const invoice = await getInvoice(actor, invoiceId, options);
  return { invoice, explanation: explainInvoiceDetail(invoice) };
}

function explainInvoiceDetail(invoice: InvoiceDetail): InvoiceExplanation {
  return explain({
    kind: invoice.kind,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    netAmountMinor: invoice.netAmountMinor,
    vatAmountMinor: invoice.vatAmountMinor,
    totalAmountMinor: invoice.totalAmountMinor,
    billingCycle: invoice.contract?.billingCycle ?? null,
    lines: invoice.lines,
    corrects: invoice.corrects,
    facts: invoice.explanation,
  });
}
