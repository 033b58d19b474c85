// Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) served on a local TCP port, so the
// app, the migration runner, the seed and the tests all connect with the same driver as to a server.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync } from "node:fs";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

export async function startEmbeddedDb(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  // The default of one connection drops a pool's second connection; Prisma and pg pool several.
  const server = new PGLiteSocketServer({ db, port: options.port ?? 0, host: "127.0.0.1", maxConnections: 64 });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable&connection_limit=8`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
