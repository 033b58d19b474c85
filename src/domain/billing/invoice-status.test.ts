import { describe, expect, it } from "vitest";
import { invoicePaymentStatus, isOutstanding, type PaymentStatusInput } from "./invoice-status";

const base: PaymentStatusInput = { kind: "INVOICE", status: "ISSUED", totalAmountMinor: 125_000, dueDate: "2026-03-31" };

describe("invoicePaymentStatus", () => {
  it("is unpaid up to and including the due date, overdue the day after", () => {
    expect(invoicePaymentStatus(base, "2026-03-30")).toBe("UNPAID");
    expect(invoicePaymentStatus(base, "2026-03-31")).toBe("UNPAID");
    expect(invoicePaymentStatus(base, "2026-04-01")).toBe("OVERDUE");
  });

  it("says paid and credited whatever the due date", () => {
    expect(invoicePaymentStatus({ ...base, status: "PAID" }, "2027-01-01")).toBe("PAID");
    expect(invoicePaymentStatus({ ...base, status: "CREDITED" }, "2027-01-01")).toBe("CREDITED");
  });

  it("never calls a credit note or a refund unpaid or overdue", () => {
    expect(invoicePaymentStatus({ ...base, kind: "CREDIT_NOTE", totalAmountMinor: -125_000 }, "2027-01-01")).toBe("CREDIT");
    expect(invoicePaymentStatus({ ...base, totalAmountMinor: -4_000 }, "2027-01-01")).toBe("CREDIT");
    expect(invoicePaymentStatus({ ...base, totalAmountMinor: 0 }, "2027-01-01")).toBe("CREDIT");
  });

  it("counts unpaid and overdue as outstanding", () => {
    expect(["UNPAID", "OVERDUE", "PAID", "CREDITED", "CREDIT"].filter((s) => isOutstanding(s as never))).toEqual(["UNPAID", "OVERDUE"]);
  });
});
