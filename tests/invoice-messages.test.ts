// The invoice pages' Swedish and English texts: the same keys in both, and a wording for every
// line code, category, recipient and status the explain module can produce.
import { describe, expect, it } from "vitest";
import { EXPLAINED_LINE_CODES } from "@/domain/billing/explain";
import { INVOICE_PAYMENT_STATUSES } from "@/domain/billing/invoice-status";
import en from "../messages/en/invoices.json";
import sv from "../messages/sv/invoices.json";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe("messages/*/invoices.json", () => {
  it("has the same keys in Swedish and English", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(sv as Tree).sort());
  });

  it("words every line code, aconto line, category, recipient and status", () => {
    for (const messages of [sv, en]) {
      for (const code of [...EXPLAINED_LINE_CODES, "ACONTO_DEDUCTION", "ACONTO_NEXT", "OTHER"]) expect(messages.explain.line).toHaveProperty(code);
      for (const code of EXPLAINED_LINE_CODES) expect(messages.lineName).toHaveProperty(code);
      for (const c of ["energy", "transfer", "tax", "fixedFee", "power", "flow", "aconto", "other", "vat"]) expect(messages.explain.category).toHaveProperty(c);
      for (const r of ["retailer", "gridCompany", "energinet", "state", "heatSupplier", "unknown"]) expect(messages.explain.recipient).toHaveProperty(r);
      for (const s of INVOICE_PAYMENT_STATUSES) expect(messages.status).toHaveProperty(s);
    }
  });
});
