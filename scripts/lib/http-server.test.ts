import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LARGEST_BODY_LIMIT } from "../../src/domain/http/body-limits";
import { clientAddressFromChain, parseTrustedProxies, type TrustedProxies } from "../../src/domain/http/client-address";
import { createPortalServer, LINGER_MS } from "./http-server";

// The portal's server in front of a handler that answers with what the app would read: the
// client's address and the forwarding headers, over a real socket from 127.0.0.1.
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function ask(proxies: TrustedProxies, headers: Record<string, string>) {
  const server = createPortalServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ client: clientAddressFromChain(req.headers["x-forwarded-for"] as string, proxies), proto: req.headers["x-forwarded-proto"] ?? null, realIp: req.headers["x-real-ip"] ?? null }));
  }, proxies);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ client: string | null; proto: string | null; realIp: string | null }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the portal's server, asked by a client that makes up where it comes from", () => {
  it("gives the app the socket's address, not the client's X-Forwarded-For or X-Real-IP", async () => {
    const seen = await ask(parseTrustedProxies(""), { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10", "x-forwarded-proto": "https" });
    expect(seen).toEqual({ client: "127.0.0.1", proto: null, realIp: null });
  });

  it("believes the chain when the peer is a configured proxy, up to the right-most untrusted hop", async () => {
    const seen = await ask(parseTrustedProxies("127.0.0.1"), { "x-forwarded-for": "198.51.100.1, 203.0.113.9", "x-forwarded-proto": "https" });
    expect(seen).toEqual({ client: "203.0.113.9", proto: "https", realIp: null });
  });
});

// Issue 10, item 8: the first fence against large bodies, before Next.js sees the request.
describe("the portal's server, sent a body larger than any route accepts", () => {
  async function serve(handler: Parameters<typeof createPortalServer>[0]) {
    const server = createPortalServer(handler, parseTrustedProxies(""));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    close = () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return (server.address() as AddressInfo).port;
  }

  type Answer = { status: number; type: string | undefined; body: string; closedAfterMs: Promise<number> };

  /**
   * Declares `length` bytes and keeps sending (as a client that does not wait would) until the
   * answer arrives: the answer must come without waiting for the rest, and must not be lost.
   */
  function declare(port: number, path: string, length: number, chunked = false) {
    return new Promise<Answer>((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: "127.0.0.1", port, path, method: "POST", headers: chunked ? {} : { "content-length": String(length) } }, (res) => {
        answered = true;
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], body, closedAfterMs: closed }));
      });
      const closed = new Promise<number>((done) => req.on("socket", (s) => s.once("close", () => done(performance.now() - started))));
      let answered = false;
      let sent = 0;
      req.on("error", (e) => {
        if (!answered) reject(e);
      });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!answered && sent + chunk.length <= length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
      };
      pump();
      setTimeout(() => reject(new Error("no answer within 2 s")), 2000).unref();
    });
  }

  it("answers 413 from a declared Content-Length at once, without calling the app, in each path's error shape", async () => {
    let called = 0;
    const port = await serve((_req, res) => {
      called++;
      res.end("app");
    });
    const api = await declare(port, "/api/v1/oauth/token", 200 * 1024 * 1024);
    expect(api.status).toBe(413);
    expect(api.type).toBe("application/problem+json");
    expect(JSON.parse(api.body)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", type: "urn:minasidor:problem:PAYLOAD_TOO_LARGE" });
    // The rest is thrown away for a moment, then the connection is closed.
    expect(await api.closedAfterMs).toBeLessThan(LINGER_MS + 1000);
    const portal = await declare(port, "/support/import", LARGEST_BODY_LIMIT + 1);
    expect(portal.status).toBe(413);
    expect(JSON.parse(portal.body)).toEqual({ error: "PAYLOAD_TOO_LARGE" });
    expect(called).toBe(0);
  });

  it("lets a body of the largest limit through to the app", async () => {
    const port = await serve((_req, res) => void res.end("app"));
    const answer = await declare(port, "/api/support/meter-imports", LARGEST_BODY_LIMIT);
    expect(answer).toMatchObject({ status: 200, body: "app" });
  });

  it("closes the connection soon after the app answers before the body has arrived, so the rest is never read to its end", async () => {
    const port = await serve((req, res) => {
      // As a route's bounded reader does: reads a little, then answers and stops reading.
      req.once("readable", () => {
        req.read();
        res.statusCode = 413;
        res.end("too large");
      });
    });
    const answer = await declare(port, "/api/v1/consent-requests", 200 * 1024 * 1024, true);
    expect(answer).toMatchObject({ status: 413, body: "too large" });
    expect(await answer.closedAfterMs).toBeLessThan(LINGER_MS + 1000);
  });
});
