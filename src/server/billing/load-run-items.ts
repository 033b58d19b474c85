import "server-only";
import type { Db } from "@/server/db/create-client";
import type { RunItemStatus } from "./billing-run-types";

/** The run's items by status, and its FAILED and SKIPPED items with their reasons (at most 100). */
export async function loadRunItems(db: Db, runId: string) {
  const counts = await db.$queryRawUnsafe<{ status: RunItemStatus; n: number }[]>(
    `SELECT "status"::text AS status, count(*)::int AS n FROM "BillingRunItem" WHERE "runId" = $1::uuid GROUP BY 1`,
    runId,
  );
  const items: Record<RunItemStatus, number> = { ISSUED: 0, CORRECTED: 0, UNCHANGED: 0, SKIPPED: 0, FAILED: 0 };
  for (const c of counts) items[c.status] = c.n;
  const problems = await db.$queryRawUnsafe<{ contractId: string; contractNumber: string; status: "FAILED" | "SKIPPED"; reason: string }[]>(
    `SELECT it."contractId"::text AS "contractId", c."contractNumber", it."status"::text AS status, coalesce(it."reason", '') AS reason
     FROM "BillingRunItem" it JOIN "Contract" c ON c."id" = it."contractId"
     WHERE it."runId" = $1::uuid AND it."status" IN ('FAILED', 'SKIPPED')
     ORDER BY c."contractNumber" LIMIT 100`,
    runId,
  );
  return { items, problems };
}
