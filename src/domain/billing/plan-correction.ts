/**
 * Planning a correction: the current version of a period's invoice is credited in full by a
 * CREDIT_NOTE (every line negated, so the two net to zero line by line) and the period is billed
 * again by a new INVOICE version. Payments made on earlier versions count towards the new one:
 * what they cover is not asked again, and what exceeds the new total is owed back. Pure TypeScript.
 */
import type { BillingPeriod } from "./billing-period";
import { creditLines, totalsOf, type BillingExplanation, type BillLine, type BillTotals, type CorrectionFacts, type CorrectionReason } from "./invoice-explanation";
import type { InvoiceVersion } from "./invoice-versions";
import type { PlannedBill } from "./plan-bill";

export interface CorrectionInput {
  /** The version credited (the current one). */
  original: Pick<InvoiceVersion, "id" | "invoiceNumber" | "totalAmountMinor">;
  /** Its lines, as bill lines. */
  originalLines: readonly BillLine[];
  /** The period its explanation names (older explanations may lack it), and its kWh. */
  originalPeriod: Partial<BillingPeriod> | undefined;
  originalKWh: string | null;
  /** The period billed again. */
  bill: PlannedBill;
  /** The new version's number and invoice number; the credit note's id and number. */
  version: number;
  invoiceNumber: string;
  creditNote: { id: string; invoiceNumber: string };
  reasons: CorrectionReason[];
  /** Plain English: why the period is billed again. */
  reason: string;
  /** Payments made on each earlier version of the period's invoice. */
  earlierPayments: readonly number[];
}

export interface PlannedCorrection {
  creditNote: {
    lines: BillLine[];
    totals: BillTotals;
    /** The credited invoice's period. */
    span: BillingPeriod;
    credits: NonNullable<BillingExplanation["credits"]>;
  };
  invoice: {
    /** Earlier payments cover the new total: the new version is PAID when issued. */
    covered: boolean;
    correction: CorrectionFacts;
  };
}

export function planCorrection(input: CorrectionInput): PlannedCorrection {
  const { original, bill } = input;
  const credit = creditLines(input.originalLines, original.invoiceNumber);
  const paid = input.earlierPayments.reduce((s, p) => s + p, 0);
  const toPay = Math.max(0, bill.totals.totalMinor - paid);
  return {
    creditNote: {
      lines: credit,
      totals: totalsOf(credit),
      span: { from: input.originalPeriod?.from ?? bill.span.from, to: input.originalPeriod?.to ?? bill.span.to },
      credits: {
        invoiceId: original.id,
        invoiceNumber: original.invoiceNumber,
        totalMinor: original.totalAmountMinor,
        replacedByInvoiceNumber: input.invoiceNumber,
        reason: input.reason,
      },
    },
    invoice: {
      covered: paid > 0 && bill.totals.totalMinor > 0 && toPay === 0,
      correction: {
        reason: input.reason,
        reasons: input.reasons,
        correctsInvoiceId: original.id,
        correctsInvoiceNumber: original.invoiceNumber,
        creditNoteId: input.creditNote.id,
        creditNoteNumber: input.creditNote.invoiceNumber,
        version: input.version,
        previous: { totalMinor: original.totalAmountMinor, kWh: input.originalKWh },
        current: { totalMinor: bill.totals.totalMinor, kWh: bill.kWh },
        differenceMinor: bill.totals.totalMinor - original.totalAmountMinor,
        paidOnEarlierVersionsMinor: paid,
        toPayMinor: toPay,
        toRefundMinor: Math.max(0, paid - bill.totals.totalMinor),
      },
    },
  };
}
