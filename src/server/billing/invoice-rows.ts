import "server-only";
// An invoice's stored rows: the explanation JSON and the InvoiceLine rows a billing run writes, and
// the stored invoice read back (for a correction or the next quarter's deduction). Moved verbatim
// from run-billing.ts.
import { nextInvoiceEstimate, type BillingCycle, type BillingPeriod } from "@/domain/billing/billing-period";
import { milliText, normalizeDecimal } from "@/domain/billing/decimal-text";
import {
  billLineParams,
  explainedLines,
  EXPLANATION_VERSION,
  type BillingExplanation,
  type BillLine,
  type CorrectionReason,
} from "@/domain/billing/invoice-explanation";
import { explanationForRun, storedLineParams } from "@/domain/billing/invoice-explanation-read";
import { lineParamsOf } from "@/domain/billing/line-catalogue";
import { vatSummaryOf } from "@/domain/billing/vat-summary";
import { issuedLineText } from "@/server/invoices/invoice-translator";
import type { RawQueryable } from "@/server/metering/read-series";
import type { ContractRow, InvoiceRow, PreparedBill, RunContext, StoredInvoice, StoredLine, Tx } from "./billing-run-types";

export function baseExplanation(ctx: RunContext, contract: ContractRow, bill: PreparedBill): Omit<BillingExplanation, "payment"> {
  return {
    version: EXPLANATION_VERSION,
    kind: "INVOICE",
    market: contract.market,
    currency: contract.currency,
    cycle: ctx.cycle,
    timeZone: contract.timeZone,
    period: bill.span,
    contract: { id: contract.id, contractNumber: contract.contractNumber, productName: contract.productName, pricing: contract.pricing, priceProducts: contract.priceProducts },
    installation: { id: contract.installationId, meteringPointId: contract.meteringPointId, priceArea: contract.priceArea, resolution: contract.resolution },
    consumption: { kWh: bill.kWh, intervals: bill.intervals, resolution: contract.resolution },
    lines: explainedLines(bill.lines),
    totals: bill.totals,
    vatSummary: vatSummaryOf(bill.lines),
    priceLists: bill.lists.map((l) => ({ id: l.id, product: l.key, name: l.name, validFrom: l.validFrom, validTo: l.validTo })),
    spot: bill.spot,
    billingPower: bill.billingPower ? { ...bill.billingPower, rule: "highest-daily-mean-power-in-period" } : null,
    aconto: bill.aconto,
    correction: null,
    credits: null,
    nextInvoice: nextInvoiceEstimate(contract.market, ctx.cycle, ctx.period),
  };
}

/** Plain English: why the period was billed again and what changed. */
export function correctionReason(reasons: readonly CorrectionReason[], originalNumber: string, before: string | null, after: string, cycle: BillingCycle): string {
  const parts = reasons.map((r) => {
    switch (r.kind) {
      case "METER_VALUES":
        return `${r.revisions} meter value${r.revisions === 1 ? " was" : "s were"} replaced (intervals ${r.firstInterval.slice(0, 16).replace("T", " ")}–${r.lastInterval.slice(0, 16).replace("T", " ")} UTC)`;
      case "PRICE_LIST":
        return `new prices were published (price list${r.priceListIds.length === 1 ? "" : "s"} ${r.priceListIds.join(", ")})`;
      case "RERATED":
        return "the period was rated again with the current meter values and prices";
    }
  });
  const what = cycle === "QUARTERLY_ACONTO" ? "the quarter's settlement" : "the period";
  const consumption = before !== null && before !== after ? ` Consumption ${before} kWh → ${after} kWh.` : "";
  return `Invoice ${originalNumber} is credited and ${what} billed again because ${parts.join(" and ")} after it was issued.${consumption}`;
}

export async function insertInvoices(tx: Tx, invoices: InvoiceRow[]): Promise<void> {
  if (invoices.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Invoice" ("id", "invoiceNumber", "billingKey", "ratingHash", "customerId", "installationId", "contractId", "kind", "status",
       "currency", "invoiceDate", "dueDate", "periodStart", "periodEnd", "netAmountMinor", "vatAmountMinor", "totalAmountMinor",
       "paymentReference", "correctsInvoiceId", "explanation", "paidAt")
     SELECT t.id, t.num, t.key, t.hash, t.customer, t.installation, t.contract, t.kind::"InvoiceKind", t.status::"InvoiceStatus",
       t.currency::"Currency", t.invoice_date, t.due_date, t.period_start, t.period_end, t.net, t.vat, t.total,
       t.ref, t.corrects, t.expl::jsonb, t.paid_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
       $10::text[], $11::date[], $12::date[], $13::date[], $14::date[], $15::int[], $16::int[], $17::int[],
       $18::text[], $19::uuid[], $20::text[], $21::timestamptz[])
       AS t(id, num, key, hash, customer, installation, contract, kind, status, currency, invoice_date, due_date, period_start, period_end,
            net, vat, total, ref, corrects, expl, paid_at)`,
    invoices.map((i) => i.id),
    invoices.map((i) => i.invoiceNumber),
    invoices.map((i) => i.billingKey),
    invoices.map((i) => i.ratingHash),
    invoices.map((i) => i.contract.customerId),
    invoices.map((i) => i.contract.installationId),
    invoices.map((i) => i.contract.id),
    invoices.map((i) => i.kind),
    invoices.map((i) => i.status),
    invoices.map((i) => i.contract.currency),
    invoices.map((i) => i.invoiceDate),
    invoices.map((i) => i.dueDate),
    invoices.map((i) => i.span.from),
    invoices.map((i) => i.span.to),
    invoices.map((i) => i.totals.netMinor),
    invoices.map((i) => i.totals.vatMinor),
    invoices.map((i) => i.totals.totalMinor),
    invoices.map((i) => i.paymentReference),
    invoices.map((i) => i.correctsInvoiceId),
    invoices.map((i) => JSON.stringify(i.explanation)),
    invoices.map((i) => i.paidAt),
  );
  const lines = invoices.flatMap((i) =>
    i.lines.map((l, p) => {
      const params = billLineParams(l);
      return { invoiceId: i.id, position: p + 1, line: l, params, paramsJson: JSON.stringify(params) };
    }),
  );
  const BATCH = 20_000;
  for (let s = 0; s < lines.length; s += BATCH) {
    const batch = lines.slice(s, s + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "InvoiceLine" ("id", "invoiceId", "position", "code", "params", "description", "quantity", "unit", "unitPriceMinor", "amountMinor", "vatRate", "vatAmountMinor")
       SELECT gen_random_uuid(), t.invoice, t.pos, t.code, t.params::jsonb, t.descr, t.qty::numeric, t.unit, t.price::numeric, t.amount, t.vat_rate::numeric, t.vat
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::int[])
         AS t(invoice, pos, code, params, descr, qty, unit, price, amount, vat_rate, vat)`,
      batch.map((b) => b.invoiceId),
      batch.map((b) => b.position),
      batch.map((b) => b.line.code),
      // Kept only when the line has parameters: the explanation holds every line's, and a row per
      // line with an empty JSON document cost the run 5 % (billing bench).
      batch.map((b) => (b.paramsJson === "{}" ? null : b.paramsJson)),
      batch.map((b) => issuedLineText({ code: b.line.code, params: b.params }, b.paramsJson)),
      batch.map((b) => b.line.quantity),
      batch.map((b) => b.line.unit),
      batch.map((b) => b.line.unitPriceMinor),
      batch.map((b) => b.line.amountMinor),
      batch.map((b) => b.line.vatRatePercent),
      batch.map((b) => b.line.vatAmountMinor),
    );
  }
}

export async function loadStoredInvoices(q: RawQueryable, invoiceIds: readonly string[]): Promise<Map<string, StoredInvoice>> {
  const out = new Map<string, StoredInvoice>();
  if (invoiceIds.length === 0) return out;
  const explanations = await q.$queryRawUnsafe<{ id: string; explanation: unknown }[]>(
    `SELECT "id"::text AS id, "explanation" FROM "Invoice" WHERE "id" = ANY($1::uuid[])`,
    invoiceIds,
  );
  for (const e of explanations) {
    out.set(e.id, { lines: [], explanation: explanationForRun(typeof e.explanation === "string" ? JSON.parse(e.explanation) : e.explanation) });
  }
  const lines = await q.$queryRawUnsafe<StoredLine[]>(
    `SELECT "invoiceId"::text AS "invoiceId", "position", "code", "params", "description", "quantity"::text AS quantity, "unit",
            "unitPriceMinor"::text AS "unitPriceMinor", "amountMinor", "vatRate"::text AS "vatRate", "vatAmountMinor"
     FROM "InvoiceLine" WHERE "invoiceId" = ANY($1::uuid[]) ORDER BY "invoiceId", "position"`,
    invoiceIds,
  );
  for (const line of lines) out.get(line.invoiceId)?.lines.push(line);
  return out;
}

/** A stored line back as a bill line, with the parameters, dates and details it was issued with. */
export function billLineFromStored(line: StoredLine, stored: StoredInvoice, fallback: BillingPeriod): BillLine {
  const explained = stored.explanation.lines?.find((l) => l.position === line.position);
  return {
    code: line.code,
    section: explained?.section ?? "period",
    ...(explained?.product ? { product: explained.product } : {}),
    params: storedLineParams(line.params) ?? explained?.params ?? lineParamsOf({ code: line.code, product: explained?.product, details: explained?.details, from: explained?.from }),
    quantity: line.unit === "kWh" || line.unit === "kW" || line.unit === "m³" ? milliText(line.quantity) : normalizeDecimal(line.quantity),
    unit: line.unit,
    unitPriceMinor: normalizeDecimal(line.unitPriceMinor),
    amountMinor: line.amountMinor,
    vatRatePercent: normalizeDecimal(line.vatRate),
    vatAmountMinor: line.vatAmountMinor,
    from: explained?.from ?? fallback.from,
    to: explained?.to ?? fallback.to,
    priceListIds: explained?.priceListIds ?? [],
    ...(explained?.details ? { details: explained.details } : {}),
  };
}

/** Whether the new lines bill exactly what the stored invoice bills (code, quantity, price, amounts). */
export function sameLines(lines: readonly BillLine[], stored: StoredInvoice): boolean {
  if (lines.length !== stored.lines.length) return false;
  return lines.every((l, i) => {
    const s = stored.lines[i]!;
    return (
      l.code === s.code &&
      Number(l.quantity) === Number(s.quantity) &&
      Number(l.unitPriceMinor) === Number(s.unitPriceMinor) &&
      l.amountMinor === s.amountMinor &&
      l.vatAmountMinor === s.vatAmountMinor &&
      Number(l.vatRatePercent) === Number(s.vatRate)
    );
  });
}
