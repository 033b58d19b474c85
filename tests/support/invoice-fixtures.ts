// Invoices for the invoice-page tests, written straight to the database: the billing run that
// issues real invoices is tested on its own, and these tests must not depend on it. Realistic lines
// come from the domain's own rating (rateConsumption with the demo price lists).
import { randomInt } from "node:crypto";
import { lineParamsOf, type LineParams } from "@/domain/billing/line-catalogue";
import { rateConsumption } from "@/domain/billing/rate";
import { DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { vatOf } from "@/domain/billing/money";
import { danishFik71, finnishReference, swedishOcr } from "@/domain/billing/payment-references";
import type { Market, PriceList } from "@/domain/billing/price-list";
import { addDays, localMidnightUtc, intervalsInLocalDay, localDays } from "@/domain/time/zoned";
import { Prisma, type Invoice } from "@/generated/prisma/client";
import type { Db } from "@/server/db/create-client";
import { issuedLineText } from "@/server/invoices/invoice-translator";

const RUN = randomInt(100, 1000);
let counter = 0;

/** A unique 10-digit invoice number for this process. */
export function uniqueInvoiceNumber(): string {
  counter += 1;
  return `9${RUN}${String(counter).padStart(6, "0")}`;
}

/** The market's payment reference for an invoice number (OCR, viitenumero, FI-kort +71 id). */
export function paymentReferenceFor(market: Market, invoiceNumber: string): string {
  const base = invoiceNumber.replace(/^0+/, "").slice(-14);
  return market === "SE" ? swedishOcr(base, { lengthDigit: true }) : market === "FI" ? finnishReference(base) : danishFik71(base);
}

export type LineInput = {
  code: string;
  /** InvoiceLine.params; left out, the line is stored as before the line catalogue (null). */
  params?: LineParams;
  description: string;
  quantity: string;
  unit: string;
  unitPriceMinor: string;
  amountMinor: number;
  vatRate?: string;
};

const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export type TestInvoiceOptions = {
  customerId: string;
  installationId?: string | null;
  contractId?: string | null;
  kind?: "INVOICE" | "CREDIT_NOTE";
  status?: "ISSUED" | "PAID" | "CREDITED";
  invoiceNumber?: string;
  invoiceDate: string;
  /** Default: 14 days after the invoice date (seed 003). */
  dueDate?: string;
  periodStart: string;
  /** Exclusive. */
  periodEnd: string;
  lines?: LineInput[];
  /** Without lines: one line of this net amount (VAT 25 % added). */
  netAmountMinor?: number;
  correctsInvoiceId?: string | null;
  explanation?: unknown;
  paymentReference?: string;
};

/** One invoice with its lines; net, VAT and total are the sums of the lines (VAT per line). */
export async function createTestInvoice(db: Db, o: TestInvoiceOptions): Promise<Invoice> {
  const customer = await db.customer.findUniqueOrThrow({ where: { id: o.customerId }, select: { market: true, currency: true } });
  const lines = (
    o.lines ?? [{ code: "SUPPLY_MONTHLY_FEE", description: "Månadsavgift", quantity: "1", unit: "month", unitPriceMinor: String(o.netAmountMinor ?? 10_000), amountMinor: o.netAmountMinor ?? 10_000 }]
  ).map((l, i) => {
    const vatRate = l.vatRate ?? (customer.market === "FI" ? "25.5" : "25");
    return { ...l, position: i + 1, vatRate, vatAmountMinor: vatOf(l.amountMinor, vatRate) };
  });
  const net = lines.reduce((s, l) => s + l.amountMinor, 0);
  const vat = lines.reduce((s, l) => s + l.vatAmountMinor, 0);
  const invoiceNumber = o.invoiceNumber ?? uniqueInvoiceNumber();
  return db.invoice.create({
    data: {
      invoiceNumber,
      customerId: o.customerId,
      installationId: o.installationId ?? null,
      contractId: o.contractId ?? null,
      kind: o.kind ?? "INVOICE",
      status: o.status ?? "ISSUED",
      currency: customer.currency,
      invoiceDate: dbDate(o.invoiceDate),
      dueDate: dbDate(o.dueDate ?? addDays(o.invoiceDate, 14)),
      periodStart: dbDate(o.periodStart),
      periodEnd: dbDate(o.periodEnd),
      netAmountMinor: net,
      vatAmountMinor: vat,
      totalAmountMinor: net + vat,
      paymentReference: o.paymentReference ?? paymentReferenceFor(customer.market, invoiceNumber),
      correctsInvoiceId: o.correctsInvoiceId ?? null,
      explanation: (o.explanation ?? {}) as Prisma.InputJsonValue,
      paidAt: o.status === "PAID" ? new Date(`${addDays(o.invoiceDate, 10)}T10:00:00Z`) : null,
      lines: {
        create: lines.map((l) => ({
          position: l.position,
          code: l.code,
          params: l.params ?? Prisma.DbNull,
          description: l.description,
          quantity: new Prisma.Decimal(l.quantity),
          unit: l.unit,
          unitPriceMinor: new Prisma.Decimal(l.unitPriceMinor),
          amountMinor: l.amountMinor,
          vatRate: new Prisma.Decimal(l.vatRate),
          vatAmountMinor: l.vatAmountMinor,
        })),
      },
    },
  });
}

/**
 * Lines and the explanation figures for a period, rated by the domain: `kWh(hour)` per local hour
 * and, for spot contracts, a price per hour in minor units per kWh.
 */
export function ratedLines(o: {
  market: Market;
  timeZone: string;
  from: string;
  to: string;
  priceLists: readonly PriceList[];
  kWh: (hourOfDay: number, dayIndex: number) => number;
  spot?: (hourOfDay: number, dayIndex: number) => number;
}): { lines: LineInput[]; explanation: { lines: { position: number; details: unknown }[] } } {
  const values: number[] = [];
  const prices: number[] = [];
  localDays(o.from, o.to, o.timeZone).forEach((day, d) => {
    const n = intervalsInLocalDay(day.date, o.timeZone, "PT1H");
    for (let h = 0; h < n; h++) {
      values.push(o.kWh(h, d));
      prices.push(o.spot ? o.spot(h, d) : 0);
    }
  });
  const start = localMidnightUtc(o.from, o.timeZone).toISOString();
  const result = rateConsumption({
    market: o.market,
    currency: o.market === "SE" ? "SEK" : o.market === "DK" ? "DKK" : "EUR",
    timeZone: o.timeZone,
    period: { from: o.from, to: o.to },
    consumption: { start, resolution: "PT1H", values },
    spotPrices: o.spot ? { start, resolution: "PT1H", values: prices } : undefined,
    priceLists: o.priceLists,
    vatRates: DEMO_VAT_RATES,
  });
  return {
    lines: result.lines.map((l) => ({
      code: l.code,
      params: lineParamsOf(l),
      description: issuedLineText({ code: l.code, params: lineParamsOf(l) }),
      quantity: l.quantity,
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor,
      amountMinor: l.amountMinor,
      vatRate: l.vatRatePercent,
    })),
    explanation: { lines: result.lines.map((l, i) => ({ position: i + 1, details: l.details ?? null })) },
  };
}
