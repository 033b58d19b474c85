import "server-only";
import { createPrismaClient, type Db } from "./create-client";

// One client per server process; in development Next reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { minaSidorDb?: Db };

export const db: Db = globalForDb.minaSidorDb ?? createPrismaClient(requireDatabaseUrl());
if (process.env.NODE_ENV !== "production") globalForDb.minaSidorDb = db;

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set. Start the portal with `npm run demo`, which provides the embedded database.");
  return url;
}
