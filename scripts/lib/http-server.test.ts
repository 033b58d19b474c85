import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddressFromChain, parseTrustedProxies, type TrustedProxies } from "../../src/domain/http/client-address";
import { createPortalServer } from "./http-server";

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
