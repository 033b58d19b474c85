// Invoices stored before the line catalogue keep rendering: lines without parameters (null) and an
// explanation of version 1, whose lines recorded the run's texts and rating details instead of
// parameters (docs/decisions/016-invoice-artefact.md). The page's explanation, the English page
// and the Danish and Finnish PDFs name their lines from what was recorded, never from a description.
import { beforeAll, describe, expect, it } from "vitest";
import { explainedLineName } from "@/domain/billing/explain";
import { createContract, createCustomer, createInstallation, createUser } from "@/fixtures/factories";
import type { Invoice } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { createTestInvoice } from "../../../tests/support/invoice-fixtures";
import { pdfText } from "../../../tests/support/pdf";
import { explainInvoice } from "./explain-invoice";
import { invoiceTranslator } from "./invoice-translator";
import { renderInvoicePdf } from "./render-invoice-pdf";

const db = getTestDb();
let mette: CustomerActor, mikko: CustomerActor;
let dkOld: Invoice, fiOld: Invoice;

/** An explanation line as a version-1 run wrote it: texts recorded, no parameters. */
const v1Line = (position: number, code: string, section: string, product: string, texts: { sv: string; en: string; da?: string }, details: unknown, from = "2025-10-01", to = "2026-01-01") => ({
  position,
  code,
  section,
  product,
  description: texts,
  from,
  to,
  priceListIds: [],
  ...(details ? { details } : {}),
});

beforeAll(async () => {
  await resetDatabase();
  const dk = await createCustomer(db, { market: "DK", name: "Mette Jensen", street: "Søndergade 12", postalCode: "8000", city: "Aarhus C" });
  const dkInstallation = await createInstallation(db, { customerId: dk.id, type: "ELECTRICITY_SUPPLY", name: "Søndergade 12" });
  const dkContract = await createContract(db, { installationId: dkInstallation.id, pricing: "SPOT", billingCycle: "QUARTERLY_ACONTO", expectedYearlyKwh: 4_200 });
  dkOld = await createTestInvoice(db, {
    customerId: dk.id,
    installationId: dkInstallation.id,
    contractId: dkContract.id,
    invoiceDate: "2026-01-08",
    dueDate: "2026-01-22",
    periodStart: "2025-10-01",
    periodEnd: "2026-01-01",
    lines: [
      { code: "DK_GRID_TRANSPORT_PEAK", description: "Nättariff, spetslasttid 17–21 (vinter)", quantity: "120.000", unit: "kWh", unitPriceMinor: "95.12", amountMinor: 11_414 },
      { code: "ACONTO_DEDUCTION", description: "Avdrag för betald aconto 4:e kvartalet 2025", quantity: "-1012.000", unit: "kWh", unitPriceMinor: "118.5771", amountMinor: -120_000 },
      { code: "ACONTO_NEXT", description: "Aconto 1:a kvartalet 2026, kommande kvartal", quantity: "1036.000", unit: "kWh", unitPriceMinor: "118.5000", amountMinor: 122_766 },
    ],
    explanation: {
      version: 1,
      kind: "INVOICE",
      cycle: "QUARTERLY_ACONTO",
      lines: [
        v1Line(1, "DK_GRID_TRANSPORT_PEAK", "settlement", "DK_GRID", { sv: "Nättariff, spetslasttid 17–21 (vinter)", en: "Grid transport tariff, peak load 17–21 (winter)" }, { kind: "timeOfUse", band: "peak", season: "winter" }),
        v1Line(2, "ACONTO_DEDUCTION", "deduction", "DK_SUPPLY", { sv: "Avdrag för betald aconto 4:e kvartalet 2025", en: "Aconto paid for Q4 2025, deducted", da: "Fradrag for betalt aconto 4. kvartal 2025" }, { kind: "acontoDeduction", invoiceNumber: "2000000007" }),
        v1Line(3, "ACONTO_NEXT", "aconto", "DK_SUPPLY", { sv: "Aconto 1:a kvartalet 2026, kommande kvartal", en: "Aconto for Q1 2026, the coming quarter", da: "Aconto 1. kvartal 2026, kommende kvartal" }, { kind: "acontoNext", kWh: 1036 }, "2026-01-01", "2026-04-01"),
      ],
      aconto: { settledPeriod: { from: "2025-10-01", to: "2026-01-01" }, nextPeriod: { from: "2026-01-01", to: "2026-04-01" }, nextLines: [] },
      nextInvoice: { periodFrom: "2026-01-01", periodTo: "2026-04-01", invoiceDate: "2026-04-01", dueDate: "2026-04-15" },
    },
  });

  const fi = await createCustomer(db, { market: "FI", name: "Mikko Virtanen", street: "Hämeenkatu 10", postalCode: "33100", city: "Tampere" });
  const fiInstallation = await createInstallation(db, { customerId: fi.id, type: "ELECTRICITY_SUPPLY", name: "Hämeenkatu 10" });
  const fiContract = await createContract(db, { installationId: fiInstallation.id, pricing: "SPOT" });
  fiOld = await createTestInvoice(db, {
    customerId: fi.id,
    installationId: fiInstallation.id,
    contractId: fiContract.id,
    invoiceDate: "2026-02-03",
    periodStart: "2026-01-01",
    periodEnd: "2026-02-01",
    lines: [
      { code: "SUPPLY_MONTHLY_FEE", description: "Grundavgift", quantity: "1", unit: "month", unitPriceMinor: "390", amountMinor: 390 },
      { code: "SE_GRID_POWER_FEE", description: "Effektavgift 2026-01 (16/31 dagar)", quantity: "4.200", unit: "kW", unitPriceMinor: "5000", amountMinor: 10_839 },
    ],
    explanation: {
      version: 1,
      kind: "INVOICE",
      cycle: "MONTHLY",
      lines: [
        v1Line(1, "SUPPLY_MONTHLY_FEE", "period", "FI_SUPPLY", { sv: "Grundavgift", en: "Basic fee" }, { kind: "monthly", months: [{ month: "2026-01", days: 31, daysInMonth: 31 }] }, "2026-01-01", "2026-02-01"),
        v1Line(2, "SE_GRID_POWER_FEE", "period", "SE_GRID", { sv: "Effektavgift 2026-01 (16/31 dagar)", en: "Power fee 2026-01 (16/31 days)" }, { kind: "powerFee", month: "2026-01", days: 16, daysInMonth: 31, peakCount: 3, peaks: [] }, "2026-01-16", "2026-02-01"),
      ],
    },
  });

  mette = await customerActorOf(await createUser(db, { memberships: [{ customerId: dk.id }] }));
  mikko = await customerActorOf(await createUser(db, { memberships: [{ customerId: fi.id }] }));
}, 120_000);

describe("invoices stored before the line catalogue", () => {
  it("have lines without parameters and an explanation of version 1", async () => {
    const lines = await db.invoiceLine.findMany({ where: { invoiceId: { in: [dkOld.id, fiOld.id] } } });
    expect(lines.map((l) => l.params)).toEqual(lines.map(() => null));
  });

  it("take their lines' parameters from the recorded details, and their sections from the run", async () => {
    const { explanation } = await explainInvoice(mette, dkOld.id, { today: "2026-01-10" });
    expect(explanation.lines.map((l) => [l.code, l.section, l.params])).toEqual([
      ["DK_GRID_TRANSPORT_PEAK", "settlement", { season: "winter", band: "peak" }],
      ["ACONTO_DEDUCTION", "prepaid", { year: 2025, quarter: 4 }],
      ["ACONTO_NEXT", "nextAconto", { year: 2026, quarter: 1 }],
    ]);
    const fi = await explainInvoice(mikko, fiOld.id, { today: "2026-02-10" });
    expect(fi.explanation.lines.map((l) => l.params)).toEqual([{ variant: "basic" }, { month: "2026-01", days: 16, daysInMonth: 31 }]);
  });

  it("read in Swedish and English as issued, on the page", async () => {
    const { explanation } = await explainInvoice(mikko, fiOld.id, { today: "2026-02-10" });
    expect(explanation.lines.map((l) => explainedLineName(l, "sv", invoiceTranslator("sv")))).toEqual(["Grundavgift", "Effektavgift 2026-01 (16/31 dagar)"]);
    expect(explanation.lines.map((l) => explainedLineName(l, "en", invoiceTranslator("en")))).toEqual(["Basic fee", "Power fee 2026-01 (16/31 days)"]);
  });

  it("print in Danish and Finnish, the suffixes worded from the parameters", async () => {
    const dk = await renderInvoicePdf(mette, dkOld.id, { compress: false, today: "2026-01-10" });
    expect(dk.document.specification.sections.flatMap((s) => s.rows.map((r) => r.description))).toEqual([
      "Transportbetaling, netselskab – spidslast 17–21 (vinter)",
      "Fradrag for betalt aconto 4. kvartal 2025",
      "Aconto 1. kvartal 2026, kommende kvartal",
    ]);
    expect(pdfText(dk.body)).toContain("Fradrag for betalt aconto 4. kvartal 2025");
    const fi = await renderInvoicePdf(mikko, fiOld.id, { compress: false, today: "2026-02-10" });
    expect(fi.document.specification.sections[0]!.rows.map((r) => r.description)).toEqual(["Perusmaksu", "Tehomaksu 2026-01 (16/31 päivää)"]);
    expect(pdfText(fi.body)).toContain("Tehomaksu 2026-01 (16/31 päivää)");
  });
});
