import "server-only";
import type { ItemRow, Tx } from "./billing-run-types";

/** The run's items of some contracts, inserted or replacing a FAILED one of a resumed run. */
export async function writeItems(tx: Tx, runId: string, items: ItemRow[]): Promise<void> {
  if (items.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "BillingRunItem" ("id", "runId", "contractId", "status", "reason", "invoiceIds")
     SELECT gen_random_uuid(), $1::uuid, t.contract, t.status::"BillingRunItemStatus", t.reason,
            CASE WHEN t.ids = '' THEN '{}'::uuid[] ELSE string_to_array(t.ids, ',')::uuid[] END
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(contract, status, reason, ids)
     ON CONFLICT ("runId", "contractId") DO UPDATE
       SET "status" = EXCLUDED."status", "reason" = EXCLUDED."reason", "invoiceIds" = EXCLUDED."invoiceIds", "createdAt" = now()`,
    runId,
    items.map((i) => i.contractId),
    items.map((i) => i.status),
    items.map((i) => i.reason),
    items.map((i) => i.invoiceIds.join(",")),
  );
}
