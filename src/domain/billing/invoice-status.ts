/**
 * What the customer is told about an invoice's payment: one rule, used by the list, the invoice
 * page and the PDF. The database keeps ISSUED / PAID / CREDITED; "overdue" is derived from the due
 * date, and a credit note or a bill with nothing to pay (a Danish settlement that refunds more than
 * the coming aconto) is never "unpaid".
 */

type InvoiceKind = "INVOICE" | "CREDIT_NOTE";
type StoredInvoiceStatus = "ISSUED" | "PAID" | "CREDITED";

/**
 * - PAID: a payment was matched (Betald).
 * - UNPAID: issued, something to pay, due date today or later (Obetald).
 * - OVERDUE: issued, something to pay, due date before today (Förfallen).
 * - CREDITED: cancelled by a credit note (Krediterad).
 * - CREDIT: a credit note, or an invoice whose total is zero or negative: nothing to pay (Tillgodo).
 */
export type InvoicePaymentStatus = "PAID" | "UNPAID" | "OVERDUE" | "CREDITED" | "CREDIT";

export const INVOICE_PAYMENT_STATUSES: readonly InvoicePaymentStatus[] = ["UNPAID", "OVERDUE", "PAID", "CREDITED", "CREDIT"];

export interface PaymentStatusInput {
  kind: InvoiceKind;
  status: StoredInvoiceStatus;
  totalAmountMinor: number;
  /** YYYY-MM-DD */
  dueDate: string;
}

/** The customer-facing status on `today` (YYYY-MM-DD, the portal's calendar date in Europe/Stockholm). */
export function invoicePaymentStatus(invoice: PaymentStatusInput, today: string): InvoicePaymentStatus {
  if (invoice.status === "CREDITED") return "CREDITED";
  if (invoice.status === "PAID") return "PAID";
  if (invoice.kind === "CREDIT_NOTE" || invoice.totalAmountMinor <= 0) return "CREDIT";
  // ISO dates compare as strings; the due date itself is still on time.
  return invoice.dueDate < today ? "OVERDUE" : "UNPAID";
}

/** True when the customer still has something to pay (the "Obetalda fakturor" tab). */
export function isOutstanding(status: InvoicePaymentStatus): boolean {
  return status === "UNPAID" || status === "OVERDUE";
}
