import { describe, expect, it } from "vitest";
import type { BillLine } from "./invoice-explanation";
import type { PlannedBill } from "./plan-bill";
import { planCorrection, type CorrectionInput } from "./plan-correction";

const line = (code: string, amountMinor: number, vatAmountMinor: number, quantity: string): BillLine => ({
  code,
  section: "period",
  quantity,
  unit: "kWh",
  unitPriceMinor: "25",
  amountMinor,
  vatRatePercent: "25",
  vatAmountMinor,
  from: "2026-11-01",
  to: "2026-12-01",
  priceListIds: ["pl"],
});

const NOVEMBER = { from: "2026-11-01", to: "2026-12-01" };

function bill(totalMinor: number): PlannedBill {
  const lines = [line("SE_GRID_TRANSFER", totalMinor * 0.8, totalMinor * 0.2, "800.000")];
  return { span: NOVEMBER, lines, totals: { netMinor: totalMinor * 0.8, vatMinor: totalMinor * 0.2, totalMinor }, ratingHash: "h2", kWh: "800.000", intervals: 720, lists: [], spot: null, billingPower: null, aconto: null };
}

function input(overrides: Partial<CorrectionInput> = {}): CorrectionInput {
  return {
    original: { id: "inv-1", invoiceNumber: "1000000001", totalAmountMinor: 10_000 },
    originalLines: [line("SE_GRID_TRANSFER", 7_000, 1_750, "700.000"), line("SE_GRID_FIXED_FEE", 1_000, 250, "1")],
    originalPeriod: NOVEMBER,
    originalKWh: "700.000",
    bill: bill(12_000),
    version: 2,
    invoiceNumber: "1000000003",
    creditNote: { id: "cn-1", invoiceNumber: "1000000002" },
    reasons: [{ kind: "RERATED" }],
    reason: "Rated again.",
    earlierPayments: [],
    ...overrides,
  };
}

describe("a correction", () => {
  it("credits every line of the original so that the credit note nets it to zero", () => {
    const plan = planCorrection(input());
    expect(plan.creditNote.lines.map((l) => [l.code, l.section, l.quantity, l.amountMinor, l.vatAmountMinor])).toEqual([
      ["SE_GRID_TRANSFER", "credit", "-700.000", -7_000, -1_750],
      ["SE_GRID_FIXED_FEE", "credit", "-1", -1_000, -250],
    ]);
    expect(plan.creditNote.lines[0]!.params).toMatchObject({ creditedInvoiceNumber: "1000000001" });
    expect(plan.creditNote.totals).toEqual({ netMinor: -8_000, vatMinor: -2_000, totalMinor: -10_000 });
    expect(plan.creditNote.span).toEqual(NOVEMBER);
    expect(plan.creditNote.credits).toEqual({ invoiceId: "inv-1", invoiceNumber: "1000000001", totalMinor: 10_000, replacedByInvoiceNumber: "1000000003", reason: "Rated again." });
  });

  it("states what changed and what is to pay when nothing was paid", () => {
    const { invoice } = planCorrection(input());
    expect(invoice.covered).toBe(false);
    expect(invoice.correction).toEqual({
      reason: "Rated again.",
      reasons: [{ kind: "RERATED" }],
      correctsInvoiceId: "inv-1",
      correctsInvoiceNumber: "1000000001",
      creditNoteId: "cn-1",
      creditNoteNumber: "1000000002",
      version: 2,
      previous: { totalMinor: 10_000, kWh: "700.000" },
      current: { totalMinor: 12_000, kWh: "800.000" },
      differenceMinor: 2_000,
      paidOnEarlierVersionsMinor: 0,
      toPayMinor: 12_000,
      toRefundMinor: 0,
    });
  });

  it("counts payments on every earlier version towards the new one", () => {
    const part = planCorrection(input({ earlierPayments: [4_000, 3_000] })).invoice;
    expect(part).toMatchObject({ covered: false, correction: { paidOnEarlierVersionsMinor: 7_000, toPayMinor: 5_000, toRefundMinor: 0 } });
    const all = planCorrection(input({ earlierPayments: [10_000, 2_000] })).invoice;
    expect(all).toMatchObject({ covered: true, correction: { toPayMinor: 0, toRefundMinor: 0 } });
    const more = planCorrection(input({ bill: bill(8_000), earlierPayments: [10_000] })).invoice;
    expect(more).toMatchObject({ covered: true, correction: { differenceMinor: -2_000, toPayMinor: 0, toRefundMinor: 2_000 } });
  });

  it("takes the new bill's span when the original's explanation names no period", () => {
    expect(planCorrection(input({ originalPeriod: undefined })).creditNote.span).toEqual(NOVEMBER);
    expect(planCorrection(input({ originalPeriod: { from: "2026-11-10" } })).creditNote.span).toEqual({ from: "2026-11-10", to: "2026-12-01" });
  });
});
