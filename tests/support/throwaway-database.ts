// A database of its own for a test run, a test file or a benchmark: a new database on the
// PostgreSQL server at TEST_POSTGRES_URL (dropped afterwards), or an in-memory embedded PGlite.
import pg from "pg";
import { startEmbeddedDb } from "../../scripts/lib/embedded-db";

export type ThrowawayDatabase = { url: string; drop: () => Promise<void> };

export async function createThrowawayDatabase(kind: "postgres" | "pglite", name: string): Promise<ThrowawayDatabase> {
  if (kind === "pglite") {
    const embedded = await startEmbeddedDb();
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const admin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${name}"`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
