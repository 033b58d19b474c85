import "server-only";
import { createPrismaClient, type Db } from "./create-client";

// One client per server process, created on first use (the build imports this module without a
// database). In development Next reloads modules, so the client lives on globalThis.
const globalForDb = globalThis as unknown as { minaSidorDb?: Db };

function instance(): Db {
  if (!globalForDb.minaSidorDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start the portal with `npm run demo`, which provides the embedded database.");
    globalForDb.minaSidorDb = createPrismaClient(url);
  }
  return globalForDb.minaSidorDb;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = instance();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
