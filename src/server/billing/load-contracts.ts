import "server-only";
import type { BillingCycle, BillingPeriod } from "@/domain/billing/billing-period";
import type { Db } from "@/server/db/create-client";
import type { ContractRow } from "./billing-run-types";

/** Contracts of the cycle active in the period without a finished item in this run, by id. */
export async function loadContracts(db: Db, runId: string, cycle: BillingCycle, period: BillingPeriod, contractIds?: readonly string[]): Promise<ContractRow[]> {
  const params: unknown[] = [cycle, period.from, period.to, runId];
  let filter = "";
  if (contractIds) {
    params.push(contractIds);
    filter = `AND c."id" = ANY($5::uuid[])`;
  }
  return db.$queryRawUnsafe<ContractRow[]>(
    `SELECT c."id"::text AS id, c."contractNumber", c."productName", c."pricing"::text AS pricing,
            to_char(c."startDate", 'YYYY-MM-DD') AS "startDate", to_char(c."endDate", 'YYYY-MM-DD') AS "endDate",
            c."expectedYearlyKwh", c."priceProducts", c."customerId"::text AS "customerId",
            i."id"::text AS "installationId", i."meteringPointId", i."priceArea", i."timeZone", i."resolution"::text AS resolution,
            cu."market"::text AS market, cu."currency"::text AS currency
     FROM "Contract" c
     JOIN "Installation" i ON i."id" = c."installationId"
     JOIN "Customer" cu ON cu."id" = c."customerId"
     WHERE c."billingCycle" = $1::"BillingCycle" AND c."startDate" < $3::date AND (c."endDate" IS NULL OR c."endDate" >= $2::date)
       ${filter}
       AND NOT EXISTS (SELECT 1 FROM "BillingRunItem" it WHERE it."runId" = $4::uuid AND it."contractId" = c."id" AND it."status" <> 'FAILED')
     ORDER BY c."id"`,
    ...params,
  );
}
