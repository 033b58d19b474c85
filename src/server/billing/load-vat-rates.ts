import "server-only";
// VatRate rows → domain VAT rates, for a billing run. The rating validates them and reports a day
// without a rate as MISSING_PRICE for the contract concerned.
import type { Market, VatRate } from "@/domain/billing/price-list";
import type { RawQueryable } from "@/server/metering/read-series";

/** Every VAT rate, by market (SE, DK, FI) and start; the percentage as written ("25", "25.5"). */
export async function loadVatRates(db: RawQueryable): Promise<VatRate[]> {
  const rows = await db.$queryRawUnsafe<{ market: Market; ratePercent: string; validFrom: string; validTo: string | null }[]>(
    `SELECT "market"::text AS market, trim_scale("ratePercent")::text AS "ratePercent",
            to_char("validFrom", 'YYYY-MM-DD') AS "validFrom", to_char("validTo", 'YYYY-MM-DD') AS "validTo"
     FROM "VatRate" ORDER BY "VatRate"."market", "VatRate"."validFrom", "VatRate"."id"`,
  );
  // The fields in the domain's order: the run's rating hash includes the rates as JSON.
  return rows.map((r) => ({ market: r.market, ratePercent: r.ratePercent, validFrom: r.validFrom, validTo: r.validTo }));
}
