import "server-only";
import { previousPeriod } from "@/domain/billing/billing-period";
import { milliText, normalizeDecimal } from "@/domain/billing/decimal-text";
import { currentOf } from "@/domain/billing/invoice-versions";
import { addYears, type Resolution } from "@/domain/time/zoned";
import { readSeriesForPeriod } from "@/server/metering/read-series";
import type { ChunkReads, ContractRow, ExistingInvoice, RunContext } from "./billing-run-types";
import { loadStoredInvoices } from "./invoice-rows";
import { loadInvoicesOf } from "./load-invoices-of";

/**
 * What rating the contracts needs, into `reads`: their energy (and district heating volume) series
 * over the period, for a quarterly run last year's consumption and the aconto prepaid for the
 * quarter, and the stored invoices `correctedIds` that a correction credits.
 */
export async function readForRating(ctx: RunContext, contracts: ContractRow[], correctedIds: string[], reads: ChunkReads): Promise<void> {
  const series = await ctx.db.$queryRawUnsafe<{ id: string; installationId: string; quantity: string; resolution: Resolution }[]>(
    `SELECT "id"::text AS id, "installationId"::text AS "installationId", "quantity"::text AS quantity, "resolution"::text AS resolution
     FROM "MeterSeries" WHERE "installationId" = ANY($1::uuid[]) AND "quantity" IN ('ENERGY_KWH', 'VOLUME_M3')
     ORDER BY "resolution" DESC`,
    [...new Set(contracts.map((c) => c.installationId))],
  );
  const energyOf = new Map<string, string>();
  const volumeOf = new Map<string, { id: string; resolution: Resolution }>();
  const byInstallation = new Map(contracts.map((c) => [c.installationId, c]));
  for (const s of series) {
    const contract = byInstallation.get(s.installationId)!;
    if (s.quantity === "ENERGY_KWH" && s.resolution === contract.resolution) energyOf.set(s.installationId, s.id);
    // PT1H sorts before PT15M (DESC): an hourly volume series is preferred.
    if (s.quantity === "VOLUME_M3" && !volumeOf.has(s.installationId)) volumeOf.set(s.installationId, { id: s.id, resolution: s.resolution });
  }
  const requests = contracts.flatMap((c) => {
    const id = energyOf.get(c.installationId);
    return id ? [{ seriesId: id, timeZone: c.timeZone, resolution: c.resolution }] : [];
  });
  const volumeRequests = contracts.flatMap((c) => {
    const v = volumeOf.get(c.installationId);
    return v && c.priceProducts.some((p) => p.startsWith("DH")) ? [{ seriesId: v.id, timeZone: c.timeZone, resolution: v.resolution }] : [];
  });
  const values = await readSeriesForPeriod(ctx.db, [...requests, ...volumeRequests], ctx.period.from, ctx.period.to);
  for (const c of contracts) {
    const e = energyOf.get(c.installationId);
    if (e && values.has(e)) reads.energy.set(c.id, values.get(e)!);
    const v = volumeOf.get(c.installationId);
    if (v && values.has(v.id)) reads.volume.set(c.id, values.get(v.id)!);
  }

  if (ctx.cycle === "QUARTERLY_ACONTO") {
    // Last year's consumption for the aconto: complete local days in the year ending with the quarter.
    const ids = [...energyOf.values()];
    if (ids.length) {
      const rows = await ctx.db.$queryRawUnsafe<{ seriesId: string; days: number; wh: number }[]>(
        `SELECT "seriesId"::text AS "seriesId", count(*)::int AS days, round(sum("sum") * 1000)::float8 AS wh
         FROM "MeterDay"
         WHERE "seriesId" = ANY($1::uuid[]) AND "day" >= $2::date AND "day" < $3::date AND NOT ('NaN'::float8 = ANY("values"))
         GROUP BY "seriesId"`,
        ids,
        addYears(ctx.period.to, -1),
        ctx.period.to,
      );
      const bySeries = new Map(rows.map((r) => [r.seriesId, r]));
      for (const c of contracts) {
        const row = bySeries.get(energyOf.get(c.installationId) ?? "");
        if (row) reads.annual.set(c.id, { wh: row.wh, days: row.days });
      }
    }
    // The aconto prepaid for this quarter: the ACONTO_NEXT lines of the previous quarter's current bill.
    const previous = previousPeriod(ctx.cycle, ctx.period);
    const before = await loadInvoicesOf(ctx.db, contracts, previous);
    const prepaidIds = new Map<string, ExistingInvoice>();
    for (const versions of before.values()) {
      const current = currentOf(versions);
      if (current) prepaidIds.set(current.id, current);
    }
    const stored = await loadStoredInvoices(ctx.db, [...prepaidIds.keys()]);
    for (const [id, invoice] of prepaidIds) {
      const lines = (stored.get(id)?.lines ?? [])
        .filter((l) => l.code === "ACONTO_NEXT")
        .map((l) => ({
          quantity: milliText(l.quantity),
          unitPriceMinor: normalizeDecimal(l.unitPriceMinor),
          amountMinor: l.amountMinor,
          vatRatePercent: normalizeDecimal(l.vatRate),
          vatAmountMinor: l.vatAmountMinor,
        }));
      reads.prepaid.set(invoice.contractId, { invoiceId: id, invoiceNumber: invoice.invoiceNumber, lines });
    }
  }

  if (correctedIds.length) {
    for (const [id, stored] of await loadStoredInvoices(ctx.db, correctedIds)) reads.stored.set(id, stored);
  }
}
