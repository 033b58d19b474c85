import "server-only";
// Stores VAT rates with validity (src/domain/billing/price-list.ts `VatRate`) as VatRate rows,
// validated first. A change of rate is a NEW row from the day it applies, as for price lists.
import { randomUUID } from "node:crypto";
import { validateVatRate, type VatRate } from "@/domain/billing/price-list";
import type { Db } from "@/server/db/create-client";

/** Inserts the rates in one statement; returns the new row ids in order. Throws on an invalid rate. */
export async function storeVatRates(db: Pick<Db, "$executeRawUnsafe">, rates: readonly VatRate[]): Promise<string[]> {
  if (rates.length === 0) return [];
  for (const rate of rates) validateVatRate(rate);
  const ids = rates.map(() => randomUUID());
  await db.$executeRawUnsafe(
    `INSERT INTO "VatRate" ("id", "market", "ratePercent", "validFrom", "validTo")
     SELECT t.id, t.market::"Market", t.rate::numeric, t.valid_from, t.valid_to
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[]) AS t(id, market, rate, valid_from, valid_to)`,
    ids,
    rates.map((r) => r.market),
    rates.map((r) => r.ratePercent),
    rates.map((r) => r.validFrom),
    rates.map((r) => r.validTo),
  );
  return ids;
}
