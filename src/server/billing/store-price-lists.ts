import "server-only";
// Stores domain price lists (src/domain/billing/price-list.ts) as PriceList rows, validated first.
// A change of price is a NEW row with its own validity; rows are never edited, so a billing run can
// tell from `createdAt` which invoices were issued before a price arrived (corrections).
import { randomUUID } from "node:crypto";
import { validatePriceList, type PriceList } from "@/domain/billing/price-list";
import type { Db } from "@/server/db/create-client";
import { productOfKey } from "./load-price-lists";

export type PriceListEntry = {
  list: PriceList;
  /** Tariff key contracts name in priceProducts; default the list's product (e.g. "DH:COOLING"). */
  key?: string;
  /** Price area or network; null (default) = the whole market. */
  area?: string | null;
};

/** Inserts the lists in one statement; returns the new row ids in order. Throws on an invalid list. */
export async function storePriceLists(db: Pick<Db, "$executeRawUnsafe">, entries: readonly PriceListEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  for (const entry of entries) {
    validatePriceList(entry.list);
    const key = entry.key ?? entry.list.product;
    if (productOfKey(key) !== entry.list.product) {
      throw new Error(`Tariff key ${JSON.stringify(key)} must be the list's product ${entry.list.product}, optionally followed by ":variant"`);
    }
  }
  const ids = entries.map(() => randomUUID());
  await db.$executeRawUnsafe(
    `INSERT INTO "PriceList" ("id", "product", "area", "currency", "name", "validFrom", "validTo", "definition")
     SELECT t.id, t.product, t.area, t.currency::"Currency", t.name, t.valid_from, t.valid_to, t.definition::jsonb
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[])
       AS t(id, product, area, currency, name, valid_from, valid_to, definition)`,
    ids,
    entries.map((e) => e.key ?? e.list.product),
    entries.map((e) => e.area ?? null),
    entries.map((e) => e.list.currency),
    entries.map((e) => e.list.name),
    entries.map((e) => e.list.validFrom),
    entries.map((e) => e.list.validTo),
    entries.map((e) => JSON.stringify(e.list)),
  );
  return ids;
}
