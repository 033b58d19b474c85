// The embedded database serves several connections at once (the web server's pool, the worker, the
// seed): their queries must not mix. pglite-socket runs every connection's messages through one
// PGlite session, and without keepExtendedQueriesTogether (./embedded-db.ts) the Parse/Bind/Execute
// messages of two connections' parameterised queries interleave (electric-sql/pglite#1046):
// "bind message supplies 1 parameters, but prepared statement requires 2", or another connection's
// rows. The first test sends the messages in the order that goes wrong, over the wire protocol.
import { connect, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDb, type EmbeddedDb } from "./embedded-db";

let embedded: EmbeddedDb;
beforeAll(async () => {
  embedded = await startEmbeddedDb();
});
afterAll(async () => embedded.stop());

// ---- A minimal PostgreSQL wire-protocol client, to send a query's messages in separate parts ----

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const cstr = (s: string) => Buffer.from(`${s}\0`, "utf8");
const message = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
};
const parse = (sql: string) => message("P", cstr(""), cstr(sql), int16(0));
const bind = (params: string[]) => message("B", cstr(""), cstr(""), int16(0), int16(params.length), ...params.flatMap((p) => [int32(Buffer.byteLength(p)), Buffer.from(p)]), int16(0));
const execute = () => message("E", cstr(""), int32(0));
const flush = () => message("H");
const sync = () => message("S");

type Wire = { socket: Socket; received: { type: string; body: Buffer }[]; until: (type: string) => Promise<{ type: string; body: Buffer }[]> };

async function wire(url: string): Promise<Wire> {
  const u = new URL(url);
  const socket = connect(Number(u.port), u.hostname);
  const received: { type: string; body: Buffer }[] = [];
  let buffer = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
      const length = buffer.readInt32BE(1);
      received.push({ type: String.fromCharCode(buffer[0]!), body: buffer.subarray(5, 1 + length) });
      buffer = buffer.subarray(1 + length);
    }
    waiter?.();
  });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  const startup = Buffer.concat([int32(196608), cstr("user"), cstr("postgres"), cstr("database"), cstr("postgres"), Buffer.from([0])]);
  socket.write(Buffer.concat([int32(startup.length + 4), startup]));
  const until = async (type: string) => {
    const deadline = Date.now() + 5_000;
    while (!received.some((m) => m.type === type)) {
      if (Date.now() > deadline) throw new Error(`no ${type} message within 5 s (got ${received.map((m) => m.type).join("")})`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    const index = received.findIndex((m) => m.type === type);
    return received.splice(0, index + 1);
  };
  await until("Z");
  return { socket, received, until };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dataRows = (messages: { type: string; body: Buffer }[]) =>
  messages.filter((m) => m.type === "D").map((m) => m.body.subarray(6, 6 + m.body.readInt32BE(2)).toString("utf8"));
const errors = (messages: { type: string; body: Buffer }[]) => messages.filter((m) => m.type === "E").map((m) => m.body.toString("utf8").replace(/\0/g, " ").trim());

describe("the embedded database with several connections", () => {
  it("keeps one connection's Parse, Bind and Execute together while another connection sends a query in between", async () => {
    const a = await wire(embedded.url);
    const b = await wire(embedded.url);
    try {
      // A prepares its unnamed statement and pauses before binding it…
      a.socket.write(Buffer.concat([parse("SELECT $1::text AS v"), flush()]));
      await a.until("1");
      // …while B sends a whole query of another shape…
      b.socket.write(Buffer.concat([parse("SELECT $1::int + $2::int AS v"), bind(["2", "3"]), execute(), sync()]));
      await pause(150);
      // …then A binds and runs its own statement.
      a.socket.write(Buffer.concat([bind(["mitt eget"]), execute(), sync()]));
      const fromA = await a.until("Z");
      const fromB = await b.until("Z");
      expect(errors(fromA)).toEqual([]);
      expect(dataRows(fromA)).toEqual(["mitt eget"]);
      expect(errors(fromB)).toEqual([]);
      expect(dataRows(fromB)).toEqual(["5"]);
    } finally {
      a.socket.destroy();
      b.socket.destroy();
    }
  });

  it("lets the others go on when a connection leaves in the middle of its query", async () => {
    const a = await wire(embedded.url);
    const b = await wire(embedded.url);
    a.socket.write(Buffer.concat([parse("SELECT $1::text AS v"), flush()]));
    await a.until("1");
    a.socket.destroy();
    await pause(100);
    b.socket.write(Buffer.concat([parse("SELECT $1::int * 2 AS v"), bind(["21"]), execute(), sync()]));
    const fromB = await b.until("Z");
    expect(dataRows(fromB)).toEqual(["42"]);
    b.socket.destroy();
  });

  it("answers concurrent parameterised queries from different connections each with its own result", async () => {
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new pg.Client({ connectionString: embedded.url });
        await c.connect();
        return c;
      }),
    );
    try {
      const rounds = 60;
      const work = clients.map(async (client, k) => {
        const results: string[] = [];
        for (let i = 0; i < rounds; i++) {
          // Different parameter counts per connection, so a mixed-up statement cannot pass.
          const params = Array.from({ length: k + 1 }, (_, j) => `${k}-${i}-${j}`);
          const sql = `SELECT concat_ws('|', ${params.map((_, j) => `$${j + 1}::text`).join(", ")}) AS v`;
          const { rows } = await client.query<{ v: string }>(sql, params);
          results.push(rows[0]!.v);
        }
        return results;
      });
      const all = await Promise.all(work);
      all.forEach((results, k) => {
        expect(results).toEqual(Array.from({ length: rounds }, (_, i) => Array.from({ length: k + 1 }, (_, j) => `${k}-${i}-${j}`).join("|")));
      });
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it("keeps serving the others when a connection drops in the middle of a query", async () => {
    const a = new pg.Client({ connectionString: embedded.url });
    const b = new pg.Client({ connectionString: embedded.url });
    await a.connect();
    await b.connect();
    const pending = a.query("SELECT pg_sleep(0.05), $1::int AS n", [1]).catch(() => null);
    a.end().catch(() => {});
    await pending;
    const { rows } = await b.query<{ n: number }>("SELECT $1::int + $2::int AS n", [2, 3]);
    expect(rows[0]!.n).toBe(5);
    await b.end();
  });
});
