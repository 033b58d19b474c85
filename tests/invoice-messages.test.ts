// The invoice pages' Swedish and English texts: the same keys in both, and a wording for every
// line code, category, recipient and status the explain module can produce. The line names and
// the PDF's labels also in Danish and Finnish (the PDF's languages), for every catalogue code.
import { describe, expect, it } from "vitest";
import { INVOICE_PAYMENT_STATUSES } from "@/domain/billing/invoice-status";
import { CATALOGUE_LINE_CODES, LINE_CATALOGUE, type LineParams } from "@/domain/billing/line-catalogue";
import { lineName, type InvoiceLanguage } from "@/domain/billing/line-name";
import daDoc from "../messages/da/invoiceDocument.json";
import enDoc from "../messages/en/invoiceDocument.json";
import fiDoc from "../messages/fi/invoiceDocument.json";
import svDoc from "../messages/sv/invoiceDocument.json";
import en from "../messages/en/invoices.json";
import sv from "../messages/sv/invoices.json";
import { invoiceTranslator } from "./support/invoice-translator";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

/** The issued invoice's texts (line names, suffixes, PDF labels): messages/<language>/invoiceDocument.json. */
const ALL: Record<InvoiceLanguage, Tree> = { sv: svDoc as Tree, en: enDoc as Tree, da: daDoc as Tree, fi: fiDoc as Tree };
/** Every parameter a catalogue entry can name, with a value, so each message is formatted with all it may use. */
const SAMPLE: Required<LineParams> = {
  variant: "basic",
  season: "winter",
  band: "peak",
  month: "2026-01",
  days: 16,
  daysInMonth: 31,
  kW: "12.5",
  year: 2026,
  quarter: 3,
  creditedInvoiceNumber: "1000000042",
};

describe("messages/*/invoices.json and invoiceDocument.json", () => {
  it("has the same keys in Swedish and English", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(sv as Tree).sort());
  });

  it("words every line code, aconto line, category, recipient and status", () => {
    for (const messages of [sv, en]) {
      for (const code of [...CATALOGUE_LINE_CODES, "OTHER"]) expect(messages.explain.line).toHaveProperty(code);
      for (const c of ["energy", "transfer", "tax", "fixedFee", "power", "flow", "aconto", "other", "vat"]) expect(messages.explain.category).toHaveProperty(c);
      for (const r of ["retailer", "gridCompany", "energinet", "state", "heatSupplier", "unknown"]) expect(messages.explain.recipient).toHaveProperty(r);
      for (const s of INVOICE_PAYMENT_STATUSES) expect(messages.status).toHaveProperty(s);
    }
  });

  it("names every catalogue code in sv, en, da and fi, with its parameters and without them", () => {
    for (const language of ["sv", "en", "da", "fi"] as const) {
      const t = invoiceTranslator(language);
      for (const code of CATALOGUE_LINE_CODES) {
        expect(ALL[language].lineName).toHaveProperty(code);
        const params = Object.fromEntries(LINE_CATALOGUE[code].params.map((p) => [p, SAMPLE[p]])) as LineParams;
        for (const p of [params, {}, { ...params, creditedInvoiceNumber: "1000000042" }]) {
          const name = lineName({ code, params: p, description: "(snapshot)" }, language, t);
          expect(name, `${language} ${code}`).not.toMatch(/[{}]|lineName|lineSuffix|\(snapshot\)/);
          expect(name.trim()).toBe(name);
        }
      }
    }
  });

  it("has the line names, their suffixes and the PDF's labels in all four languages", () => {
    const part = (tree: Tree, branch: string) => keys(tree[branch] as Tree).sort();
    for (const branch of ["lineName", "lineSuffix", "pdf"]) {
      for (const language of ["en", "da", "fi"] as const) expect(part(ALL[language], branch), `${language} ${branch}`).toEqual(part(ALL.sv, branch));
    }
  });

  it("words lines as the billing run has issued them in Swedish", () => {
    const t = invoiceTranslator("sv");
    const name = (code: string, params: LineParams) => lineName({ code, params, description: "" }, "sv", t);
    expect(name("SE_GRID_POWER_FEE", { month: "2025-01", days: 15, daysInMonth: 31 })).toBe("Effektavgift 2025-01 (15/31 dagar)");
    expect(name("SE_GRID_POWER_FEE", { month: "2025-01" })).toBe("Effektavgift 2025-01");
    expect(name("DK_GRID_TRANSPORT_PEAK", { season: "winter", band: "peak" })).toBe("Nättariff, spetslasttid 17–21 (vinter)");
    expect(name("DH_ENERGY", { season: "summer" })).toBe("Energiavgift (sommar)");
    expect(name("DH_POWER", { kW: "12.5" })).toBe("Effektavgift 12.5 kW");
    expect(name("SUPPLY_MONTHLY_FEE", { variant: "basic" })).toBe("Grundavgift");
    expect(name("SUPPLY_MONTHLY_FEE", {})).toBe("Månadsavgift");
    expect(name("ACONTO_DEDUCTION", { year: 2026, quarter: 3 })).toBe("Avdrag för betald aconto 3:e kvartalet 2026");
    expect(name("ACONTO_NEXT", { year: 2026, quarter: 1 })).toBe("Aconto 1:a kvartalet 2026, kommande kvartal");
    expect(name("SE_GRID_TRANSFER", { creditedInvoiceNumber: "1000000042" })).toBe("Kreditering faktura 1000000042: Överföringsavgift");
  });
});
