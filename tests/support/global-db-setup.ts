// Gives the integration tests a freshly migrated database: embedded PGlite (TEST_DB=pglite, the
// default) or a new database on the PostgreSQL server at TEST_POSTGRES_URL (TEST_DB=postgres).
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedDb, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrate";

let embedded: EmbeddedDb | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB ?? "pglite";
  let url: string;
  if (kind === "postgres") {
    const admin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `mina_sidor_test_${Date.now()}_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    embedded = await startEmbeddedDb();
    url = embedded.url;
  }
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("databaseKind", kind);
  return async () => {
    await dropDatabase?.();
    await embedded?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: string;
  }
}
