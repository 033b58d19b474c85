import { describe, expect, it } from "vitest";
import { billingKeyOf, creditBillingKeyOf, currentOf, parseBillingKey, stillApplies, type InvoiceVersion } from "./invoice-versions";

const CONTRACT = "0b7e6c1a-3f1e-4c1b-9a57-0d3c2b1a0f99";
const v = (version: number, status: InvoiceVersion["status"]): InvoiceVersion => ({
  id: `inv-${version}`,
  invoiceNumber: `100000000${version}`,
  contractId: CONTRACT,
  version,
  status,
  totalAmountMinor: 100,
  ratingHash: null,
});

describe("billing keys", () => {
  it("names the contract, the period start and the version", () => {
    expect(billingKeyOf(CONTRACT, "2026-11-01", 2)).toBe(`${CONTRACT}:2026-11-01:v2`);
    expect(creditBillingKeyOf(CONTRACT, "2026-11-01", 1)).toBe(`${CONTRACT}:2026-11-01:v1:credit`);
    expect(parseBillingKey(billingKeyOf(CONTRACT, "2026-11-01", 12))).toEqual({ contractId: CONTRACT, periodStart: "2026-11-01", version: 12 });
    expect(parseBillingKey(creditBillingKeyOf(CONTRACT, "2026-11-01", 1))).toBeNull();
    expect(parseBillingKey("demo-1")).toBeNull();
  });
});

describe("the versions of a period's invoice", () => {
  it("has as current version the latest one not credited", () => {
    expect(currentOf(undefined)).toBeNull();
    expect(currentOf([])).toBeNull();
    expect(currentOf([v(1, "CREDITED"), v(2, "PAID")])?.id).toBe("inv-2");
    expect(currentOf([v(1, "CREDITED"), v(2, "CREDITED")])).toBeNull();
  });

  it("lets a planned document through only when nobody issued a version meanwhile", () => {
    expect(stillApplies([], { version: 1, replaces: null })).toBe(true);
    expect(stillApplies([v(1, "ISSUED")], { version: 1, replaces: null })).toBe(false);
    expect(stillApplies([v(1, "CREDITED")], { version: 2, replaces: null })).toBe(true);
    expect(stillApplies([v(1, "ISSUED")], { version: 2, replaces: "inv-1" })).toBe(true);
    expect(stillApplies([v(1, "CREDITED"), v(2, "ISSUED")], { version: 2, replaces: "inv-1" })).toBe(false);
    expect(stillApplies([v(1, "ISSUED")], { version: 3, replaces: "inv-1" })).toBe(false);
  });
});
