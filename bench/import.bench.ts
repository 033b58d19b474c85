// Meter-value import: one million hourly values (115 installations × one year, the last one
// partial) as an in-memory CSV file, imported through the real server function into a throwaway
// database on the PostgreSQL server, and in the same run a plain COPY of the same rows (one row per
// value: series, instant, value, quality) into a temp table, the physical floor to compare with.
//
// Target (issue 3): ≥ 250 000 values/s into the PostgreSQL server. Each repetition starts from
// empty series (TRUNCATE), parses the file, resolves and creates the series, merges and writes; the
// figure is the median. For information: re-importing the same file (every value unchanged), and
// a smaller import into embedded PGlite.
//
// BENCH_IMPORT_DB=postgres|pglite runs only one of the two; BENCH_REPS sets the repetitions (3).
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { localMidnightUtc } from "../src/domain/time/zoned";
import { startEmbeddedDb } from "../scripts/lib/embedded-db";
import { applyMigrations } from "../scripts/lib/migrate";
import { median, onPostgresOrSkip, report, round } from "./lib";


const REPS = Number(process.env.BENCH_REPS ?? 3);
const TARGET = 250_000;
const HOURS_PER_YEAR = 8760;
const HOUR = 3_600_000;

type Fixture = { meteringPointIds: string[]; csv: Uint8Array; copyText: Buffer; values: number };

/** Installations (no values yet) and the CSV and COPY forms of `values` hourly values over them. */
async function prepare(url: string, values: number): Promise<Fixture> {
  const { createPrismaClient } = await import("../src/server/db/create-client");
  const { createCustomer, createInstallation } = await import("../src/fixtures/factories");
  const db = createPrismaClient(url);
  const installations = Math.ceil(values / HOURS_PER_YEAR);
  const customer = await createCustomer(db, { kind: "COMPANY", name: "Importbolaget AB" });
  const meteringPointIds: string[] = [];
  for (let i = 0; i < installations; i++) meteringPointIds.push((await createInstallation(db, { customerId: customer.id })).meteringPointId);
  await db.$disconnect();

  const start = localMidnightUtc("2025-01-01", "Europe/Stockholm").getTime();
  const stamps = Array.from({ length: HOURS_PER_YEAR }, (_, h) => new Date(start + h * HOUR).toISOString().replace(".000Z", "Z"));
  const csvLines = ["metering_point;quantity;resolution;start;value;quality"];
  const copyLines: string[] = [];
  const seriesIds = meteringPointIds.map(() => randomUUID());
  let n = 0;
  for (let s = 0; s < installations && n < values; s++) {
    for (let h = 0; h < HOURS_PER_YEAR && n < values; h++, n++) {
      // A household-like profile with three decimals, as meters report it.
      const value = Math.round((0.3 + 0.9 * Math.abs(Math.sin((h + s) / 7)) + (h % 24 >= 17 && h % 24 <= 20 ? 0.8 : 0)) * 1000) / 1000;
      const quality = h % 500 === 0 ? "estimated" : "measured";
      csvLines.push(`${meteringPointIds[s]};ENERGY_KWH;PT1H;${stamps[h]};${String(value).replace(".", ",")};${quality}`);
      copyLines.push(`${seriesIds[s]}\t${stamps[h]}\t${value}\t${quality === "measured" ? 0 : 1}`);
    }
  }
  return {
    meteringPointIds,
    csv: new TextEncoder().encode(`${csvLines.join("\n")}\n`),
    copyText: Buffer.from(`${copyLines.join("\n")}\n`),
    values: n,
  };
}

async function emptyMeterTables(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`TRUNCATE "MeterValueRevision", "MeterDay", "MeterSeries", "MeterImport"`);
  await c.query(`VACUUM ANALYZE "MeterDay"`).catch(() => {});
  await c.end();
}

async function measureImport(url: string, fixture: Fixture, reps: number) {
  const { createPrismaClient } = await import("../src/server/db/create-client");
  const { importMeterValues } = await import("../src/server/metering/import-meter-values");
  const db = createPrismaClient(url);
  const first: number[] = [];
  const again: number[] = [];
  const phases: Record<string, number[]> = { parse: [], database: [], merge: [], write: [] };
  try {
    for (let r = 0; r < reps; r++) {
      await emptyMeterTables(url);
      const t0 = process.hrtime.bigint();
      const result = await importMeterValues({ fileName: "bench.csv", bytes: fixture.csv }, { db });
      first.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (result.status !== "STORED" || result.counts.stored !== fixture.values) {
        throw new Error(`Benchmark import did not store everything: ${JSON.stringify({ status: result.status, counts: result.counts, problems: result.problems.slice(0, 3) })}`);
      }
      for (const k of Object.keys(phases)) phases[k]!.push(result.timings[k as keyof typeof result.timings]);
      const t1 = process.hrtime.bigint();
      const second = await importMeterValues({ fileName: "bench.csv", bytes: fixture.csv }, { db });
      again.push(Number(process.hrtime.bigint() - t1) / 1e6);
      if (second.counts.unchanged !== fixture.values) throw new Error("Re-import changed values");
    }
  } finally {
    await db.$disconnect();
  }
  return {
    ms: median(first),
    againMs: median(again),
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [`${k}Ms`, round(median(v))])),
    all: first.map((t) => round(t)),
  };
}

async function measureCopy(url: string, fixture: Fixture, reps: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const times: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      await c.query(`DROP TABLE IF EXISTS copy_bench`);
      await c.query(`CREATE TEMP TABLE copy_bench (series_id uuid NOT NULL, interval_start timestamptz NOT NULL, value float8 NOT NULL, quality smallint NOT NULL)`);
      const t0 = process.hrtime.bigint();
      await pipeline(Readable.from([fixture.copyText]), c.query(copyFrom(`COPY copy_bench FROM STDIN`)));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM copy_bench`);
      if (rows[0]!.n !== fixture.values) throw new Error(`COPY loaded ${rows[0]!.n} rows`);
    }
  } finally {
    await c.end();
  }
  return median(times);
}

async function onPostgres() {
  await onPostgresOrSkip("import-1m-postgres", `mina_sidor_bench_${process.pid}`, async (url) => {
    await applyMigrations(url);
    const fixture = await prepare(url, 1_000_000);
    console.error(`# import: ${fixture.values} values in ${fixture.meteringPointIds.length} series, CSV ${round(fixture.csv.length / 1e6, 1)} MB`);
    const copyMs = await measureCopy(url, fixture, REPS);
    const imp = await measureImport(url, fixture, REPS);
    const valuesPerSecond = Math.round(fixture.values / (imp.ms / 1000));
    const copyValuesPerSecond = Math.round(fixture.values / (copyMs / 1000));
    report({
      case: "import-1m-postgres",
      values: fixture.values,
      seconds: round(imp.ms / 1000, 3),
      valuesPerSecond,
      copyValuesPerSecond,
      ratioToCopy: round(valuesPerSecond / copyValuesPerSecond, 3),
      target: TARGET,
      meetsTarget: valuesPerSecond >= TARGET,
      ...imp.phases,
      repetitionsMs: imp.all.join(" "),
    });
    report({
      case: "reimport-1m-unchanged-postgres",
      values: fixture.values,
      seconds: round(imp.againMs / 1000, 3),
      valuesPerSecond: Math.round(fixture.values / (imp.againMs / 1000)),
    });
  });
}

async function onPglite() {
  const embedded = await startEmbeddedDb();
  try {
    await applyMigrations(embedded.url);
    const fixture = await prepare(embedded.url, 100_000);
    const imp = await measureImport(embedded.url, fixture, REPS);
    report({
      case: "import-100k-pglite",
      values: fixture.values,
      seconds: round(imp.ms / 1000, 3),
      valuesPerSecond: Math.round(fixture.values / (imp.ms / 1000)),
      reimportSeconds: round(imp.againMs / 1000, 3),
      ...imp.phases,
    });
  } finally {
    await embedded.stop();
  }
}

export async function run(): Promise<void> {
  const only = process.env.BENCH_IMPORT_DB;
  if (!only || only === "postgres") await onPostgres();
  if (!only || only === "pglite") await onPglite();
}
