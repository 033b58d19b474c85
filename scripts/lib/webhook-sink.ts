// A local webhook receiver for development, the demo and tests: accepts POSTs to /webhooks/<name>,
// keeps each as JSON (in memory and, when given a folder, one file per call) and answers 204, or
// what `respond` says — so tests can play a receiver that is down and comes back, or one that
// never answers ("hang": the call stays open until the sender gives up).
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** `answered` is 0 while the call is open without an answer; `closedAt` is when it was answered or dropped. */
export type SunkWebhook = { receivedAt: string; closedAt: string | null; path: string; signature: string | null; eventId: string | null; eventType: string | null; raw: string; body: unknown; answered: number };

/** `maxOpen`: the most calls that were open at the same time. */
export type WebhookSink = { url: string; port: number; received: SunkWebhook[]; readonly maxOpen: number; stop: () => Promise<void> };

export const DEFAULT_WEBHOOK_SINK_PORT = 3902;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startWebhookSink(
  options: { port?: number; dir?: string; respond?: (hook: Omit<SunkWebhook, "answered" | "closedAt">) => number | "hang" } = {},
): Promise<WebhookSink> {
  const received: SunkWebhook[] = [];
  let open = 0;
  let maxOpen = 0;
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.startsWith("/webhooks/")) {
      res.writeHead(404).end();
      return;
    }
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : null);
    const hook = { receivedAt: new Date().toISOString(), path: req.url, signature: header("minasidor-signature"), eventId: header("minasidor-event-id"), eventType: header("minasidor-event-type"), raw, body };
    const entry: SunkWebhook = { ...hook, closedAt: null, answered: 0 };
    received.push(entry);
    res.on("close", () => {
      open -= 1;
      entry.closedAt = new Date().toISOString();
    });
    const status = options.respond?.(hook) ?? 204;
    if (status === "hang") return;
    entry.answered = status;
    if (options.dir) writeFileSync(path.join(options.dir, `${Date.now()}-${received.length}.json`), JSON.stringify(entry, null, 2));
    res.writeHead(status).end();
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
  let port: number;
  try {
    port = await listen(options.port ?? 0);
  } catch (error) {
    // The wished-for port is taken (another checkout's demo): any free one will do.
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || !options.port) throw error;
    port = await listen(0);
  }
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    port,
    received,
    get maxOpen() {
      return maxOpen;
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Calls left hanging would keep the server open.
        server.closeAllConnections();
      }),
  };
}
