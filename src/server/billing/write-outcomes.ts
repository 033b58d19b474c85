import "server-only";
// Writing one chunk's outcomes in one transaction: the contracts locked and their invoices checked
// again, invoice numbers allocated, the documents (a correction planned in
// src/domain/billing/plan-correction.ts) and the run items inserted.
import { randomUUID } from "node:crypto";
import { dueDateFor, invoiceDateFor, PAYMENT_TERM_DAYS } from "@/domain/billing/billing-period";
import { explainedLines } from "@/domain/billing/invoice-explanation";
import { paymentReferenceFor, PAYMENT_REFERENCE_SCHEME } from "@/domain/billing/invoice-number";
import { billingKeyOf, creditBillingKeyOf, currentOf, stillApplies } from "@/domain/billing/invoice-versions";
import { planCorrection } from "@/domain/billing/plan-correction";
import type { Currency } from "@/domain/billing/price-list";
import { vatSummaryOf } from "@/domain/billing/vat-summary";
import { allocateInvoiceNumbers } from "./allocate-invoice-numbers";
import type { InvoiceRow, ItemRow, Outcome, RunContext, Tx } from "./billing-run-types";
import { baseExplanation, billLineFromStored, correctionReason, insertInvoices } from "./invoice-rows";
import { loadInvoicesOf } from "./load-invoices-of";
import { loadPaymentsOf } from "./load-payments-of";
import { writeItems } from "./write-items";

export type IssuedDocument = { currency: Currency; kind: "INVOICE" | "CREDIT_NOTE"; net: number; vat: number; total: number };

type Billing = Extract<Outcome, { kind: "ISSUE" | "CORRECT" }>;
const isBilling = (o: Outcome): o is Billing => o.kind === "ISSUE" || o.kind === "CORRECT";

/** Writes the outcomes in the transaction `tx`; returns the documents issued. */
export async function writeOutcomes(ctx: RunContext, tx: Tx, input: Outcome[]): Promise<IssuedDocument[]> {
  const outcomes = [...input];
  const billing = outcomes.filter(isBilling);
  if (billing.length) {
    // Lock the contracts, then check that nobody billed them since they were read.
    await tx.$queryRawUnsafe(`SELECT 1 FROM "Contract" WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`, billing.map((o) => o.contract.id));
    const now = await loadInvoicesOf(tx, billing.map((o) => o.contract), ctx.period);
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i]!;
      if (!isBilling(o)) continue;
      const versions = now.get(o.contract.id) ?? [];
      if (!stillApplies(versions, { version: o.version, replaces: o.kind === "CORRECT" ? o.original.id : null })) {
        const current = currentOf(versions);
        outcomes[i] = { kind: "UNCHANGED", contract: o.contract, reason: `Billed by another run meanwhile${current ? ` (invoice ${current.invoiceNumber})` : ""}.` };
      }
    }
  }

  const documents = outcomes.filter(isBilling);
  const numbers = await allocateInvoiceNumbers(
    tx,
    documents.map((o) => ({ market: o.contract.market, count: o.kind === "CORRECT" ? 2 : 1 })),
  );
  const paidBefore = await loadPaymentsOf(
    tx,
    documents.flatMap((o) => (o.kind === "CORRECT" ? o.chain.map((v) => v.id) : [])),
  );

  const invoices: InvoiceRow[] = [];
  const items: ItemRow[] = [];
  const credited: string[] = [];
  const invoiceDate = ctx.invoiceDate ?? invoiceDateFor(ctx.period.to, ctx.today);
  for (const o of outcomes) {
    if (!isBilling(o)) {
      // A confirmed invoice is recorded on the item, so the correction finder stops proposing it.
      items.push({ contractId: o.contract.id, status: o.kind, reason: o.reason, invoiceIds: o.confirmed ? [o.confirmed] : [] });
      continue;
    }
    const { contract, bill } = o;
    const market = contract.market;
    const dueDate = dueDateFor(market, invoiceDate);
    const mine = numbers.get(market)!.splice(0, o.kind === "CORRECT" ? 2 : 1);
    const payment = (number: string) => ({
      scheme: PAYMENT_REFERENCE_SCHEME[market],
      reference: paymentReferenceFor(market, number),
      invoiceDate,
      dueDate,
      termDays: PAYMENT_TERM_DAYS[market],
    });
    const invoiceId = randomUUID();
    const invoiceNumber = mine[mine.length - 1]!;
    const base = baseExplanation(ctx, contract, bill);
    const row = { contract, invoiceDate, dueDate, paidAt: null };
    // The period's new invoice version (a first invoice, or the one that replaces a credited one).
    const newVersion = {
      ...row,
      id: invoiceId,
      invoiceNumber,
      billingKey: billingKeyOf(contract.id, ctx.period.from, o.version),
      ratingHash: bill.ratingHash,
      kind: "INVOICE" as const,
      span: bill.span,
      totals: bill.totals,
      paymentReference: paymentReferenceFor(market, invoiceNumber),
      lines: bill.lines,
    };

    if (o.kind === "ISSUE") {
      invoices.push({
        ...newVersion,
        status: "ISSUED",
        correctsInvoiceId: o.previous?.status === "CREDITED" ? o.previous.id : null,
        explanation: { ...base, payment: payment(invoiceNumber) },
      });
      items.push({ contractId: contract.id, status: "ISSUED", reason: null, invoiceIds: [invoiceId] });
      continue;
    }

    // Correction: credit the current version in full, bill the period again.
    const creditId = randomUUID();
    const creditNumber = mine[0]!;
    const original = o.original;
    const originalKWh = o.stored.explanation.consumption?.kWh ?? null;
    const reason = correctionReason(o.reasons, original.invoiceNumber, originalKWh, bill.kWh, ctx.cycle);
    const plan = planCorrection({
      original,
      originalLines: o.stored.lines.map((l) => billLineFromStored(l, o.stored, bill.span)),
      originalPeriod: o.stored.explanation.period,
      originalKWh,
      bill,
      version: o.version,
      invoiceNumber,
      creditNote: { id: creditId, invoiceNumber: creditNumber },
      reasons: o.reasons,
      reason,
      earlierPayments: o.chain.map((v) => paidBefore.get(v.id) ?? 0),
    });
    const credit = plan.creditNote;
    invoices.push({
      ...row,
      id: creditId,
      invoiceNumber: creditNumber,
      billingKey: creditBillingKeyOf(contract.id, ctx.period.from, original.version),
      ratingHash: null,
      kind: "CREDIT_NOTE",
      status: "ISSUED",
      span: credit.span,
      totals: credit.totals,
      paymentReference: paymentReferenceFor(market, creditNumber),
      correctsInvoiceId: original.id,
      explanation: {
        ...base,
        kind: "CREDIT_NOTE",
        period: credit.span,
        consumption: null,
        lines: explainedLines(credit.lines),
        totals: credit.totals,
        vatSummary: vatSummaryOf(credit.lines),
        spot: null,
        billingPower: null,
        aconto: null,
        credits: credit.credits,
        payment: payment(creditNumber),
        nextInvoice: null,
      },
      lines: credit.lines,
    });
    invoices.push({
      ...newVersion,
      status: plan.invoice.covered ? "PAID" : "ISSUED",
      correctsInvoiceId: original.id,
      explanation: { ...base, correction: plan.invoice.correction, payment: payment(invoiceNumber) },
      paidAt: plan.invoice.covered ? new Date().toISOString() : null,
    });
    credited.push(original.id);
    items.push({ contractId: contract.id, status: "CORRECTED", reason, invoiceIds: [creditId, invoiceId] });
  }

  await insertInvoices(tx, invoices);
  if (credited.length) {
    await tx.$executeRawUnsafe(`UPDATE "Invoice" SET "status" = 'CREDITED' WHERE "id" = ANY($1::uuid[])`, credited);
  }
  await writeItems(tx, ctx.runId, items);
  return invoices.map((i) => ({ currency: i.contract.currency, kind: i.kind, net: i.totals.netMinor, vat: i.totals.vatMinor, total: i.totals.totalMinor }));
}
