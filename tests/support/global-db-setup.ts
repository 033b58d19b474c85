// Gives the integration tests a freshly migrated database: embedded PGlite (TEST_DB=pglite, the
// default) or a new database on the PostgreSQL server at TEST_POSTGRES_URL (TEST_DB=postgres).
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../scripts/lib/migrate";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./throwaway-database";

let database: ThrowawayDatabase | undefined;

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB ?? "pglite";
  database = await createThrowawayDatabase(kind === "postgres" ? "postgres" : "pglite", `mina_sidor_test_${Date.now()}_${process.pid}`);
  const url = database.url;
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("databaseKind", kind);
  return async () => {
    await database?.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: string;
  }
}
