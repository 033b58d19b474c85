import "server-only";
import PDFDocument from "pdfkit";
import { formatCheckCode } from "@/domain/access/check-code";
import { may } from "@/domain/access/permissions";
import { encodeCode128C } from "@/domain/billing/code128";
import { buildInvoiceDocument, DOCUMENT_LANGUAGE, type DocumentFormatter, type DocumentLanguage, type DocumentRow, type InvoiceDocument } from "@/domain/billing/invoice-document";
import { INVOICE_ISSUERS } from "@/domain/billing/issuer";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatMoney } from "@/lib/format";
import type { CustomerActor } from "@/server/access/actor";
import { customerWhereActorMay } from "@/server/access/membership-where";
import { db } from "@/server/db/client";
import { explainInvoice } from "./explain-invoice";
import { invoiceTranslator } from "./invoice-translator";
import { loadInvoiceFonts } from "./load-invoice-fonts";

export type RenderedInvoicePdf = { fileName: string; body: Buffer; document: InvoiceDocument };

/**
 * The invoice as a PDF copy (seed 000: "Klicka på fakturanummer för att öppna en fakturakopia i
 * PDF format"): A4, page 1 what to pay and the payment line, page 2 the specification. Scoped like
 * `getInvoice` (NOT_FOUND outside the actor's invoices). `compress: false` keeps the text readable
 * in the file, for tests. The customer's check code is printed only on copies for those who may
 * see it in the portal (its own administrators, `viewCheckCode`): a member who sees some
 * installations' invoices, or a manager through a management company, must not learn the secret
 * that claims a customer without administrators. PDF/A-2b with embedded subset fonts, so the copy
 * renders the same in every reader and can be archived (docs/decisions/013-invoice-pdf-fonts.md).
 */
export async function renderInvoicePdf(
  actor: CustomerActor,
  invoiceId: string,
  options: { compress?: boolean; today?: string } = {},
): Promise<RenderedInvoicePdf> {
  const { invoice, explanation } = await explainInvoice(actor, invoiceId, { today: options.today });
  const market = invoice.customer.market;
  const language = DOCUMENT_LANGUAGE[market];
  const access = actor.customers.find((c) => c.customerId === invoice.customer.id);
  const code =
    access && may(access, "viewCheckCode")
      ? await db.customer.findFirst({ where: { id: invoice.customer.id, ...customerWhereActorMay(actor, "viewCheckCode") }, select: { checkCode: true } })
      : null;
  const paidOn = invoice.status === "PAID" ? (invoice.payments.at(-1)?.paidOn ?? invoice.paidAt?.toISOString().slice(0, 10) ?? invoice.dueDate) : null;
  const document = buildInvoiceDocument({
    language,
    t: invoiceTranslator(language),
    issuer: INVOICE_ISSUERS[market],
    format: formatter(language, invoice.currency),
    invoice: {
      ...invoice,
      paidOn,
      customer: {
        customerNumber: invoice.customer.customerNumber,
        name: invoice.customer.name,
        careOf: invoice.customer.invoiceCareOf,
        street: invoice.customer.invoiceStreet,
        postalCode: invoice.customer.invoicePostalCode,
        city: invoice.customer.invoiceCity,
        country: invoice.customer.invoiceCountry,
      },
      installation: invoice.installation ? { ...invoice.installation, meteringPointId: formatMeteringPointId(invoice.installation.meteringPointId) } : null,
      contract: invoice.contract,
      checkCode: code ? formatCheckCode(code.checkCode) : null,
    },
    explanation,
  });
  return { fileName: document.fileName, body: await draw(document, options.compress ?? true, new Date(`${invoice.invoiceDate}T12:00:00Z`)), document };
}

function formatter(language: DocumentLanguage, currency: string): DocumentFormatter {
  const intl = language === "sv" ? "sv-SE" : language === "da" ? "da-DK" : "fi-FI";
  const numbers = new Map<string, Intl.NumberFormat>();
  return {
    money: (minor) => formatMoney(minor, currency, language),
    date: (iso) => formatDate(iso, language),
    decimal: (value, min, max) => {
      const key = `${min}:${max}`;
      let f = numbers.get(key);
      if (!f) numbers.set(key, (f = new Intl.NumberFormat(intl, { minimumFractionDigits: min, maximumFractionDigits: max })));
      // Display only: the figures were computed exactly; Intl reads the decimal string as written.
      return f.format(value as unknown as number);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 50;
const RIGHT = A4.width - 50;
const WIDTH = RIGHT - LEFT;
const BOTTOM = 770; // content stops here; the footer sits below
const INK = "#0f172a";
const MUTED = "#475569";
const ACCENT = "#075985";
const TINT = "#e0f2fe";
const RULE = "#cbd5e1";

// Names the embedded fonts are registered under in each document.
const FONT = { regular: "Sans", bold: "Sans-Bold", mono: "Mono", monoBold: "Mono-Bold" } as const;

/**
 * Intl's minus sign (U+2212), thin and narrow no-break spaces (U+2009, U+202F) and non-breaking
 * hyphens become "-" and a no-break space: Cousine has no glyph for the spaces (PDF/A forbids
 * drawing .notdef), and the plain forms keep the widths the layout was made with.
 */
function printable(text: string): string {
  return text.replace(/\u2212/g, "-").replace(/[\u202f\u2009]/g, "\u00a0").replace(/[\u2010\u2011]/g, "-");
}

function draw(model: InvoiceDocument, compress: boolean, creationDate: Date): Promise<Buffer> {
  const fonts = loadInvoiceFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    compress,
    bufferPages: true,
    // PDF/A-2b (ISO 19005-2, level B): embedded fonts, XMP metadata and an sRGB output intent.
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    // No default font: pdfkit would load Helvetica, a standard font that is never embedded. Every
    // text below chooses one of ours first.
    font: "",
    lang: model.language === "sv" ? "sv-SE" : model.language === "da" ? "da-DK" : "fi-FI",
    info: { Title: printable(model.metadataTitle), Author: printable(model.issuer.name), Subject: printable(model.metadataTitle), CreationDate: creationDate },
  });
  // pdfkit also takes a parsed fontkit font (PDFFontFactory.open), which @types/pdfkit does not list.
  for (const [name, font] of [[FONT.regular, fonts.regular], [FONT.bold, fonts.bold], [FONT.mono, fonts.mono], [FONT.monoBold, fonts.monoBold]] as const) {
    doc.registerFont(name, font as unknown as Buffer);
  }
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const page = new Painter(doc);
  firstPage(page, model);
  doc.addPage();
  specificationPages(page, model);
  footers(page, model);
  doc.end();
  return done;
}

/** Small helpers over pdfkit that never let text flow onto a new page by itself. */
class Painter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  text(value: string, x: number, y: number, o: { size?: number; bold?: boolean; mono?: boolean; color?: string; width?: number; align?: "left" | "right" | "center" } = {}): number {
    const font = o.mono ? (o.bold ? FONT.monoBold : FONT.mono) : o.bold ? FONT.bold : FONT.regular;
    this.doc.font(font).fontSize(o.size ?? 9.5).fillColor(o.color ?? INK);
    const text = printable(value);
    const options = { width: o.width, align: o.align ?? "left", lineBreak: o.width !== undefined, lineGap: 1 } as const;
    const height = this.doc.heightOfString(text, options);
    this.doc.text(text, x, y, options);
    return height;
  }

  rows(rows: DocumentRow[], x: number, y: number, labelWidth: number, valueWidth: number, o: { size?: number; valueAlign?: "left" | "right" } = {}): number {
    let cursor = y;
    for (const row of rows) {
      const h1 = this.text(row.label, x, cursor, { size: o.size ?? 9, color: row.strong ? INK : MUTED, bold: row.strong, width: labelWidth });
      const h2 = this.text(row.value, x + labelWidth, cursor, { size: o.size ?? 9, bold: row.strong, width: valueWidth, align: o.valueAlign ?? "left" });
      cursor += Math.max(h1, h2) + 3;
    }
    return cursor;
  }

  rule(y: number, x1 = LEFT, x2 = RIGHT, color = RULE): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(0.6).strokeColor(color).stroke();
  }
}

/** The issuer and the document title; the contact lines only on the first page. */
function header(p: Painter, model: InvoiceDocument, full: boolean): number {
  p.text(model.issuer.name, LEFT, 44, { size: 17, bold: true, color: ACCENT });
  p.text(model.title, RIGHT - 240, 44, { size: 20, bold: true, width: 240, align: "right" });
  if (!full) return 70;
  let y = 66;
  for (const line of model.issuer.lines) y += p.text(line, LEFT, y, { size: 8, color: MUTED });
  return Math.max(y, 80);
}

function firstPage(p: Painter, model: InvoiceDocument): void {
  header(p, model, true);

  // Recipient where a window envelope shows it; the invoice facts beside it.
  let left = 130;
  model.recipient.forEach((line, i) => {
    left += p.text(line, LEFT + 10, left, { size: 10.5, bold: i === 0, width: 230 }) + 1;
  });
  const right = p.rows(model.facts, 315, 130, 100, RIGHT - 415);
  let y = Math.max(left, right) + 16;

  if (model.installation.length) {
    p.text(model.installationTitle, LEFT, y, { size: 10, bold: true });
    y = p.rows(model.installation, LEFT, y + 15, 110, WIDTH - 110) + 8;
  }

  if (model.notice) {
    const height = p.doc.font(FONT.regular).fontSize(9.5).heightOfString(printable(model.notice), { width: WIDTH - 20 }) + 14;
    p.doc.rect(LEFT, y, WIDTH, height).lineWidth(0.8).strokeColor(ACCENT).stroke();
    p.text(model.notice, LEFT + 10, y + 7, { size: 9.5, width: WIDTH - 20 });
    y += height + 12;
  }

  // What to pay: the amount and due date in a tinted box, the VAT summary beside it.
  const boxHeight = 74;
  p.doc.rect(LEFT, y, 260, boxHeight).fill(TINT);
  p.text(model.amount.label, LEFT + 14, y + 10, { size: 10.5, bold: true, color: ACCENT });
  p.text(model.amount.value, LEFT + 14, y + 26, { size: 22, bold: true });
  if (model.amount.due) p.text(`${model.amount.due.label}: ${model.amount.due.value}`, LEFT + 14, y + 54, { size: 9.5, bold: true, width: 240 });
  else if (model.amount.paid) p.text(model.amount.paid, LEFT + 14, y + 54, { size: 9.5, bold: true, color: "#166534", width: 240 });
  const summaryEnd = p.rows(model.summary, 330, y + 10, 120, RIGHT - 450, { valueAlign: "right" });
  y += boxHeight + 16;

  if (model.breakdown) {
    p.text(model.breakdown.title, LEFT, y, { size: 10, bold: true });
    y = p.rows(model.breakdown.rows, LEFT, y + 15, 170, 90, { valueAlign: "right" }) + 8;
  }
  y = Math.max(y, summaryEnd + 8);

  if (model.aconto) {
    p.text(model.aconto.title, LEFT, y, { size: 10, bold: true });
    y = p.rows(model.aconto.rows, LEFT, y + 15, 330, WIDTH - 330, { valueAlign: "right" }) + 8;
  }
  if (model.nextInvoice) {
    y = p.rows([model.nextInvoice], LEFT, y, 330, WIDTH - 330, { valueAlign: "right" }) + 8;
  }

  if (model.payment) paymentBlock(p, model.payment, Math.max(y + 12, 585));
}

function paymentBlock(p: Painter, payment: NonNullable<InvoiceDocument["payment"]>, top: number): void {
  // A dashed rule marks the payment part, as on a paper slip.
  p.doc.moveTo(LEFT, top).lineTo(RIGHT, top).dash(4, { space: 3 }).lineWidth(0.8).strokeColor(MUTED).stroke().undash();
  let y = top + 12;
  p.text(payment.title, LEFT, y, { size: 11, bold: true, color: ACCENT });
  y = p.rows(payment.rows, LEFT, y + 18, 150, 190, { size: 10 });
  if (payment.instruction) p.text(payment.instruction, 360, top + 30, { size: 8.5, color: MUTED, width: RIGHT - 360 });

  switch (payment.market) {
    case "SE":
      if (payment.ocrLine) {
        p.rule(BOTTOM - 22, LEFT, RIGHT, MUTED);
        p.text(payment.ocrLine, LEFT, BOTTOM - 12, { size: 10.5, mono: true, width: WIDTH, align: "right" });
      }
      break;
    case "FI":
      if (payment.barcode) {
        const barsTop = Math.max(y + 10, BOTTOM - 75);
        p.text(payment.barcodeLabel, LEFT, barsTop - 2, { size: 8.5, color: MUTED });
        barcode(p, payment.barcode, LEFT, barsTop + 10, 42);
        p.text(payment.barcode, LEFT, barsTop + 58, { size: 8.5, mono: true, width: WIDTH });
      }
      break;
    case "DK":
      if (payment.fiLine) {
        p.rule(BOTTOM - 34, LEFT, RIGHT, MUTED);
        p.text(payment.fiLabel, LEFT, BOTTOM - 24, { size: 8.5, color: MUTED });
        p.text(payment.fiLine, LEFT, BOTTOM - 12, { size: 13, mono: true, bold: true, width: WIDTH, align: "right" });
      }
      break;
  }
}

/** Code 128C bars, 0.75 pt per module (≈ 0.26 mm, above the bank guide's 0.25 mm minimum). */
function barcode(p: Painter, digits: string, x: number, y: number, height: number): void {
  const moduleWidth = 0.75;
  const { bars } = encodeCode128C(digits);
  p.doc.fillColor("#000000");
  for (const bar of bars) p.doc.rect(x + bar.x * moduleWidth, y, bar.width * moduleWidth, height).fill();
}

const COLUMNS = [
  { key: "description", x: LEFT, width: 200, align: "left" },
  { key: "quantity", x: 252, width: 58, align: "right" },
  { key: "unit", x: 314, width: 36, align: "left" },
  { key: "unitPrice", x: 352, width: 88, align: "right" },
  { key: "amount", x: 442, width: 68, align: "right" },
  { key: "vat", x: 512, width: RIGHT - 512, align: "right" },
] as const;

function specificationPages(p: Painter, model: InvoiceDocument): void {
  const spec = model.specification;
  const top = () => {
    header(p, model, false);
    p.text(spec.title, LEFT, 84, { size: 14, bold: true });
    p.text(`${model.facts[1]!.label} ${model.facts[1]!.value} · ${model.facts[3]!.label} ${model.facts[3]!.value}`, LEFT, 104, { size: 9, color: MUTED });
    let y = 128;
    for (const c of COLUMNS) p.text(spec.columns[c.key], c.x, y, { size: 8.5, bold: true, width: c.width, align: c.align });
    y += 14;
    p.rule(y - 2, LEFT, RIGHT, INK);
    return y + 2;
  };
  let y = top();
  const ensure = (height: number) => {
    if (y + height > BOTTOM) {
      p.doc.addPage();
      y = top();
    }
  };

  for (const section of spec.sections) {
    if (section.title) {
      ensure(34);
      y += 6;
      y += p.text(section.title, LEFT, y, { size: 9.5, bold: true, color: ACCENT, width: WIDTH }) + 3;
    }
    for (const row of section.rows) {
      const height = p.doc.font(FONT.regular).fontSize(8.5).heightOfString(printable(row.description), { width: COLUMNS[0].width }) + 5;
      ensure(height);
      for (const c of COLUMNS) p.text(row[c.key], c.x, y, { size: 8.5, width: c.width, align: c.align });
      y += height;
      p.rule(y - 2.5);
    }
    if (section.subtotal) {
      ensure(16);
      y = p.rows([{ ...section.subtotal, strong: true }], 300, y + 2, 142, RIGHT - 442, { size: 8.5, valueAlign: "right" }) + 4;
    }
  }

  for (const note of spec.notes) {
    const height = p.doc.font(FONT.regular).fontSize(8.5).heightOfString(printable(note), { width: WIDTH }) + 4;
    ensure(height + 10);
    y += 8;
    y += p.text(note, LEFT, y, { size: 8.5, color: MUTED, width: WIDTH });
  }

  ensure(40 + spec.vatRows.length * 13 + spec.totals.length * 14);
  y += 14;
  p.text(spec.vatTitle, LEFT, y, { size: 9.5, bold: true });
  y = p.rows(spec.vatRows, LEFT, y + 14, 250, WIDTH - 250, { size: 8.5, valueAlign: "right" }) + 6;
  p.rule(y, 300, RIGHT, INK);
  p.rows(spec.totals, 300, y + 6, 142, RIGHT - 442, { size: 9.5, valueAlign: "right" });
}

function footers(p: Painter, model: InvoiceDocument): void {
  const range = p.doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    p.doc.switchToPage(range.start + i);
    p.rule(BOTTOM + 28);
    p.text(model.issuer.footer, LEFT, BOTTOM + 34, { size: 7, color: MUTED, width: WIDTH - 70 });
    const label = model.pageLabel.replace("{page}", String(i + 1)).replace("{pages}", String(range.count));
    p.text(label, RIGHT - 70, BOTTOM + 34, { size: 7, color: MUTED, width: 70, align: "right" });
  }
}
