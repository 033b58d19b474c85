import { describe, expect, it } from "vitest";
import { explainInvoice, type ExplainInput, type ExplainLine } from "./explain";
import { buildInvoiceDocument, DOCUMENT_LANGUAGE, type DocumentFormatter, type DocumentLanguage, type InvoiceDocumentInput } from "./invoice-document";
import { INVOICE_ISSUERS } from "./issuer";
import { invoiceTranslator } from "../../../tests/support/invoice-translator";
import { danishFik71, finnishReference, finnishVirtualBarcode, swedishOcr } from "./payment-references";
import type { Market } from "./price-list";

// Plain formatting, so that the assertions read the rules and not Intl's output.
const format: DocumentFormatter = {
  money: (minor) => `${(minor / 100).toFixed(2)} X`,
  date: (iso) => iso,
  decimal: (value) => value,
};

function line(position: number, code: string, amountMinor: number, extra: Partial<ExplainLine> = {}): ExplainLine {
  return { position, code, description: code, quantity: "100.000", unit: "kWh", unitPriceMinor: "10", amountMinor, vatRate: "25", vatAmountMinor: Math.round(amountMinor / 4), ...extra };
}

function input(market: Market, overrides: Partial<InvoiceDocumentInput["invoice"]> = {}, facts: unknown = {}): InvoiceDocumentInput {
  const lines = overrides.lines ?? [line(1, "SUPPLY_MONTHLY_FEE", 4_000, { unit: "month", quantity: "1", unitPriceMinor: "4000", description: "Månadsavgift" })];
  const net = lines.reduce((s, l) => s + l.amountMinor, 0);
  const vat = lines.reduce((s, l) => s + l.vatAmountMinor, 0);
  const invoice: InvoiceDocumentInput["invoice"] = {
    invoiceNumber: "1000000042",
    kind: "INVOICE",
    currency: market === "SE" ? "SEK" : market === "DK" ? "DKK" : "EUR",
    invoiceDate: "2026-02-04",
    dueDate: "2026-02-18",
    periodStart: "2026-01-01",
    periodEnd: "2026-02-01",
    netAmountMinor: net,
    vatAmountMinor: vat,
    totalAmountMinor: net + vat,
    paymentReference: market === "SE" ? swedishOcr("1000000042", { lengthDigit: true }) : market === "FI" ? finnishReference("1000000042") : danishFik71("1000000042"),
    paidOn: null,
    customer: { customerNumber: "1000001", name: "Anna Andersson", careOf: null, street: "Tallvägen 3", postalCode: "931 31", city: "Sjöbotten", country: market },
    installation: { name: "Villa", meteringPointId: "735999 0000 0000 0013", street: "Tallvägen 3", postalCode: "931 31", city: "Sjöbotten" },
    contract: { productName: "Timpris", contractNumber: "N-1" },
    lines,
    corrects: null,
    ...overrides,
  };
  const explainInput: ExplainInput = { ...invoice, billingCycle: null, facts, corrects: invoice.corrects ? { ...invoice.corrects, totalAmountMinor: 10_000 } : null };
  const language = DOCUMENT_LANGUAGE[market];
  return { language, t: invoiceTranslator(language), issuer: INVOICE_ISSUERS[market], format, invoice, explanation: explainInvoice(explainInput) };
}

describe("buildInvoiceDocument: language and payment line per market", () => {
  it("Sweden: Swedish, Bankgiro and OCR, and the OCR payment line with the amount's own check digit", () => {
    const doc = buildInvoiceDocument(input("SE", { netAmountMinor: 210_310, vatAmountMinor: 52_577, totalAmountMinor: 262_887 }));
    expect(doc.language).toBe("sv");
    expect(doc.title).toBe("Faktura");
    expect(doc.fileName).toBe("faktura-1000000042.pdf");
    expect(doc.amount).toMatchObject({ label: "Att betala", value: "2628.87 X", due: { label: "Förfallodag", value: "2026-02-18" } });
    const ocr = swedishOcr("1000000042", { lengthDigit: true });
    expect(ocr).toBe("100000004224");
    expect(doc.payment).toMatchObject({ market: "SE", rows: [{ label: "Bankgiro", value: "5050-1055" }, { label: "OCR-nummer", value: ocr }, { label: "Belopp" }, { label: "Förfallodag" }] });
    // Luhn of "262887" is 3.
    expect(doc.payment?.market === "SE" && doc.payment.ocrLine).toBe("# 100000004224 #     2628 87   3 >      50501055#41#");
  });

  it("Finland: Finnish labels, IBAN, the reference in groups of five and the 54-digit virtual bar code", () => {
    const doc = buildInvoiceDocument(input("FI"));
    expect(doc.language).toBe("fi");
    expect(doc.title).toBe("Lasku");
    expect(doc.fileName).toBe("lasku-1000000042.pdf");
    const reference = finnishReference("1000000042");
    expect(doc.payment).toMatchObject({
      market: "FI",
      barcodeLabel: "Virtuaaliviivakoodi",
      barcode: finnishVirtualBarcode({ iban: "FI3715903000000776", amountCents: 5_000, reference, dueDate: "2026-02-18" }),
      rows: [{ label: "Saajan tilinumero (IBAN)", value: "FI37 1590 3000 0007 76" }, { label: "BIC" }, { label: "Viitenumero", value: "1 00000 00427" }, { label: "Euroa" }, { label: "Eräpäivä" }],
    });
    expect(reference).toBe("10000000427");
    expect(doc.nextInvoice?.label).toBe("Seuraavan laskun arvioitu eräpäivä");
  });

  it("Denmark: Danish labels and the FI line +71<payment id+creditor number<", () => {
    const doc = buildInvoiceDocument(input("DK"));
    expect(doc.language).toBe("da");
    expect(doc.facts.map((f) => f.label)).toEqual(["Kundenummer", "Fakturanummer", "Fakturadato", "Periode", "Sidste rettidige betalingsdag", "Aftale"]);
    expect(doc.payment).toMatchObject({ market: "DK", fiLine: `+71<${danishFik71("1000000042")}+85012345<` });
    expect(doc.installation.map((r) => r.label)).toEqual(["Navn", "Målepunkts-ID", "Adresse"]);
  });

  it("leaves out a payment line it cannot build rather than printing a wrong one", () => {
    const doc = buildInvoiceDocument(input("DK", { paymentReference: "12345" }));
    expect(doc.payment).toMatchObject({ market: "DK", fiLine: null });
    const se = buildInvoiceDocument(input("SE", { paymentReference: "12345" }));
    expect(se.payment?.market === "SE" && se.payment.ocrLine).toBeNull();
  });
});

describe("buildInvoiceDocument: lines", () => {
  it("words known lines in Danish and Finnish from code and parameters (month, share of days, season)", () => {
    const lines = [
      line(1, "SE_GRID_POWER_FEE", 13_500, { description: "Effektavgift 2026-01 (16/31 dagar)", unit: "kW", params: { month: "2026-01", days: 16, daysInMonth: 31 } }),
      line(2, "DK_GRID_TRANSPORT_PEAK", 5_000, { description: "Nättariff, spetslasttid 17–21 (vinter)", params: { season: "winter", band: "peak" } }),
      line(3, "SOMETHING_NEW", 100, { description: "Öresavrundning", params: {} }),
    ];
    const descriptions = (language: DocumentLanguage, market: Market) =>
      buildInvoiceDocument({ ...input(market, { lines }), language, t: invoiceTranslator(language) }).specification.sections[0]!.rows.map((r) => r.description);
    expect(descriptions("da", "DK")).toEqual(["Effektbetaling 2026-01 (16/31 dage)", "Transportbetaling, netselskab – spidslast 17–21 (vinter)", "Öresavrundning"]);
    expect(descriptions("fi", "FI")).toEqual(["Tehomaksu 2026-01 (16/31 päivää)", "Siirtomaksu, verkkoyhtiö – huippukuormitus 17–21 (talvi)", "Öresavrundning"]);
    expect(descriptions("sv", "SE")).toEqual(["Effektavgift 2026-01 (16/31 dagar)", "Nättariff, spetslasttid 17–21 (vinter)", "Öresavrundning"]);
  });

  it("quotes energy prices in minor units per kWh and fees in major units per month", () => {
    const lines = [line(1, "SUPPLY_ENERGY_SPOT", 91_308, { unitPriceMinor: "86.6299" }), line(2, "SE_GRID_FIXED_FEE", 31_500, { unit: "month", quantity: "1", unitPriceMinor: "31500" })];
    const rows = buildInvoiceDocument(input("SE", { lines })).specification.sections[0]!.rows;
    expect(rows.map((r) => [r.unit, r.unitPrice])).toEqual([
      ["kWh", "86.6299 öre/kWh"],
      ["mån", "315 kr/mån"],
    ]);
  });

  it("Danish aconto bill: the run's sections and Danish texts, the settlement overview on page 1", () => {
    const lines = [
      line(1, "SUPPLY_ENERGY_SPOT", 150_000),
      line(2, "ACONTO_DEDUCTION", -120_000, { description: "Avdrag för betald aconto 2025 K4" }),
      line(3, "ACONTO_NEXT", 122_766, { description: "Aconto 2026 K1, kommande kvartal" }),
    ];
    const facts = {
      cycle: "QUARTERLY_ACONTO",
      lines: [
        { position: 1, section: "settlement" },
        { position: 2, section: "deduction", description: { sv: "Avdrag för betald aconto 2025 K4", en: "Aconto paid for 2025 Q4, deducted", da: "Fradrag for betalt aconto 2025 K4" } },
        { position: 3, section: "aconto", description: { sv: "Aconto 2026 K1, kommande kvartal", en: "Aconto for 2026 Q1", da: "Aconto 2026 K1, kommende kvartal" } },
      ],
      aconto: { settledPeriod: { from: "2025-10-01", to: "2026-01-01" }, nextPeriod: { from: "2026-01-01", to: "2026-04-01" } },
    };
    const doc = buildInvoiceDocument(input("DK", { lines, periodStart: "2025-10-01", periodEnd: "2026-01-01" }, facts));
    expect(doc.specification.sections.map((s) => [s.title, s.rows.map((r) => r.description), s.subtotal?.value])).toEqual([
      ["Opgørelse af forbrug 2025-10-01 – 2025-12-31", ["Elenergi, spotpris (forbrugsvægtet gennemsnitspris)"], "1500.00 X"],
      ["Betalt aconto for perioden", ["Fradrag for betalt aconto 2025 K4"], "-1200.00 X"],
      ["Aconto for kommende periode 2026-01-01 – 2026-03-31", ["Aconto 2026 K1, kommende kvartal"], "1227.66 X"],
    ]);
    expect(doc.aconto?.rows.map((r) => r.value)).toEqual(["1875.00 X", "-1500.00 X", "+375.00 X", "1534.58 X"]);
    expect(doc.breakdown).toBeNull();
  });
});

describe("buildInvoiceDocument: credit notes and corrections", () => {
  const corrects = { invoiceNumber: "1000000007", periodStart: "2025-12-01", periodEnd: "2026-01-01" };

  it("a credit note is titled so, says what it credits and has no payment part", () => {
    const lines = [line(1, "SUPPLY_MONTHLY_FEE", -8_000, { description: "Kreditering faktura 1000000007: Månadsavgift" })];
    const doc = buildInvoiceDocument(input("SE", { kind: "CREDIT_NOTE", lines, corrects }));
    expect(doc.title).toBe("Kreditfaktura");
    expect(doc.notice).toBe("Denna kreditfaktura krediterar faktura 1000000007 för perioden 2025-12-01 – 2025-12-31.");
    expect(doc.amount).toMatchObject({ label: "Krediteras", value: "-100.00 X", due: null });
    expect(doc.payment).toBeNull();
    expect(doc.facts.map((f) => f.label)).not.toContain("Förfallodag");
  });

  it("a re-billed invoice asks only for what is left after payments on the earlier version", () => {
    const lines = [line(1, "SUPPLY_MONTHLY_FEE", 9_600, { unit: "month", quantity: "1", unitPriceMinor: "9600" })];
    const facts = { correction: { reasons: [{ kind: "METER_VALUES" }], paidOnEarlierVersionsMinor: 10_000, toPayMinor: 2_000, toRefundMinor: 0 } };
    const doc = buildInvoiceDocument(input("SE", { lines, corrects }, facts));
    expect(doc.title).toBe("Korrigerad faktura");
    expect(doc.notice).toMatch(/^Denna faktura ersätter faktura 1000000007 för perioden 2025-12-01 – 2025-12-31, .* Skillnad mot den ursprungliga fakturan: \+20\.00 X\.$/);
    expect(doc.amount).toMatchObject({ label: "Att betala", value: "20.00 X" });
    expect(doc.summary.slice(-2)).toEqual([
      { label: "Betalt på tidigare version av fakturan", value: "-100.00 X" },
      { label: "Att betala", value: "20.00 X", strong: true },
    ]);
    expect(doc.payment?.rows.find((r) => r.label === "Belopp")?.value).toBe("20.00 X");
    expect(doc.nextInvoice).toBeNull();
  });

  it("a Danish correction notice ends with one full stop after an amount in kr.", () => {
    const base = input("DK", { corrects });
    const doc = buildInvoiceDocument({ ...base, format: { ...format, money: (minor) => `${(minor / 100).toFixed(2)} kr.` } });
    expect(doc.title).toBe("Korrektionsregning");
    expect(doc.notice).toBe(
      "Denne korrektionsregning erstatter faktura 1000000007 for perioden 2025-12-01 – 2025-12-31, som er krediteret fuldt ud. Difference i forhold til den oprindelige faktura: -50.00 kr.",
    );
  });

  it("a paid invoice says so and has no payment part", () => {
    const doc = buildInvoiceDocument(input("SE", { paidOn: "2026-02-14" }));
    expect(doc.amount.paid).toBe("Betald 2026-02-14 – tack!");
    expect(doc.payment).toBeNull();
  });
});

describe("buildInvoiceDocument: the check code for Mina sidor", () => {
  it("prints the customer's check code among the facts in the market's language, and nothing when there is none", () => {
    expect(buildInvoiceDocument(input("SE", { checkCode: "ABCD-EFGH" })).facts).toContainEqual({ label: "Kontrollkod för Mina sidor", value: "ABCD-EFGH" });
    expect(buildInvoiceDocument(input("DK", { checkCode: "ABCD-EFGH" })).facts).toContainEqual({ label: "Kontrolkode til Mina sidor", value: "ABCD-EFGH" });
    expect(buildInvoiceDocument(input("FI", { checkCode: "ABCD-EFGH" })).facts).toContainEqual({ label: "Mina sidor -tarkistuskoodi", value: "ABCD-EFGH" });
    for (const checkCode of [null, undefined]) {
      expect(buildInvoiceDocument(input("SE", { checkCode })).facts.map((f) => f.label)).not.toContain("Kontrollkod för Mina sidor");
    }
  });
});
