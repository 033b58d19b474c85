import "server-only";
// Invoiced periods whose data changed after the invoice was issued, so a billing run with
// `corrections` rates them again (and, if the rating really differs, credits and re-bills them):
// - METER_VALUES: a MeterValueRevision of the installation's energy or volume series, replaced
//   after the invoice was created, for an interval inside the invoiced period (local dates of the
//   installation, so a revision at 23:30 UTC on the last evening counts for the right day);
// - PRICE_LIST: a PriceList row created after the invoice, for one of the contract's tariff keys
//   and the installation's area (or the whole market), valid on a day of the invoiced period.
// Only the current version of each period counts (kind INVOICE, not CREDITED): once a correction
// is issued, the revisions before it no longer make the period a candidate; and a run that rated
// the invoice again and found it unchanged (an UNCHANGED item naming the invoice) settles the
// changes made before that run.
// Spot prices carry no timestamp of their own: after a spot re-import that changed prices, run
// the affected periods with `corrections: "all"` (the import reports them).
import type { BillingCycle } from "@/domain/billing/billing-period";
import type { CorrectionReason } from "@/domain/billing/invoice-explanation";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";

export type CorrectionCandidate = {
  invoiceId: string;
  invoiceNumber: string;
  contractId: string;
  installationId: string;
  cycle: BillingCycle;
  /** The billing run's period start (from the billing key) and the invoiced span. */
  periodStart: string;
  invoicePeriod: { from: string; to: string };
  version: number;
  reasons: CorrectionReason[];
};

export type FindCorrectionCandidatesOptions = {
  db?: Db;
  cycle?: BillingCycle;
  /** Only invoices of this billing period (its first day). */
  periodStart?: string;
  contractIds?: readonly string[];
};

const KEY = /^([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2}):v(\d+)$/;

type Row = {
  invoiceId: string;
  invoiceNumber: string;
  billingKey: string;
  contractId: string;
  installationId: string;
  cycle: BillingCycle;
  periodStart: string;
  periodEnd: string;
};

export async function findCorrectionCandidates(options: FindCorrectionCandidatesOptions = {}): Promise<CorrectionCandidate[]> {
  const client = options.db ?? defaultDb;
  const params: unknown[] = [];
  const where: string[] = [`inv."kind" = 'INVOICE'`, `inv."status" <> 'CREDITED'`, `inv."billingKey" IS NOT NULL`];
  if (options.cycle) {
    params.push(options.cycle);
    where.push(`c."billingCycle" = $${params.length}::"BillingCycle"`);
  }
  if (options.periodStart) {
    // The billing key starts with "<contract id>:<period start>:", the invoiced span may start later.
    params.push(options.periodStart);
    where.push(`split_part(inv."billingKey", ':', 2) = $${params.length}`);
  }
  if (options.contractIds) {
    params.push(options.contractIds);
    where.push(`inv."contractId" = ANY($${params.length}::uuid[])`);
  }
  const base = `
    FROM "Invoice" inv
    JOIN "Contract" c ON c."id" = inv."contractId"
    JOIN "Installation" i ON i."id" = inv."installationId"`;
  const select = `inv."id"::text AS "invoiceId", inv."invoiceNumber", inv."billingKey", inv."contractId"::text AS "contractId",
    inv."installationId"::text AS "installationId", c."billingCycle"::text AS cycle,
    to_char(inv."periodStart", 'YYYY-MM-DD') AS "periodStart", to_char(inv."periodEnd", 'YYYY-MM-DD') AS "periodEnd"`;
  const groupBy = `inv."id", inv."invoiceNumber", inv."billingKey", inv."contractId", inv."installationId", c."billingCycle", inv."periodStart", inv."periodEnd"`;

  const meterRows = await client.$queryRawUnsafe<(Row & { revisions: number; first: Date; last: Date; changedAt: Date })[]>(
    `SELECT ${select}, count(r."id")::int AS revisions, min(r."intervalStart") AS first, max(r."intervalStart") AS last, max(r."replacedAt") AS "changedAt"
     ${base}
     JOIN "MeterSeries" s ON s."installationId" = i."id" AND s."quantity" IN ('ENERGY_KWH', 'VOLUME_M3')
     JOIN "MeterValueRevision" r ON r."seriesId" = s."id"
       AND r."replacedAt" > inv."createdAt"
       AND r."intervalStart" >= (inv."periodStart"::timestamp AT TIME ZONE i."timeZone")
       AND r."intervalStart" < (inv."periodEnd"::timestamp AT TIME ZONE i."timeZone")
     WHERE ${where.join(" AND ")}
     GROUP BY ${groupBy}`,
    ...params,
  );
  const priceRows = await client.$queryRawUnsafe<(Row & { priceListIds: string[]; changedAt: Date })[]>(
    `SELECT ${select}, array_agg(p."id"::text ORDER BY p."id") AS "priceListIds", max(p."createdAt") AS "changedAt"
     ${base}
     JOIN "PriceList" p ON p."product" = ANY(c."priceProducts")
       AND (p."area" IS NULL OR p."area" = i."priceArea")
       AND p."createdAt" > inv."createdAt"
       AND p."validFrom" < inv."periodEnd" AND (p."validTo" IS NULL OR p."validTo" > inv."periodStart")
     WHERE ${where.join(" AND ")}
     GROUP BY ${groupBy}`,
    ...params,
  );

  // When each invoice was last rated again and found unchanged.
  const ids = [...new Set([...meterRows, ...priceRows].map((r) => r.invoiceId))];
  const confirmed = new Map<string, number>();
  if (ids.length) {
    const rows = await client.$queryRawUnsafe<{ invoiceId: string; at: Date }[]>(
      `SELECT x."invoiceId"::text AS "invoiceId", max(it."createdAt") AS at
       FROM "BillingRunItem" it CROSS JOIN LATERAL unnest(it."invoiceIds") AS x("invoiceId")
       WHERE it."status" = 'UNCHANGED' AND it."invoiceIds" && $1::uuid[] AND x."invoiceId" = ANY($1::uuid[])
       GROUP BY 1`,
      ids,
    );
    for (const r of rows) confirmed.set(r.invoiceId, new Date(r.at).getTime());
  }

  const out = new Map<string, CorrectionCandidate>();
  const candidateOf = (row: Row & { changedAt: Date }): CorrectionCandidate | null => {
    const key = KEY.exec(row.billingKey);
    if (!key) return null;
    if ((confirmed.get(row.invoiceId) ?? 0) > new Date(row.changedAt).getTime()) return null;
    let candidate = out.get(row.invoiceId);
    if (!candidate) {
      candidate = {
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoiceNumber,
        contractId: row.contractId,
        installationId: row.installationId,
        cycle: row.cycle,
        periodStart: key[2]!,
        invoicePeriod: { from: row.periodStart, to: row.periodEnd },
        version: Number(key[3]),
        reasons: [],
      };
      out.set(row.invoiceId, candidate);
    }
    return candidate;
  };
  for (const row of meterRows) {
    candidateOf(row)?.reasons.push({
      kind: "METER_VALUES",
      revisions: row.revisions,
      firstInterval: new Date(row.first).toISOString(),
      lastInterval: new Date(row.last).toISOString(),
    });
  }
  for (const row of priceRows) candidateOf(row)?.reasons.push({ kind: "PRICE_LIST", priceListIds: row.priceListIds });
  return [...out.values()].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.contractId.localeCompare(b.contractId));
}
