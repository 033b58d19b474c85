import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_DK_GRID, DEMO_DK_SUPPLY, DEMO_FI_SUPPLY_SPOT, DEMO_SE_GRID, DEMO_SE_SUPPLY_SPOT } from "@/fixtures/demo-price-lists";
import { INVOICE_ISSUERS } from "@/domain/billing/issuer";
import { danishFiLine, finnishVirtualBarcode } from "@/domain/billing/payment-references";
import { createContract, createCustomer, createInstallation, createManagementCompany, createManagementGrant, createUser } from "@/fixtures/factories";
import type { Invoice } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { createTestInvoice, ratedLines } from "../../../tests/support/invoice-fixtures";
import { pdffonts, pdfFonts, pdfText } from "../../../tests/support/pdf";
import { renderInvoicePdf } from "./render-invoice-pdf";

// The route handler reads the session through this module; the tests decide who is signed in.
const session = vi.hoisted(() => ({ actor: null as CustomerActor | null }));
vi.mock("@/server/auth/session", () => ({ currentActor: async () => session.actor }));

const db = getTestDb();
// INVOICE_PDF_DIR=/tmp/pdfs writes every rendered PDF there, to look at (pdftoppm -png -r 80).
const OUT = process.env.INVOICE_PDF_DIR;

function save(name: string, pdf: Buffer): void {
  if (!OUT) return;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, name), pdf);
}

let anna: CustomerActor, mette: CustomerActor, mikko: CustomerActor, stranger: CustomerActor;
let seInvoice: Invoice, seCredited: Invoice, seCreditNote: Invoice, seRebill: Invoice, fiInvoice: Invoice, dkInvoice: Invoice;

beforeAll(async () => {
  await resetDatabase();
  // Swedish household: grid and spot supply on one bill for January.
  const se = await createCustomer(db, { name: "Anna Andersson", street: "Tallvägen 3", postalCode: "931 31", city: "Sjöbotten" });
  const seInstallation = await createInstallation(db, { customerId: se.id, type: "ELECTRICITY_SUPPLY", name: "Villa Tallvägen – el", street: "Tallvägen 3", postalCode: "931 31", city: "Sjöbotten" });
  const seContract = await createContract(db, { installationId: seInstallation.id, pricing: "SPOT", productName: "Timpris" });
  const seRated = ratedLines({
    market: "SE",
    timeZone: "Europe/Stockholm",
    from: "2026-01-01",
    to: "2026-02-01",
    priceLists: [...DEMO_SE_SUPPLY_SPOT, ...DEMO_SE_GRID],
    kWh: (h) => (h >= 7 && h < 9 ? 2.5 : h >= 17 && h < 21 ? 3.2 : 0.9),
    spot: (h, d) => (h >= 17 && h < 21 ? 165.4 : h < 5 ? -1.25 : 48 + (d % 5)),
  });
  seInvoice = await createTestInvoice(db, { customerId: se.id, installationId: seInstallation.id, contractId: seContract.id, invoiceDate: "2026-02-04", periodStart: "2026-01-01", periodEnd: "2026-02-01", ...seRated });
  seCredited = await createTestInvoice(db, { customerId: se.id, installationId: seInstallation.id, contractId: seContract.id, status: "CREDITED", invoiceDate: "2026-01-05", periodStart: "2025-12-01", periodEnd: "2026-01-01", netAmountMinor: 80_000 });
  seCreditNote = await createTestInvoice(db, {
    customerId: se.id,
    installationId: seInstallation.id,
    kind: "CREDIT_NOTE",
    invoiceDate: "2026-02-10",
    periodStart: "2025-12-01",
    periodEnd: "2026-01-01",
    correctsInvoiceId: seCredited.id,
    lines: [{ code: "SUPPLY_MONTHLY_FEE", description: "Kreditering av faktura, månadsavgift", quantity: "-1", unit: "month", unitPriceMinor: "80000", amountMinor: -80_000 }],
  });
  seRebill = await createTestInvoice(db, {
    customerId: se.id,
    installationId: seInstallation.id,
    contractId: seContract.id,
    invoiceDate: "2026-02-10",
    periodStart: "2025-12-01",
    periodEnd: "2026-01-01",
    netAmountMinor: 86_000,
    correctsInvoiceId: seCredited.id,
  });

  // Finnish household: spot contract, VAT 25.5 %.
  const fi = await createCustomer(db, { market: "FI", name: "Mikko Virtanen", street: "Hämeenkatu 10 B 12", postalCode: "33100", city: "Tampere" });
  const fiInstallation = await createInstallation(db, { customerId: fi.id, type: "ELECTRICITY_SUPPLY", name: "Hämeenkatu 10 B 12" });
  const fiContract = await createContract(db, { installationId: fiInstallation.id, pricing: "SPOT", productName: "Pörssisähkö" });
  const fiRated = ratedLines({
    market: "FI",
    timeZone: "Europe/Helsinki",
    from: "2026-01-01",
    to: "2026-02-01",
    priceLists: DEMO_FI_SUPPLY_SPOT,
    kWh: (h) => (h >= 18 && h < 22 ? 1.8 : 0.6),
    spot: (h) => (h >= 18 && h < 22 ? 14.2 : h < 4 ? -0.35 : 6.1),
  });
  fiInvoice = await createTestInvoice(db, { customerId: fi.id, installationId: fiInstallation.id, contractId: fiContract.id, invoiceDate: "2026-02-03", periodStart: "2026-01-01", periodEnd: "2026-02-01", ...fiRated });

  // Danish household: the quarterly aconto bill settling Q4 2025 and prepaying Q1 2026.
  const dk = await createCustomer(db, { market: "DK", name: "Mette Jensen", street: "Søndergade 12, 2. tv.", postalCode: "8000", city: "Aarhus C" });
  const dkInstallation = await createInstallation(db, { customerId: dk.id, type: "ELECTRICITY_SUPPLY", name: "Vestergade 21", street: "Vestergade 21", postalCode: "8000", city: "Aarhus C" });
  const dkContract = await createContract(db, { installationId: dkInstallation.id, pricing: "SPOT", billingCycle: "QUARTERLY_ACONTO", expectedYearlyKwh: 4_200, productName: "VariabelEl" });
  const dkRated = ratedLines({
    market: "DK",
    timeZone: "Europe/Copenhagen",
    from: "2025-10-01",
    to: "2026-01-01",
    priceLists: [...DEMO_DK_SUPPLY, ...DEMO_DK_GRID],
    kWh: (h) => (h >= 17 && h < 21 ? 0.9 : 0.35),
    spot: (h) => (h >= 17 && h < 21 ? 142.5 : h < 5 ? -3.5 : 61.25),
  });
  dkInvoice = await createTestInvoice(db, {
    customerId: dk.id,
    installationId: dkInstallation.id,
    contractId: dkContract.id,
    invoiceDate: "2026-01-08",
    dueDate: "2026-01-29",
    periodStart: "2025-10-01",
    periodEnd: "2026-01-01",
    lines: [
      ...dkRated.lines,
      // As the billing run writes them (src/domain/billing/billing-period.ts).
      { code: "ACONTO_DEDUCTION", description: "Avdrag för betald aconto 2025 K4", quantity: "-1012.000", unit: "kWh", unitPriceMinor: "118.5771", amountMinor: -120_000 },
      { code: "ACONTO_NEXT", description: "Aconto 2026 K1, kommande kvartal", quantity: "1036.000", unit: "kWh", unitPriceMinor: "118.5000", amountMinor: 122_766 },
    ],
    explanation: {
      cycle: "QUARTERLY_ACONTO",
      lines: [
        ...dkRated.explanation.lines.map((l) => ({ ...l, section: "settlement" })),
        { position: dkRated.lines.length + 1, section: "deduction", description: { sv: "Avdrag för betald aconto 2025 K4", en: "Aconto paid for 2025 Q4, deducted", da: "Fradrag for betalt aconto 2025 K4" } },
        { position: dkRated.lines.length + 2, section: "aconto", description: { sv: "Aconto 2026 K1, kommande kvartal", en: "Aconto for 2026 Q1, the coming quarter", da: "Aconto 2026 K1, kommende kvartal" } },
      ],
      aconto: {
        settledPeriod: { from: "2025-10-01", to: "2026-01-01" },
        nextPeriod: { from: "2026-01-01", to: "2026-04-01" },
        actualKwh: "975.550",
        prepaidKwh: "1012.000",
        nextKwh: "1036",
        expectedYearlyKwh: 4_200,
        basis: { kWh: 4_120, days: 358 },
        basisSource: "measured",
      },
      nextInvoice: { periodFrom: "2026-01-01", periodTo: "2026-04-01", invoiceDate: "2026-04-01", dueDate: "2026-04-15" },
    },
  });

  anna = await customerActorOf(await createUser(db, { memberships: [{ customerId: se.id }] }));
  mikko = await customerActorOf(await createUser(db, { memberships: [{ customerId: fi.id }] }));
  mette = await customerActorOf(await createUser(db, { memberships: [{ customerId: dk.id }] }));
  stranger = await customerActorOf(await createUser(db, { memberships: [{ customerId: (await createCustomer(db)).id }] }));
}, 120_000);

describe("renderInvoicePdf", () => {
  it("Swedish bill: a two-page A4 PDF with Bankgiro, OCR number and the OCR payment line", async () => {
    const { body, fileName, document } = await renderInvoicePdf(anna, seInvoice.id, { compress: false, today: "2026-02-10" });
    save("se-invoice.pdf", body);
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(fileName).toBe(`faktura-${seInvoice.invoiceNumber}.pdf`);
    expect(body.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(body.toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");

    const text = pdfText(body);
    expect(text).toContain("Faktura");
    expect(text).toContain("Anna Andersson");
    expect(text).toContain("Villa Tallvägen – el");
    expect(text).toContain(seInvoice.invoiceNumber);
    expect(text).toContain("5050-1055");
    expect(text).toContain(seInvoice.paymentReference);
    expect(document.payment?.market).toBe("SE");
    const ocrLine = document.payment?.market === "SE" ? document.payment.ocrLine : null;
    expect(ocrLine).toMatch(new RegExp(`^# ${seInvoice.paymentReference} #\\s+\\d+ \\d{2}   \\d >\\s+50501055#41#$`));
    expect(text).toContain(ocrLine);
    // Page 2: every line, the VAT summary and the totals.
    expect(text).toContain("Specifikation");
    for (const line of ["Månadsavgift", "Elenergi, spotpris (förbrukningsviktat medelpris)", "Påslag", "Fast avgift, elnät", "Överföringsavgift", "Energiskatt", "Effektavgift"]) {
      expect(text).toContain(line);
    }
    expect(text).toContain("Momsspecifikation");
    expect(text).toContain("Nästa fakturas beräknade förfallodag");
    expect(text).toMatch(/öre\/kWh/);
  });

  it("Finnish bill: IBAN, reference and the 54-digit virtual bar code as digits (and as Code 128 bars)", async () => {
    const { body, document } = await renderInvoicePdf(mikko, fiInvoice.id, { compress: false, today: "2026-02-05" });
    save("fi-invoice.pdf", body);
    const expected = finnishVirtualBarcode({ iban: "FI37 1590 3000 0007 76", amountCents: fiInvoice.totalAmountMinor, reference: fiInvoice.paymentReference, dueDate: "2026-02-17" });
    expect(expected).toHaveLength(54);
    expect(document.payment).toMatchObject({ market: "FI", barcode: expected });
    const text = pdfText(body);
    expect(text).toContain(expected);
    expect(text).toContain("FI37 1590 3000 0007 76");
    expect(text).toContain("Virtuaaliviivakoodi");
    expect(text).toContain("Seuraavan laskun arvioitu eräpäivä");
    expect(document.specification.sections[0]!.rows.map((r) => r.description)).toEqual([
      "Perusmaksu",
      "Sähköenergia, pörssihinta (kulutuksella painotettu keskihinta)",
      "Marginaali",
    ]);
    expect(text).toContain("Sähköenergia, pörssihinta");
    expect(text).toContain("snt/kWh");
    expect(text).toContain("25,5 %");
    // 30 symbols: 29 × 3 bars + 4 in the stop symbol, drawn as filled rectangles.
    expect(body.toString("latin1").match(/ re\n/g)?.length ?? 0).toBeGreaterThanOrEqual(29 * 3 + 4);
  });

  it("Danish aconto bill: settlement, prepaid aconto and next aconto in their own sections, the FI line, æ and ø", async () => {
    const { body, document } = await renderInvoicePdf(mette, dkInvoice.id, { compress: false, today: "2026-01-10" });
    save("dk-aconto.pdf", body);
    const fiLine = danishFiLine({ paymentId: dkInvoice.paymentReference, creditorNumber: INVOICE_ISSUERS.DK.payment.market === "DK" ? INVOICE_ISSUERS.DK.payment.creditorNumber : "" });
    expect(fiLine).toMatch(/^\+71<\d{15}\+85012345<$/);
    const text = pdfText(body);
    expect(text).toContain(fiLine);
    expect(text).toContain("Søndergade 12, 2. tv.");
    expect(text).toContain("Sidste rettidige betalingsdag");
    expect(text).toContain("Målepunkts-ID");
    expect(text).toContain("Opgørelse af forbrug 01.10.2025 – 31.12.2025");
    expect(text).toContain("Betalt aconto for perioden");
    expect(text).toContain("Fradrag for betalt aconto 2025 K4");
    expect(text).toContain("Aconto 2026 K1, kommende kvartal");
    expect(text).toContain("Forventet betalingsdag for næste regning");
    expect(text).toContain("15.04.2026");
    expect(text).toContain("Aconto for kommende periode 01.01.2026 – 31.03.2026");
    expect(text).toContain("Transportbetaling, netselskab – spidslast 17–21");
    expect(text).toContain("Elafgift");
    expect(document.specification.sections.map((s) => s.rows.length)).toEqual([dkInvoice.totalAmountMinor ? document.specification.sections[0]!.rows.length : 0, 1, 1]);
    expect(document.aconto?.rows).toHaveLength(4);
  });

  it("credit note and corrected invoice: titled so, and say which invoice and period they correct", async () => {
    const credit = await renderInvoicePdf(anna, seCreditNote.id, { compress: false, today: "2026-02-10" });
    save("se-credit-note.pdf", credit.body);
    const creditText = pdfText(credit.body);
    expect(creditText).toContain("Kreditfaktura");
    expect(creditText).toContain(`Denna kreditfaktura krediterar faktura ${seCredited.invoiceNumber} för perioden 2025-12-01 – 2025-12-31.`);
    expect(credit.document.payment).toBeNull();

    const rebill = await renderInvoicePdf(anna, seRebill.id, { compress: false, today: "2026-02-10" });
    save("se-rebill.pdf", rebill.body);
    expect(pdfText(rebill.body)).toContain("Korrigerad faktura");
    expect(rebill.document.notice).toMatch(new RegExp(`ersätter faktura ${seCredited.invoiceNumber} för perioden 2025-12-01 – 2025-12-31.*Skillnad mot den ursprungliga fakturan: \\+75,00`));
  });

  it("embeds every font it uses, so the copy renders the same everywhere (pdffonts: emb yes)", async () => {
    for (const [actor, invoice] of [[anna, seInvoice], [mikko, fiInvoice], [mette, dkInvoice], [anna, seCreditNote]] as const) {
      // Compressed, as served: the font dictionaries stay readable, the programs are inflated.
      const { body } = await renderInvoicePdf(actor, invoice.id, { today: "2026-02-10" });
      const fonts = pdfFonts(body);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
      // Subsets of the embedded families (ABCDEF+Name), none of the 14 standard fonts.
      for (const font of fonts) expect(font.name).toMatch(/^[A-Z]{6}\+(Arimo|Cousine)-(Regular|Bold)$/);
      const poppler = pdffonts(body);
      if (poppler) {
        expect(poppler.length).toBe(fonts.length);
        expect(poppler.filter((row) => row.emb !== "yes")).toEqual([]);
      }
    }
  });

  it("is PDF/A-2b: declared in the XMP metadata, with an sRGB output intent, at a reasonable size", async () => {
    const { body } = await renderInvoicePdf(mikko, fiInvoice.id, { today: "2026-02-10" });
    const raw = body.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toMatch(/\/Type \/OutputIntent\s*\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
    expect(raw).not.toContain("/Encrypt");
    // Subset fonts: the four font files are 1.2 MB, a bill with its fonts stays well under 100 KB.
    expect(body.length).toBeLessThan(100_000);
  });

  it("draws the Nordic letters and the euro sign from the embedded fonts", async () => {
    const fi = pdfText((await renderInvoicePdf(mikko, fiInvoice.id, { compress: false, today: "2026-02-10" })).body);
    expect(fi).toMatch(/\d €/);
    expect(fi).toContain("Sähköenergia, pörssihinta");
    const dk = pdfText((await renderInvoicePdf(mette, dkInvoice.id, { compress: false, today: "2026-02-10" })).body);
    expect(dk).toContain("Søndergade 12, 2. tv.");
    expect(dk).toContain("Forventet betalingsdag for næste regning");
    const se = pdfText((await renderInvoicePdf(anna, seInvoice.id, { compress: false, today: "2026-02-10" })).body);
    expect(se).toContain("Villa Tallvägen – el");
    expect(se).toContain("Nästa fakturas beräknade förfallodag");
    // No glyph is missing: every code maps back to a character.
    for (const text of [fi, dk, se]) expect(text).not.toContain("\ufffd");
  });

  it("is compressed by default and NOT_FOUND for another customer", async () => {
    const { body } = await renderInvoicePdf(anna, seInvoice.id);
    expect(body.toString("latin1")).toContain("/FlateDecode");
    expect((await appFailure(renderInvoicePdf(stranger, seInvoice.id))).code).toBe("NOT_FOUND");
    expect((await appFailure(renderInvoicePdf(mette, fiInvoice.id))).code).toBe("NOT_FOUND");
  });
});

describe("the check code for Mina sidor on the PDF", () => {
  it("is printed for the customer's own administrators, and left out for Full users, members of some installations and managers", async () => {
    const customerId = seInvoice.customerId;
    const { checkCode } = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { checkCode: true } });
    const printed = `${checkCode.slice(0, 4)}-${checkCode.slice(4)}`;
    const admin = await customerActorOf(await createUser(db, { memberships: [{ customerId, role: "ADMINISTRATOR" }] }));
    const restricted = await customerActorOf(await createUser(db, { memberships: [{ customerId, role: "ADMINISTRATOR", installationIds: [seInvoice.installationId!] }] }));
    const managerUser = await createUser(db);
    const company = await createManagementCompany(db, { members: [{ userId: managerUser.id, role: "MANAGER" }] });
    const grant = await createManagementGrant(db, { managementCompanyId: company.id, customerId, grantedByUserId: admin.userId });
    await db.membership.create({ data: { userId: managerUser.id, customerId, role: "FULL", managementGrantId: grant.id } });
    const manager = await customerActorOf(managerUser);

    const forAdmin = await renderInvoicePdf(admin, seInvoice.id, { compress: false });
    save("se-invoice-administrator.pdf", forAdmin.body);
    expect(forAdmin.document.facts).toContainEqual({ label: "Kontrollkod för Mina sidor", value: printed });
    expect(pdfText(forAdmin.body)).toContain(printed);
    for (const actor of [anna, restricted, manager]) {
      const copy = await renderInvoicePdf(actor, seInvoice.id, { compress: false });
      expect(copy.document.facts.map((f) => f.label)).not.toContain("Kontrollkod för Mina sidor");
      expect(pdfText(copy.body)).not.toContain(printed);
    }
  });
});

describe("GET /api/fakturor/[id]/pdf", () => {
  const get = async (id: string) => {
    const { GET } = await import("../../../app/api/fakturor/[id]/pdf/route");
    return GET(new Request(`http://localhost/api/fakturor/${id}/pdf`));
  };

  it("serves the owner the PDF inline", async () => {
    session.actor = anna;
    const response = await get(seInvoice.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; filename="faktura-\d+\.pdf"/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("offers a download with ?ladda-ner=1", async () => {
    session.actor = anna;
    const { GET } = await import("../../../app/api/fakturor/[id]/pdf/route");
    const response = await GET(new Request(`http://localhost/api/fakturor/${seInvoice.id}/pdf?ladda-ner=1`));
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
  });

  it("answers another customer 404, anonymous 401, a malformed id 404", async () => {
    session.actor = stranger;
    expect((await get(seInvoice.id)).status).toBe(404);
    session.actor = mette;
    expect((await get(seInvoice.id)).status).toBe(404);
    session.actor = null;
    expect((await get(seInvoice.id)).status).toBe(401);
    session.actor = anna;
    expect((await get("../../etc")).status).toBe(404);
  });
});
