import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { InvoicePaymentStatus } from "@/domain/billing/invoice-status";

const tones: Record<InvoicePaymentStatus, BadgeTone> = {
  PAID: "ok",
  UNPAID: "warn",
  OVERDUE: "bad",
  CREDITED: "neutral",
  CREDIT: "info",
};

/** An invoice's payment status in the portal's one badge (the status is always written out). */
export function StatusBadge({ status, label }: { status: InvoicePaymentStatus; label: string }) {
  return <Badge tone={tones[status]}>{label}</Badge>;
}
