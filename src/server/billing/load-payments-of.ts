import "server-only";
import type { Tx } from "./billing-run-types";

/** The sum of the payments recorded on each invoice (invoices without payments are absent). */
export async function loadPaymentsOf(tx: Tx, invoiceIds: string[]): Promise<Map<string, number>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ invoiceId: string; paid: number }[]>(
    `SELECT "invoiceId"::text AS "invoiceId", sum("amountMinor")::float8 AS paid FROM "Payment" WHERE "invoiceId" = ANY($1::uuid[]) GROUP BY 1`,
    invoiceIds,
  );
  return new Map(rows.map((r) => [r.invoiceId, r.paid]));
}
