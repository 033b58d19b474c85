import "server-only";
import { invoiceNumberBounds, nextInvoiceNumbers, parseInvoiceNumber } from "@/domain/billing/invoice-number";
import type { Market } from "@/domain/billing/price-list";
import type { Tx } from "./billing-run-types";

/** Advisory lock key serializing the allocation of invoice numbers ("MSIN"). */
const INVOICE_NUMBER_LOCK = 0x4d53494e;

/** Next invoice numbers per market, under a transaction-wide advisory lock. */
export async function allocateInvoiceNumbers(tx: Tx, needs: { market: Market; count: number }[]): Promise<Map<Market, string[]>> {
  const out = new Map<Market, string[]>();
  const perMarket = new Map<Market, number>();
  for (const n of needs) perMarket.set(n.market, (perMarket.get(n.market) ?? 0) + n.count);
  if (perMarket.size === 0) return out;
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${INVOICE_NUMBER_LOCK})::text`);
  for (const [market, count] of [...perMarket].sort()) {
    const { first, last } = invoiceNumberBounds(market);
    const rows = await tx.$queryRawUnsafe<{ invoiceNumber: string }[]>(
      `SELECT "invoiceNumber" FROM "Invoice"
       WHERE "invoiceNumber" >= $1 AND "invoiceNumber" <= $2 AND "invoiceNumber" ~ '^[0-9]{10}$'
       ORDER BY "invoiceNumber" DESC LIMIT 1`,
      first,
      last,
    );
    const lastSerial = rows[0] ? (parseInvoiceNumber(rows[0].invoiceNumber)?.serial ?? 0) : 0;
    out.set(market, nextInvoiceNumbers(market, lastSerial, count));
  }
  return out;
}
