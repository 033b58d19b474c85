/**
 * The VAT summary of an invoice: net and VAT per VAT rate, in order of first appearance, from the
 * lines (per-line VAT summed, the rating's VAT rule). One function for the billing run that stores
 * it and for the readers that show it; rates are normalised ("25.00" → "25"), so lines read back
 * from the database group with lines as rated.
 */

import { normalizeDecimal } from "./decimal-text";

export interface VatSummaryRow {
  ratePercent: string;
  netMinor: number;
  vatMinor: number;
}

export function vatSummaryOf(lines: readonly { vatRatePercent: string; amountMinor: number; vatAmountMinor: number }[]): VatSummaryRow[] {
  const out: VatSummaryRow[] = [];
  for (const line of lines) {
    const rate = normalizeDecimal(line.vatRatePercent);
    let entry = out.find((e) => e.ratePercent === rate);
    if (!entry) out.push((entry = { ratePercent: rate, netMinor: 0, vatMinor: 0 }));
    entry.netMinor += line.amountMinor;
    entry.vatMinor += line.vatAmountMinor;
  }
  if (out.some((e) => !Number.isSafeInteger(e.netMinor) || !Number.isSafeInteger(e.vatMinor))) throw new RangeError("VAT summary beyond the safe-integer range");
  return out;
}
