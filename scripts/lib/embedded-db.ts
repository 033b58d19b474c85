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
  keepExtendedQueriesTogether(server);
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

// ---------------------------------------------------------------------------------------------
// pglite-socket (0.2.17) runs every connection's protocol messages through ONE PGlite session, one
// message at a time, and keeps a connection's messages together only inside a transaction. A
// parameterised query is several messages (Parse, Bind, Describe, Execute, Sync) that share the
// session's unnamed prepared statement, so two connections' queries at the same moment interleave:
// B's Parse replaces A's statement before A's Bind ("bind message supplies 4 parameters, but
// prepared statement requires 5", or silently another query's rows). A failing message also left
// its queue stuck for good. Both are electric-sql/pglite#1046, open upstream. The web server's pool
// and the background worker query concurrently, so the embedded database needs both mended: the
// queue below keeps a connection's messages together from its first extended-protocol message to
// its Sync, and keeps going after a failure.

type QueueItem = { handlerId: number; message: Uint8Array; resolve: (bytes: number) => void; reject: (error: unknown) => void; onData: (data: Uint8Array) => void };
type Queue = {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

/** Extended-protocol messages that leave a batch open until the connection's Sync. */
const BATCH_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));

function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: Queue }).queryQueue;
  if (!q || typeof q.processQueue !== "function" || !Array.isArray(q.queue)) {
    throw new Error("pglite-socket's query queue has changed: review keepExtendedQueriesTogether in scripts/lib/embedded-db.ts");
  }
  /** The connection in the middle of a batch, which the others wait for. */
  let inBatch: number | null = null;

  q.processQueue = async function processQueue() {
    if (q.processing || q.queue.length === 0) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const owner = inBatch ?? (q.db.isInTransaction() ? q.lastHandlerId : null);
        const index = owner === null ? 0 : q.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message has not arrived yet: wait for it (its enqueue starts us again).
        if (index === -1) break;
        const [item] = q.queue.splice(index, 1) as [QueueItem];
        let bytes = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          q.lastHandlerId = item.handlerId;
          inBatch = BATCH_MESSAGES.has(item.message[0]!) ? item.handlerId : null;
          item.resolve(bytes);
        } catch (error) {
          // The message failed inside PGlite: that connection's batch is over; the others go on.
          if (inBatch === item.handlerId) inBatch = null;
          item.reject(error);
        }
      }
    } finally {
      q.processing = false;
    }
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away in the middle of a batch must not hold up the others.
    if (inBatch === handlerId) {
      inBatch = null;
      void q.processQueue();
    }
  };
}
