import "server-only";
import type { BillingPeriod } from "@/domain/billing/billing-period";
import { parseBillingKey } from "@/domain/billing/invoice-versions";
import type { RawQueryable } from "@/server/metering/read-series";
import type { ContractRow, ExistingInvoice } from "./billing-run-types";

/** Every INVOICE version of the contracts' period (by billing key), oldest version first. */
export async function loadInvoicesOf(q: RawQueryable, contracts: readonly ContractRow[], period: BillingPeriod): Promise<Map<string, ExistingInvoice[]>> {
  const out = new Map<string, ExistingInvoice[]>();
  if (contracts.length === 0) return out;
  const rows = await q.$queryRawUnsafe<(ExistingInvoice & { billingKey: string })[]>(
    `SELECT "id"::text AS id, "invoiceNumber", "contractId"::text AS "contractId", "billingKey", "status"::text AS status,
            "totalAmountMinor", "ratingHash"
     FROM "Invoice"
     WHERE "installationId" = ANY($1::uuid[]) AND "contractId" = ANY($2::uuid[]) AND "kind" = 'INVOICE'
       AND "periodStart" >= $3::date AND "periodStart" < $4::date AND "billingKey" IS NOT NULL`,
    [...new Set(contracts.map((c) => c.installationId))],
    contracts.map((c) => c.id),
    period.from,
    period.to,
  );
  for (const row of rows) {
    const key = parseBillingKey(row.billingKey);
    if (!key || key.contractId !== row.contractId || key.periodStart !== period.from) continue;
    const list = out.get(row.contractId) ?? [];
    list.push({ id: row.id, invoiceNumber: row.invoiceNumber, contractId: row.contractId, version: key.version, status: row.status, totalAmountMinor: row.totalAmountMinor, ratingHash: row.ratingHash });
    out.set(row.contractId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.version - b.version);
  return out;
}
