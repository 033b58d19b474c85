import "server-only";
// PriceList rows → domain price lists (src/domain/billing/price-list.ts), validated once per run.
//
// `PriceList.product` is the TARIFF KEY that contracts name in `Contract.priceProducts`: the domain
// product ("SE_GRID", "DH", …), optionally followed by ":" and a variant when a market has several
// tariffs of one product ("SE_SUPPLY:SPOT", "SE_SUPPLY:FIXED", "DH:COMPANY", "DH:COOLING"). The
// `definition` JSON is a domain price list object whose `product` must be that domain product; the
// row's id, name, currency and validity are authoritative (the domain list gets the row id, so
// invoice lines name PriceList rows). Docs: docs/decisions/008-billing-runs.md.
import { createHash } from "node:crypto";
import { PRODUCTS, validatePriceList, type PriceList, type Product } from "@/domain/billing/price-list";
import type { RawQueryable } from "@/server/metering/read-series";

export type LoadedPriceList = {
  id: string;
  /** Tariff key as stored (e.g. "DH:COOLING"). */
  key: string;
  area: string | null;
  name: string;
  validFrom: string;
  validTo: string | null;
  createdAt: Date;
  /** sha256 of the definition (first 16 hex digits): the row's version in rating hashes. */
  version: string;
  /** The validated domain list, or the reason it cannot be used. */
  list: PriceList | null;
  error: string | null;
};

/** The domain product of a tariff key: "DH:COOLING" → "DH"; null when it names no product. */
export function productOfKey(key: string): Product | null {
  const product = key.split(":")[0] as Product;
  return PRODUCTS.includes(product) ? product : null;
}

type Row = {
  id: string;
  product: string;
  area: string | null;
  currency: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  definition: unknown;
  createdAt: Date;
};

/** Every PriceList row, each validated (a broken row is kept with its error, not thrown). */
export async function loadPriceLists(db: RawQueryable): Promise<LoadedPriceList[]> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT "id"::text AS id, "product", "area", "currency"::text AS currency, "name",
            to_char("validFrom", 'YYYY-MM-DD') AS "validFrom", to_char("validTo", 'YYYY-MM-DD') AS "validTo",
            "definition", "createdAt"
     FROM "PriceList" ORDER BY "product", "validFrom", "id"`,
  );
  return rows.map(toLoaded);
}

function toLoaded(row: Row): LoadedPriceList {
  const definition = typeof row.definition === "string" ? (JSON.parse(row.definition) as unknown) : row.definition;
  const version = createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 16);
  const base = {
    id: row.id,
    key: row.product,
    area: row.area,
    name: row.name,
    validFrom: row.validFrom,
    validTo: row.validTo,
    createdAt: row.createdAt,
    version,
  };
  const what = `Price list ${row.id} (${row.product}, ${row.name})`;
  const product = productOfKey(row.product);
  if (!product) return { ...base, list: null, error: `${what}: the product ${JSON.stringify(row.product)} names no known product (${PRODUCTS.join(", ")}, optionally with ":variant")` };
  if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
    return { ...base, list: null, error: `${what}: the definition is not a price list object` };
  }
  const def = definition as Partial<PriceList>;
  if (def.product !== product) {
    return { ...base, list: null, error: `${what}: the definition is for ${JSON.stringify(def.product)}, the row for ${product}` };
  }
  const list = { ...def, id: row.id, name: row.name, validFrom: row.validFrom, validTo: row.validTo, currency: row.currency } as PriceList;
  try {
    validatePriceList(list);
  } catch (error) {
    return { ...base, list: null, error: (error as Error).message };
  }
  return { ...base, list, error: null };
}

/**
 * The lists a contract is rated with: rows whose tariff key is one of `keys` and whose area is the
 * installation's price area or null, each cut to the days it is in force. Rows are never edited: a
 * price correction is a NEW row for the days concerned, and where rows of one key overlap, the one
 * created later wins on the overlapping days (rows created at the same instant that overlap are a
 * data error, reported by the rating). Throws a plain reason when a key has no row or a row is broken.
 */
export function priceListsFor(all: readonly LoadedPriceList[], keys: readonly string[], area: string): LoadedPriceList[] {
  const out: LoadedPriceList[] = [];
  for (const key of keys) {
    const rows = all.filter((l) => l.key === key && (l.area === null || l.area === area));
    if (rows.length === 0) throw new PriceListLookupError("MISSING_PRICE", `No price list for product ${key} in price area ${area}`);
    const broken = rows.find((r) => r.error !== null);
    if (broken) throw new PriceListLookupError("INVALID_INPUT", broken.error!);
    out.push(...inForce(rows));
  }
  return out;
}

/** Each row cut to the days no later row covers (see priceListsFor). */
function inForce(rows: readonly LoadedPriceList[]): LoadedPriceList[] {
  const byAge = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let segments: LoadedPriceList[] = [];
  for (const row of byAge) {
    const next: LoadedPriceList[] = [];
    for (const seg of segments) {
      const overlaps = seg.createdAt.getTime() < row.createdAt.getTime() && seg.validFrom < (row.validTo ?? "9999-12-31") && row.validFrom < (seg.validTo ?? "9999-12-31");
      if (!overlaps) {
        next.push(seg);
        continue;
      }
      if (seg.validFrom < row.validFrom) next.push(clip(seg, seg.validFrom, row.validFrom));
      if (row.validTo !== null && (seg.validTo === null || row.validTo < seg.validTo)) next.push(clip(seg, row.validTo, seg.validTo));
    }
    next.push(row);
    segments = next;
  }
  return segments.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

function clip(row: LoadedPriceList, validFrom: string, validTo: string | null): LoadedPriceList {
  return { ...row, validFrom, validTo, list: row.list ? ({ ...row.list, validFrom, validTo } as PriceList) : null };
}

export class PriceListLookupError extends Error {
  constructor(
    readonly code: "MISSING_PRICE" | "INVALID_INPUT",
    message: string,
  ) {
    super(message);
    this.name = "PriceListLookupError";
  }
}
