import "server-only";
// Imports a payments file (docs/payment-csv.md) as one PaymentImport with its Payment rows, all or
// nothing: a file with a malformed line stores nothing, and a file imported before (same bytes) is
// refused so no payment counts twice. Each payment is matched to an invoice by its payment
// reference (normalised as banks write them). Then, per invoice touched:
// - paid in full → status PAID, paidAt = the day the last payment needed was made;
// - paid in part → stays ISSUED (unpaid), the payment is recorded and reported;
// - a reference that matches no invoice, or an invoice in another currency → the payment is
//   stored without an invoice and reported, for manual handling.
// Payments on earlier versions of a corrected period count towards the current version (the
// customer paid the credited invoice; the correction bills the period again).
import { createHash, randomUUID } from "node:crypto";
import { normalizePaymentReference } from "@/domain/billing/invoice-number";
import { parsePaymentCsv, type PaymentProblem, type PaymentRow } from "@/domain/billing/payment-csv";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";

export type ImportPaymentsResult = {
  status: "STORED" | "REJECTED";
  importId: string | null;
  received: number;
  matched: number;
  unmatched: number;
  /** Invoices this file made PAID. */
  paid: { invoiceNumber: string; paidMinor: number; totalMinor: number; paidAt: string }[];
  /** Invoices with payments that do not yet cover them. */
  partiallyPaid: { invoiceNumber: string; paidMinor: number; totalMinor: number }[];
  /** Refusals (status REJECTED) and notes on stored payments (unknown reference, currency, overpaid). */
  problems: PaymentProblem[];
};

type Tx = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

type InvoiceRow = {
  id: string;
  invoiceNumber: string;
  paymentReference: string;
  currency: string;
  kind: "INVOICE" | "CREDIT_NOTE";
  status: "ISSUED" | "PAID" | "CREDITED";
  totalAmountMinor: number;
  billingKey: string | null;
  installationId: string | null;
};

const VERSION = /^(.*:)v(\d+)$/;

export async function importPayments(input: { fileName: string; bytes: Uint8Array }, options: { db?: Db } = {}): Promise<ImportPaymentsResult> {
  const client = options.db ?? defaultDb;
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const rejected = (problems: PaymentProblem[], received: number): ImportPaymentsResult => ({
    status: "REJECTED",
    importId: null,
    received,
    matched: 0,
    unmatched: 0,
    paid: [],
    partiallyPaid: [],
    problems,
  });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.bytes);
  } catch {
    return rejected([{ code: "NOT_UTF8", message: `${input.fileName} is not UTF-8 text.` }], 0);
  }
  const parsed = parsePaymentCsv(text);
  if (parsed.problems.length) return rejected(parsed.problems, parsed.received);
  if (parsed.rows.length === 0) return rejected([{ code: "NO_PAYMENTS", message: "The file holds no payments." }], 0);

  return client.$transaction(
    async (txClient) => {
      const tx = txClient as unknown as Tx;
      // One payments import at a time: the duplicate check and the status updates stay consistent.
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${0x4d535041})::text`);
      const previous = await tx.$queryRawUnsafe<{ id: string; receivedAt: Date }[]>(
        `SELECT "id"::text AS id, "receivedAt" FROM "PaymentImport" WHERE "sha256" = $1 LIMIT 1`,
        sha256,
      );
      if (previous[0]) {
        return rejected(
          [{ code: "ALREADY_IMPORTED", message: `This file was imported before (import ${previous[0].id}, ${new Date(previous[0].receivedAt).toISOString().slice(0, 10)}); nothing was stored again.` }],
          parsed.received,
        );
      }
      return storePayments(tx, input.fileName, sha256, parsed.rows, parsed.received);
    },
    { timeout: 5 * 60_000, maxWait: 60_000 },
  );
}

async function storePayments(tx: Tx, fileName: string, sha256: string, rows: PaymentRow[], received: number): Promise<ImportPaymentsResult> {
  const notes: PaymentProblem[] = [];
  const references = rows.map((r) => normalizePaymentReference(r.reference, r.currency));
  const invoices = await tx.$queryRawUnsafe<InvoiceRow[]>(
    `SELECT "id"::text AS id, "invoiceNumber", "paymentReference", "currency"::text AS currency, "kind"::text AS kind,
            "status"::text AS status, "totalAmountMinor", "billingKey", "installationId"::text AS "installationId"
     FROM "Invoice" WHERE "paymentReference" = ANY($1::text[])`,
    [...new Set(references)],
  );
  const byReference = new Map<string, InvoiceRow>();
  for (const invoice of invoices) {
    // An invoice before a credit note with the same reference (never happens with our numbering).
    if (!byReference.has(invoice.paymentReference) || invoice.kind === "INVOICE") byReference.set(invoice.paymentReference, invoice);
  }

  const importId = randomUUID();
  const matchedIds: (string | null)[] = rows.map((row, i) => {
    const invoice = byReference.get(references[i]!);
    if (!invoice) {
      notes.push({ line: row.line, field: "reference", code: "UNKNOWN_REFERENCE", reference: row.reference, message: `No invoice has the payment reference ${row.reference}; the payment is stored unmatched for manual handling.` });
      return null;
    }
    if (invoice.currency !== row.currency) {
      notes.push({ line: row.line, field: "currency", code: "CURRENCY_MISMATCH", reference: row.reference, message: `Invoice ${invoice.invoiceNumber} is in ${invoice.currency}, the payment in ${row.currency}; the payment is stored unmatched.` });
      return null;
    }
    if (invoice.kind !== "INVOICE") {
      notes.push({ line: row.line, field: "reference", code: "NOT_AN_INVOICE", reference: row.reference, message: `${invoice.invoiceNumber} is a credit note; the payment is stored unmatched.` });
      return null;
    }
    return invoice.id;
  });

  // Evaluate every chain (the versions of one billed period) that received a payment.
  const touched = invoices.filter((i) => matchedIds.includes(i.id));
  const chains = await chainsOf(tx, touched);

  await tx.$executeRawUnsafe(
    `INSERT INTO "PaymentImport" ("id", "fileName", "sha256", "report") VALUES ($1::uuid, $2, $3, $4::jsonb)`,
    importId,
    fileName,
    sha256,
    JSON.stringify(notes),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "Payment" ("id", "importId", "reference", "amountMinor", "currency", "paidOn", "invoiceId")
     SELECT gen_random_uuid(), $1::uuid, t.ref, t.amount, t.cur::"Currency", t.paid_on, t.invoice
     FROM unnest($2::text[], $3::int[], $4::text[], $5::date[], $6::uuid[]) AS t(ref, amount, cur, paid_on, invoice)`,
    importId,
    references,
    rows.map((r) => r.amountMinor),
    rows.map((r) => r.currency),
    rows.map((r) => r.paidOn),
    matchedIds,
  );

  const paid: ImportPaymentsResult["paid"] = [];
  const partiallyPaid: ImportPaymentsResult["partiallyPaid"] = [];
  const allIds = chains.flatMap((c) => c.ids);
  const stored = allIds.length
    ? await tx.$queryRawUnsafe<{ invoiceId: string; amountMinor: number; paidOn: string }[]>(
        `SELECT "invoiceId"::text AS "invoiceId", "amountMinor", to_char("paidOn", 'YYYY-MM-DD') AS "paidOn"
         FROM "Payment" WHERE "invoiceId" = ANY($1::uuid[]) ORDER BY "paidOn", "id"`,
        allIds,
      )
    : [];
  const byInvoice = new Map<string, { amountMinor: number; paidOn: string }[]>();
  for (const p of stored) byInvoice.set(p.invoiceId, [...(byInvoice.get(p.invoiceId) ?? []), p]);
  const settled: { id: string; paidAt: string }[] = [];
  for (const chain of chains) {
    const current = chain.current;
    const payments = chain.ids.flatMap((id) => byInvoice.get(id) ?? []).sort((a, b) => a.paidOn.localeCompare(b.paidOn));
    const total = payments.reduce((s, p) => s + p.amountMinor, 0);
    if (current.status !== "ISSUED") continue;
    if (current.totalAmountMinor <= 0) {
      notes.push({ code: "NOTHING_TO_PAY", message: `Invoice ${current.invoiceNumber} has nothing to pay (total ${current.totalAmountMinor}); the payment is recorded on it.` });
      continue;
    }
    if (total >= current.totalAmountMinor) {
      // The day the running sum first covered the invoice.
      let running = 0;
      let completedOn = payments[payments.length - 1]!.paidOn;
      for (const p of payments) {
        running += p.amountMinor;
        if (running >= current.totalAmountMinor) {
          completedOn = p.paidOn;
          break;
        }
      }
      const paidAt = `${completedOn}T12:00:00.000Z`;
      settled.push({ id: current.id, paidAt });
      paid.push({ invoiceNumber: current.invoiceNumber, paidMinor: total, totalMinor: current.totalAmountMinor, paidAt });
      if (total > current.totalAmountMinor) {
        notes.push({ code: "OVERPAID", message: `Invoice ${current.invoiceNumber} is paid ${total - current.totalAmountMinor} minor units more than its total.` });
      }
    } else {
      partiallyPaid.push({ invoiceNumber: current.invoiceNumber, paidMinor: total, totalMinor: current.totalAmountMinor });
      notes.push({ code: "PARTLY_PAID", message: `Invoice ${current.invoiceNumber} is paid ${total} of ${current.totalAmountMinor} minor units; it stays unpaid.` });
    }
  }
  if (settled.length) {
    await tx.$executeRawUnsafe(
      `UPDATE "Invoice" i SET "status" = 'PAID', "paidAt" = t.paid_at
       FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, paid_at)
       WHERE i."id" = t.id AND i."status" = 'ISSUED'`,
      settled.map((s) => s.id),
      settled.map((s) => s.paidAt),
    );
  }
  await tx.$executeRawUnsafe(`UPDATE "PaymentImport" SET "report" = $2::jsonb WHERE "id" = $1::uuid`, importId, JSON.stringify(notes));
  const matched = matchedIds.filter((id) => id !== null).length;
  return { status: "STORED", importId, received, matched, unmatched: rows.length - matched, paid, partiallyPaid, problems: notes };
}

/** The versions of each touched invoice's billed period, and the current one (not credited). */
async function chainsOf(tx: Tx, touched: InvoiceRow[]): Promise<{ ids: string[]; current: InvoiceRow }[]> {
  const installations = [...new Set(touched.flatMap((i) => (i.billingKey && i.installationId ? [i.installationId] : [])))];
  const siblings = installations.length
    ? await tx.$queryRawUnsafe<InvoiceRow[]>(
        `SELECT "id"::text AS id, "invoiceNumber", "paymentReference", "currency"::text AS currency, "kind"::text AS kind,
                "status"::text AS status, "totalAmountMinor", "billingKey", "installationId"::text AS "installationId"
         FROM "Invoice" WHERE "installationId" = ANY($1::uuid[]) AND "kind" = 'INVOICE' AND "billingKey" IS NOT NULL`,
        installations,
      )
    : [];
  const byPrefix = new Map<string, InvoiceRow[]>();
  for (const s of siblings) {
    const m = VERSION.exec(s.billingKey!);
    if (!m) continue;
    const list = byPrefix.get(m[1]!) ?? [];
    list.push(s);
    byPrefix.set(m[1]!, list);
  }
  const out = new Map<string, { ids: string[]; current: InvoiceRow }>();
  for (const invoice of touched) {
    const m = invoice.billingKey ? VERSION.exec(invoice.billingKey) : null;
    if (!m) {
      out.set(invoice.id, { ids: [invoice.id], current: invoice });
      continue;
    }
    if (out.has(m[1]!)) continue;
    const versions = (byPrefix.get(m[1]!) ?? [invoice]).sort((a, b) => Number(VERSION.exec(a.billingKey!)![2]) - Number(VERSION.exec(b.billingKey!)![2]));
    const current = [...versions].reverse().find((v) => v.status !== "CREDITED") ?? versions[versions.length - 1]!;
    out.set(m[1]!, { ids: versions.map((v) => v.id), current });
  }
  return [...out.values()];
}
