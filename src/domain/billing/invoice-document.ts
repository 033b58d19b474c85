/**
 * The content of an invoice PDF, decided here and drawn by the PDF layer (pdfkit): every text on
 * the page in the customer's market language, the payment line per market, and the specification
 * with its sections. Pure TypeScript, so the content is tested without rendering.
 *
 * Page 1 (seed 003 "first page: all you need to pay"): issuer, recipient, customer and invoice
 * numbers, dates, period, installation, the amount to pay and due date, the Danish settlement
 * overview, a correction notice, the next invoice's estimated due date, and the payment block:
 * - Sweden: Bankgiro + OCR number, and an OCR-style payment line at the bottom;
 * - Finland: IBAN, BIC, reference and the 54-digit virtual bar code (drawn as Code 128C and
 *   printed as digits);
 * - Denmark: the FI-kort line `+71<payment id+creditor number<`.
 * Page 2 (seed 003/004 "second page: the specification"): every line with quantity, unit, unit
 * price, amount and VAT rate; for Danish aconto bills the settlement of the past quarter, the
 * aconto paid for it and the aconto for the coming quarter as separate sections; VAT summary and
 * totals.
 *
 * Language: Swedish for Swedish customers, Danish for Danish and Finnish for Finnish customers.
 * Every label is a message (`pdf.*` of messages/<language>/invoiceDocument.json) and every line is named
 * from its code and parameters (`explainedLineName`), through the translator passed in.
 */

import { luhnCheckDigit } from "../identity/luhn";
import { addDays } from "../time/zoned";
import { explainedLineName, type BillSection, type ExplainInput, type ExplainLine, type InvoiceExplanation } from "./explain";
import type { InvoiceIssuer } from "./issuer";
import type { Translate } from "./line-name";
import { danishFiLine, finnishVirtualBarcode, isValidSwedishOcr } from "./payment-references";
import type { Currency, Market } from "./price-list";
import { formatUnitPrice } from "./unit-price";

export type DocumentLanguage = "sv" | "da" | "fi";

export const DOCUMENT_LANGUAGE: Readonly<Record<Market, DocumentLanguage>> = { SE: "sv", DK: "da", FI: "fi" };

/** Locale-correct formatting, injected so that this module stays free of Intl set-up. */
export interface DocumentFormatter {
  /** Integer minor units → "1 234,56 kr". */
  money(minor: number): string;
  /** YYYY-MM-DD → the language's short date. */
  date(iso: string): string;
  /** An exact decimal string with at most `maxDecimals` decimals, locale separators. */
  decimal(value: string, minDecimals: number, maxDecimals: number): string;
}

export interface InvoiceDocumentInput {
  language: DocumentLanguage;
  /** The invoice messages of `language` (messages/<language>/invoiceDocument.json): labels and line names. */
  t: Translate;
  issuer: InvoiceIssuer;
  format: DocumentFormatter;
  invoice: Pick<ExplainInput, "kind" | "invoiceDate" | "dueDate" | "periodStart" | "periodEnd" | "netAmountMinor" | "vatAmountMinor" | "totalAmountMinor" | "lines"> & {
    invoiceNumber: string;
    currency: Currency;
    paymentReference: string;
    /** Date of the payment that settled the invoice, when paid. */
    paidOn: string | null;
    customer: { customerNumber: string; name: string; careOf: string | null; street: string; postalCode: string; city: string; country: string };
    installation: { name: string | null; meteringPointId: string; street: string; postalCode: string; city: string } | null;
    contract: { productName: string; contractNumber: string } | null;
    corrects: { invoiceNumber: string; periodStart: string; periodEnd: string } | null;
    /** The customer's check code for claiming it on Mina sidor ("ABCD-EFGH"); left out when null. */
    checkCode?: string | null;
  };
  explanation: InvoiceExplanation;
}

export interface DocumentRow {
  label: string;
  value: string;
  strong?: boolean;
}

interface SpecificationRow {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  vat: string;
}

interface SpecificationSection {
  title: string | null;
  rows: SpecificationRow[];
  subtotal: DocumentRow | null;
}

type PaymentBlock =
  | { market: "SE"; title: string; rows: DocumentRow[]; instruction: string; ocrLine: string | null }
  | { market: "FI"; title: string; rows: DocumentRow[]; instruction: string; barcodeLabel: string; barcode: string | null }
  | { market: "DK"; title: string; rows: DocumentRow[]; instruction: string; fiLabel: string; fiLine: string | null };

export interface InvoiceDocument {
  language: DocumentLanguage;
  fileName: string;
  /** "Faktura", "Kreditfaktura", "Korrigerad faktura" … */
  title: string;
  issuer: { name: string; lines: string[]; footer: string };
  recipient: string[];
  facts: DocumentRow[];
  installationTitle: string;
  installation: DocumentRow[];
  /** What a credit note or corrected invoice corrects. */
  notice: string | null;
  amount: { label: string; value: string; due: DocumentRow | null; paid: string | null };
  summary: DocumentRow[];
  /** Net amounts by kind (energy, grid, taxes …) and VAT; not on aconto bills, which show the settlement. */
  breakdown: { title: string; rows: DocumentRow[] } | null;
  /** Danish aconto bills: the settlement overview of page 1. */
  aconto: { title: string; rows: DocumentRow[] } | null;
  nextInvoice: DocumentRow | null;
  payment: PaymentBlock | null;
  specification: {
    title: string;
    columns: SpecificationRow;
    sections: SpecificationSection[];
    /** Plain-words notes under the table (the spot average). */
    notes: string[];
    vatTitle: string;
    vatRows: DocumentRow[];
    totals: DocumentRow[];
  };
  /** "Sida {page} av {pages}" with the placeholders left for the renderer. */
  pageLabel: string;
  /** The PDF's metadata title. */
  metadataTitle: string;
}

// ---------------------------------------------------------------------------------------------
// Words: `pdf.*` of messages/<language>/invoiceDocument.json, through the injected translator

function wordsOf(t: Translate) {
  const p = (key: string, values?: Record<string, string | number>) => t(`pdf.${key}`, values);
  const map = <K extends string>(group: string, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, p(`${group}.${k}`)])) as Record<K, string>;
  return {
    invoice: p("invoice"),
    creditNote: p("creditNote"),
    correctedInvoice: p("correctedInvoice"),
    fileStem: p("fileStem"),
    customerNumber: p("customerNumber"),
    invoiceNumber: p("invoiceNumber"),
    invoiceDate: p("invoiceDate"),
    dueDate: p("dueDate"),
    period: p("period"),
    contract: p("contract"),
    checkCode: p("checkCode"),
    installationTitle: p("installationTitle"),
    installationName: p("installationName"),
    meteringPoint: p("meteringPoint"),
    address: p("address"),
    amountToPay: p("amountToPay"),
    amountCredited: p("amountCredited"),
    amountToYourCredit: p("amountToYourCredit"),
    nothingToPay: p("nothingToPay"),
    paid: (date: string) => p("paid", { date }),
    paidEarlier: p("paidEarlier"),
    net: p("net"),
    vat: p("vat"),
    total: p("total"),
    nextInvoice: p("nextInvoice"),
    paymentTitle: p("paymentTitle"),
    seBankgiro: p("seBankgiro"),
    seOcr: p("seOcr"),
    amount: p("amount"),
    seInstruction: p("seInstruction"),
    fiIban: p("fiIban"),
    fiBic: p("fiBic"),
    fiReference: p("fiReference"),
    fiBarcode: p("fiBarcode"),
    fiInstruction: p("fiInstruction"),
    dkPaymentId: p("dkPaymentId"),
    dkCreditor: p("dkCreditor"),
    dkFiLine: p("dkFiLine"),
    dkInstruction: p("dkInstruction"),
    creditNotice: (number: string, period: string) => p("creditNotice", { number, period }),
    rebillNotice: (number: string, period: string, difference: string) => p("rebillNotice", { number, period, difference }),
    acontoTitle: p("acontoTitle"),
    acontoActual: (period: string) => p("acontoActual", { period }),
    acontoPrepaid: p("acontoPrepaid"),
    acontoDifference: p("acontoDifference"),
    acontoNext: (period: string) => p("acontoNext", { period }),
    specification: p("specification"),
    columns: map("columns", ["description", "quantity", "unit", "unitPrice", "amount", "vat"] as const),
    settlementSection: (period: string) => p("settlementSection", { period }),
    prepaidSection: p("prepaidSection"),
    nextAcontoSection: (period: string | null) => (period ? p("nextAcontoSectionPeriod", { period }) : p("nextAcontoSection")),
    subtotal: p("subtotal"),
    vatTitle: p("vatTitle"),
    vatRow: (rate: string, net: string) => p("vatRow", { rate, net }),
    breakdownTitle: p("breakdownTitle"),
    categories: map("categories", ["energy", "transfer", "tax", "fixedFee", "power", "flow", "aconto", "other", "vat"] as const),
    spotNote: (weighted: string, plain: string | null, unit: string) => p("spotNote", { weighted, unit }) + (plain ? ` ${p("spotNotePlain", { plain, unit })}` : ""),
    customerService: p("customerService"),
    vatNumber: p("vatNumber"),
    page: p("page", { page: "{page}", pages: "{pages}" }),
    units: map("units", ["kWh", "month", "day", "kW", "m³"] as const) as Record<string, string>,
    minorUnit: map("minorUnit", ["SEK", "DKK", "EUR"] as const),
    majorUnit: map("majorUnit", ["SEK", "DKK", "EUR"] as const),
  };
}

type Words = ReturnType<typeof wordsOf>;

// ---------------------------------------------------------------------------------------------
// Numbers

function unitPriceText(line: ExplainLine, currency: Currency, w: Words, f: DocumentFormatter): string {
  return formatUnitPrice(line, currency, { decimal: f.decimal, unit: (u) => w.units[u] ?? u, minorUnit: (c) => w.minorUnit[c as Currency], majorUnit: (c) => w.majorUnit[c as Currency] });
}

/** A period with an exclusive end, written with its last day: "2026-01-01 – 2026-01-31". */
function periodText(from: string, toExclusive: string, f: DocumentFormatter): string {
  return `${f.date(from)} – ${f.date(addDays(toExclusive, -1))}`;
}

function swedishOcrLine(ocr: string, amountMinor: number, bankgiro: string): string {
  // The Bankgiro payment slip's machine-readable line: reference, kronor and öre with their own
  // Luhn check digit, and the Bankgiro number, closed by the document type 41.
  const kronor = String(Math.trunc(amountMinor / 100));
  const ore = String(amountMinor % 100).padStart(2, "0");
  const amountCheck = luhnCheckDigit(`${kronor}${ore}`);
  return `# ${ocr} #${kronor.padStart(9, " ")} ${ore}   ${amountCheck} >${bankgiro.replace(/\D/g, "").padStart(14, " ")}#41#`;
}

function tryOrNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The document

export function buildInvoiceDocument(input: InvoiceDocumentInput): InvoiceDocument {
  const { language, issuer, format: f, invoice, explanation } = input;
  const w = wordsOf(input.t);
  const money = (minor: number) => f.money(minor);
  const creditNote = invoice.kind === "CREDIT_NOTE";
  const rebill = !creditNote && invoice.corrects !== null;
  const title = creditNote ? w.creditNote : rebill ? w.correctedInvoice : w.invoice;
  const due = amountDue(input);
  const toPay = due > 0 && invoice.paidOn === null;

  const recipient = [
    invoice.customer.name,
    ...(invoice.customer.careOf ? [`c/o ${invoice.customer.careOf}`] : []),
    invoice.customer.street,
    `${invoice.customer.postalCode} ${invoice.customer.city}`,
    ...(invoice.customer.country !== issuer.country ? [invoice.customer.country] : []),
  ];

  const facts: DocumentRow[] = [
    { label: w.customerNumber, value: invoice.customer.customerNumber },
    { label: w.invoiceNumber, value: invoice.invoiceNumber },
    { label: w.invoiceDate, value: f.date(invoice.invoiceDate) },
    { label: w.period, value: periodText(invoice.periodStart, invoice.periodEnd, f) },
    ...(creditNote ? [] : [{ label: w.dueDate, value: f.date(invoice.dueDate) }]),
    ...(invoice.contract ? [{ label: w.contract, value: `${invoice.contract.productName} (${invoice.contract.contractNumber})` }] : []),
    ...(invoice.checkCode ? [{ label: w.checkCode, value: invoice.checkCode }] : []),
  ];

  const installation: DocumentRow[] = invoice.installation
    ? [
        ...(invoice.installation.name ? [{ label: w.installationName, value: invoice.installation.name }] : []),
        { label: w.meteringPoint, value: invoice.installation.meteringPointId },
        { label: w.address, value: `${invoice.installation.street}, ${invoice.installation.postalCode} ${invoice.installation.city}` },
      ]
    : [];

  let notice: string | null = null;
  if (invoice.corrects) {
    const p = periodText(invoice.corrects.periodStart, invoice.corrects.periodEnd, f);
    notice = creditNote
      ? w.creditNotice(invoice.corrects.invoiceNumber, p)
      : w.rebillNotice(invoice.corrects.invoiceNumber, p, explanation.correction ? signed(explanation.correction.differenceMinor, money) : "–");
    // Danish amounts end in "kr.": no second full stop after them.
    notice = notice.replace(/\.\.$/, ".");
  }

  const amount: InvoiceDocument["amount"] = {
    label: creditNote ? w.amountCredited : due > 0 ? w.amountToPay : due < 0 ? w.amountToYourCredit : w.nothingToPay,
    value: money(due),
    due: toPay ? { label: w.dueDate, value: f.date(invoice.dueDate) } : null,
    paid: invoice.paidOn ? w.paid(f.date(invoice.paidOn)) : null,
  };

  const summary: DocumentRow[] = [
    { label: w.net, value: money(invoice.netAmountMinor) },
    { label: w.vat, value: money(invoice.vatAmountMinor) },
    { label: w.total, value: money(invoice.totalAmountMinor), strong: true },
  ];
  const paidEarlier = explanation.correction?.paidOnEarlierVersionsMinor;
  if (due !== invoice.totalAmountMinor && paidEarlier) {
    summary.push({ label: w.paidEarlier, value: money(-paidEarlier) }, { label: amount.label, value: money(due), strong: true });
  }

  const a = explanation.aconto;
  const aconto = a
    ? {
        title: w.acontoTitle,
        rows: [
          { label: w.acontoActual(a.settledPeriod ? periodText(a.settledPeriod.from, a.settledPeriod.to, f) : ""), value: money(a.actualAmountMinor) },
          { label: w.acontoPrepaid, value: money(-a.prepaidAmountMinor) },
          { label: w.acontoDifference, value: signed(a.differenceMinor, money), strong: true },
          { label: w.acontoNext(a.nextPeriod ? periodText(a.nextPeriod.from, a.nextPeriod.to, f) : ""), value: money(a.nextAmountMinor) },
        ].map((r) => ({ ...r, label: r.label.trim() })),
      }
    : null;

  const next = explanation.nextInvoice;
  const nextInvoice = next ? { label: w.nextInvoice, value: f.date(next.dueDate) } : null;

  return {
    language,
    fileName: `${w.fileStem}-${invoice.invoiceNumber}.pdf`,
    title,
    issuer: {
      name: issuer.name,
      lines: [`${issuer.street}, ${issuer.postalCode} ${issuer.city}`, `${w.customerService} ${issuer.phone} · ${issuer.email}`, issuer.web],
      footer: `${issuer.name} · ${issuer.street}, ${issuer.postalCode} ${issuer.city} · ${issuer.registration.label} ${issuer.registration.value} · ${w.vatNumber} ${issuer.vatNumber}`,
    },
    recipient,
    facts,
    installationTitle: w.installationTitle,
    installation,
    notice,
    amount,
    summary,
    breakdown:
      a || creditNote
        ? null
        : { title: w.breakdownTitle, rows: explanation.breakdown.map((b) => ({ label: w.categories[b.category], value: money(b.amountMinor) })) },
    aconto,
    nextInvoice,
    payment: toPay ? paymentBlock(input, w) : null,
    specification: specification(input, w),
    pageLabel: w.page,
    metadataTitle: `${title} ${invoice.invoiceNumber}`,
  };
}

/**
 * What the customer pays: the total, except for a re-billed period where the billing run counted
 * payments made on the earlier version (to pay what is left, or to get the surplus back).
 */
function amountDue(input: InvoiceDocumentInput): number {
  const c = input.explanation.correction;
  if (c?.role !== "rebill" || c.toPayMinor === null) return input.invoice.totalAmountMinor;
  return c.toRefundMinor ? -c.toRefundMinor : c.toPayMinor;
}

function signed(minor: number, money: (m: number) => string): string {
  return minor > 0 ? `+${money(minor)}` : money(minor);
}

function paymentBlock(input: InvoiceDocumentInput, w: Words): PaymentBlock {
  const { issuer, invoice, format: f } = input;
  const toPay = amountDue(input);
  const amount = { label: w.amount, value: f.money(toPay) };
  const due = { label: w.dueDate, value: f.date(invoice.dueDate) };
  const reference = invoice.paymentReference;
  switch (issuer.payment.market) {
    case "SE": {
      const bankgiro = issuer.payment.bankgiro;
      return {
        market: "SE",
        title: w.paymentTitle,
        rows: [{ label: w.seBankgiro, value: bankgiro }, { label: w.seOcr, value: reference, strong: true }, amount, due],
        instruction: w.seInstruction,
        ocrLine: isValidSwedishOcr(reference) ? swedishOcrLine(reference.replace(/\s/g, ""), toPay, bankgiro) : null,
      };
    }
    case "FI": {
      const { iban, bic } = issuer.payment;
      return {
        market: "FI",
        title: w.paymentTitle,
        rows: [{ label: w.fiIban, value: iban }, { label: w.fiBic, value: bic }, { label: w.fiReference, value: groupReference(reference), strong: true }, amount, due],
        instruction: w.fiInstruction,
        barcodeLabel: w.fiBarcode,
        // An amount the bar code cannot hold is written as zeros by finnishVirtualBarcode itself.
        barcode: tryOrNull(() => finnishVirtualBarcode({ iban, amountCents: toPay, reference, dueDate: invoice.dueDate })),
      };
    }
    case "DK": {
      const { creditorNumber } = issuer.payment;
      return {
        market: "DK",
        title: w.paymentTitle,
        rows: [{ label: w.dkPaymentId, value: reference, strong: true }, { label: w.dkCreditor, value: creditorNumber }, amount, due],
        instruction: w.dkInstruction,
        fiLabel: w.dkFiLine,
        fiLine: tryOrNull(() => danishFiLine({ paymentId: reference, creditorNumber })),
      };
    }
  }
}

/** Finnish references are printed in groups of five from the right ("12 34561"). */
function groupReference(reference: string): string {
  if (/^RF/i.test(reference)) return reference.replace(/(.{4})(?=.)/g, "$1 ");
  const digits = reference.replace(/\s/g, "");
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 5) groups.unshift(digits.slice(Math.max(0, end - 5), end));
  return groups.join(" ");
}

function specification(input: InvoiceDocumentInput, w: Words): InvoiceDocument["specification"] {
  const { invoice, format: f, language, explanation, t } = input;
  const explained = new Map(explanation.lines.map((l) => [l.position, l]));
  const sectionOf = (line: ExplainLine): BillSection => explained.get(line.position)?.section ?? "regular";
  const quarterly = invoice.lines.some((l) => sectionOf(l) !== "regular");
  const row = (line: ExplainLine): SpecificationRow => ({
    description: explainedLineName(explained.get(line.position)!, language, t),
    quantity: f.decimal(line.quantity, 0, 4),
    unit: w.units[line.unit] ?? line.unit,
    unitPrice: unitPriceText(line, invoice.currency, w, f),
    amount: f.money(line.amountMinor),
    vat: `${f.decimal(line.vatRate, 0, 2)} %`,
  });

  const sections: SpecificationSection[] = [];
  if (!quarterly) {
    sections.push({ title: null, rows: invoice.lines.map(row), subtotal: null });
  } else {
    const a = explanation.aconto;
    const settled = a?.settledPeriod ?? { from: invoice.periodStart, to: invoice.periodEnd };
    const groups: { section: BillSection; title: string }[] = [
      { section: "settlement", title: w.settlementSection(periodText(settled.from, settled.to, f)) },
      { section: "prepaid", title: w.prepaidSection },
      { section: "nextAconto", title: w.nextAcontoSection(a?.nextPeriod ? periodText(a.nextPeriod.from, a.nextPeriod.to, f) : null) },
    ];
    for (const g of groups) {
      const lines = invoice.lines.filter((l) => sectionOf(l) === g.section);
      if (!lines.length) continue;
      sections.push({
        title: g.title,
        rows: lines.map(row),
        subtotal: { label: w.subtotal, value: f.money(lines.reduce((s, l) => s + l.amountMinor, 0)) },
      });
    }
  }

  return {
    title: w.specification,
    columns: { ...w.columns },
    sections,
    notes: explanation.spot.map((spot) =>
      w.spotNote(f.decimal(spot.weightedAverage, 2, 2), spot.plainAverage === null ? null : f.decimal(spot.plainAverage, 2, 2), `${w.minorUnit[invoice.currency]}/kWh`),
    ),
    vatTitle: w.vatTitle,
    vatRows: explanation.vat.map((v) => ({ label: w.vatRow(f.decimal(v.ratePercent, 0, 2), f.money(v.netMinor)), value: f.money(v.vatMinor) })),
    totals: [
      { label: w.net, value: f.money(invoice.netAmountMinor) },
      { label: w.vat, value: f.money(invoice.vatAmountMinor) },
      { label: w.total, value: f.money(invoice.totalAmountMinor), strong: true },
    ],
  };
}
