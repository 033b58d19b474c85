import type { InvoicePaymentStatus } from "@/domain/billing/invoice-status";

// Colour is a second cue only: the status is always written out.
const styles: Record<InvoicePaymentStatus, string> = {
  PAID: "bg-green-100 text-green-900",
  UNPAID: "bg-amber-100 text-amber-900",
  OVERDUE: "bg-red-100 text-red-900",
  CREDITED: "bg-slate-200 text-slate-900",
  CREDIT: "bg-sky-100 text-sky-900",
};

export function StatusBadge({ status, label }: { status: InvoicePaymentStatus; label: string }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${styles[status]}`}>{label}</span>;
}
