import "server-only";
// Imports a spot-price CSV file (docs/spot-price-csv.md) into SpotPrice, all or nothing: a file
// with any problem stores nothing and the report says why, line by line. Prices already stored
// with the same value are left alone; a different value replaces the stored one and is reported
// in `replaced` with the affected months, because invoices of spot contracts in those months may
// need a correction run (`runBilling({ corrections: "all", … })`): spot prices carry no timestamp
// of their own for the correction finder to compare with.
import { parseSpotPriceCsv, SPOT_PRICE_AREAS, type SpotPriceProblem, type SpotPriceRow } from "@/domain/billing/spot-price-csv";
import { localDate } from "@/domain/time/zoned";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";

export type ImportSpotPricesResult = {
  status: "STORED" | "REJECTED";
  received: number;
  stored: number;
  replaced: number;
  unchanged: number;
  problems: SpotPriceProblem[];
  problemCount: number;
  /** Months (local, per area and resolution) where a stored price changed: run corrections for them. */
  changedMonths: { priceArea: string; resolution: "PT15M" | "PT1H"; month: string }[];
  ms: number;
};

const ROWS_PER_STATEMENT = 20_000;

export async function importSpotPrices(input: { fileName: string; bytes: Uint8Array }, options: { db?: Db } = {}): Promise<ImportSpotPricesResult> {
  const started = performance.now();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.bytes);
  } catch {
    return reject(0, [{ code: "NOT_UTF8", message: `${input.fileName} is not UTF-8 text: save it as "CSV UTF-8" and import it again.` }], 1, started);
  }
  const parsed = parseSpotPriceCsv(text);
  if (parsed.problemCount > 0) return reject(parsed.received, parsed.problems, parsed.problemCount, started);
  if (parsed.rows.length === 0) return reject(0, [{ code: "NO_PRICES", message: "The file holds no prices." }], 1, started);

  const client = options.db ?? defaultDb;
  const counts = await client.$transaction(async (tx) => storeSpotPrices(tx as unknown as Db, parsed.rows), { timeout: 10 * 60_000, maxWait: 60_000 });
  return {
    status: "STORED",
    received: parsed.received,
    stored: counts.inserted,
    replaced: counts.updated.length,
    unchanged: parsed.rows.length - counts.inserted - counts.updated.length,
    problems: [],
    problemCount: 0,
    changedMonths: changedMonths(counts.updated),
    ms: Math.round(performance.now() - started),
  };
}

function reject(received: number, problems: SpotPriceProblem[], problemCount: number, started: number): ImportSpotPricesResult {
  return { status: "REJECTED", received, stored: 0, replaced: 0, unchanged: 0, problems, problemCount, changedMonths: [], ms: Math.round(performance.now() - started) };
}

/**
 * Upserts prices: new ones inserted, changed ones replaced, equal ones untouched. Returns the count
 * of inserted rows and the rows whose price changed. Used by the import and the demo seed.
 */
export async function storeSpotPrices(
  db: Pick<Db, "$queryRawUnsafe">,
  rows: readonly Pick<SpotPriceRow, "priceArea" | "resolution" | "startsAt" | "currency" | "priceMinor">[],
): Promise<{ inserted: number; updated: { priceArea: string; resolution: "PT15M" | "PT1H"; startsAt: string }[] }> {
  let inserted = 0;
  const updated: { priceArea: string; resolution: "PT15M" | "PT1H"; startsAt: string }[] = [];
  for (let s = 0; s < rows.length; s += ROWS_PER_STATEMENT) {
    const batch = rows.slice(s, s + ROWS_PER_STATEMENT);
    // Only the count of new rows and the changed rows come back (not every row written).
    const [written] = await db.$queryRawUnsafe<{ inserted: number; updated: { a: string; r: "PT15M" | "PT1H"; t: string }[] | string }[]>(
      `WITH w AS (
         INSERT INTO "SpotPrice" ("priceArea", "resolution", "startsAt", "currency", "priceMinor")
         SELECT t.area, t.res::"Resolution", t.starts, t.cur::"Currency", t.price::numeric
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[]) AS t(area, res, starts, cur, price)
         ON CONFLICT ("priceArea", "resolution", "startsAt") DO UPDATE
           SET "priceMinor" = EXCLUDED."priceMinor", "currency" = EXCLUDED."currency"
           WHERE "SpotPrice"."priceMinor" <> EXCLUDED."priceMinor" OR "SpotPrice"."currency" <> EXCLUDED."currency"
         RETURNING "priceArea", "resolution", "startsAt", (xmax::text = '0') AS inserted)
       SELECT (count(*) FILTER (WHERE inserted))::int AS inserted,
              coalesce(json_agg(json_build_object('a', "priceArea", 'r', "resolution", 't', "startsAt") ORDER BY "priceArea", "resolution", "startsAt") FILTER (WHERE NOT inserted), '[]'::json) AS updated
       FROM w`,
      batch.map((r) => r.priceArea),
      batch.map((r) => r.resolution),
      batch.map((r) => r.startsAt),
      batch.map((r) => r.currency),
      batch.map((r) => r.priceMinor),
    );
    inserted += written?.inserted ?? 0;
    const changed = typeof written?.updated === "string" ? (JSON.parse(written.updated) as { a: string; r: "PT15M" | "PT1H"; t: string }[]) : (written?.updated ?? []);
    for (const u of changed) updated.push({ priceArea: u.a, resolution: u.r, startsAt: new Date(u.t).toISOString() });
  }
  return { inserted, updated };
}

function changedMonths(updated: { priceArea: string; resolution: "PT15M" | "PT1H"; startsAt: string }[]) {
  const seen = new Map<string, { priceArea: string; resolution: "PT15M" | "PT1H"; month: string }>();
  for (const u of updated) {
    const zone = SPOT_PRICE_AREAS[u.priceArea]?.timeZone ?? "Europe/Stockholm";
    const month = localDate(new Date(u.startsAt), zone).slice(0, 7);
    seen.set(`${u.priceArea}|${u.resolution}|${month}`, { priceArea: u.priceArea, resolution: u.resolution, month });
  }
  return [...seen.values()].sort((a, b) => a.month.localeCompare(b.month) || a.priceArea.localeCompare(b.priceArea));
}
