// Shared benchmark helpers. The machines are shared and noisy: compare candidates side by side in
// one run and report medians of several repetitions.
export type BenchLine = { case: string; [figure: string]: string | number | boolean | null };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, minimum and maximum in ms of `reps` runs after `warmup` unmeasured ones. */
export async function timed(fn: () => Promise<unknown>, reps: number, warmup = 2): Promise<{ median: number; min: number; max: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: round(median(times)), min: round(Math.min(...times)), max: round(Math.max(...times)) };
}

export type BenchDbKind = "postgres" | "pglite";

/** The PostgreSQL server the benchmarks make their databases on. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Whether the PostgreSQL server answers within `timeoutMs`. */
export async function postgresReachable(timeoutMs = 2_000): Promise<boolean> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: timeoutMs });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** `withBenchDatabase` on the PostgreSQL server, or the case reported as skipped when the server does not answer. */
export async function onPostgresOrSkip(benchCase: string, name: string, body: (url: string) => Promise<void>): Promise<void> {
  if (!(await postgresReachable(3_000))) {
    report({ case: benchCase, skipped: `PostgreSQL server not reachable at ${POSTGRES_ADMIN_URL}` });
    return;
  }
  await withBenchDatabase("postgres", name, body);
}

/**
 * Migrates the database at `url` and points the app's db module at it: the module reads
 * DATABASE_URL on first use and keeps one client per process, so an earlier one is closed.
 */
export async function pointAppAtDatabase(url: string): Promise<void> {
  const { applyMigrations } = await import("../scripts/lib/migrate");
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  await releaseAppDatabase();
}

/** Closes the app's db module's client, so that the next use opens one on DATABASE_URL. */
export async function releaseAppDatabase(): Promise<void> {
  const holder = globalThis as unknown as { minaSidorDb?: { $disconnect(): Promise<void> } };
  await holder.minaSidorDb?.$disconnect();
  delete holder.minaSidorDb;
}

/**
 * Runs `body` with the URL of a throwaway database: a new database `name` on the PostgreSQL server
 * at TEST_POSTGRES_URL (dropped afterwards), or an in-memory PGlite.
 */
export async function withBenchDatabase(kind: BenchDbKind, name: string, body: (url: string) => Promise<void>): Promise<void> {
  const { createThrowawayDatabase } = await import("../tests/support/throwaway-database");
  const database = await createThrowawayDatabase(kind, name);
  try {
    await body(database.url);
  } finally {
    await database.drop();
  }
}

export function report(line: BenchLine): void {
  console.log(JSON.stringify(line));
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
