// The HTTP server in front of Next.js (scripts/serve.ts). It decides what the app may believe about
// where a request came from: `next start` keeps a client's own X-Forwarded-For (it only fills the
// header in when it is missing), so any client could choose the address that throttles, rate
// limits and the audit log see. Here the socket's peer is always appended and the incoming chain is
// kept only from a proxy listed in TRUSTED_PROXIES (decision 010).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { forwardedForHeader, isTrustedPeer, type TrustedProxies } from "../../src/domain/http/client-address";

// Headers only a trusted proxy may set; from anybody else they are the client's invention.
const PROXY_HEADERS = ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip"];

/** Rewrites the forwarding headers of a request as the app must see them. */
export function settleForwardingHeaders(req: IncomingMessage, proxies: TrustedProxies): void {
  if (!isTrustedPeer(req.socket.remoteAddress, proxies)) for (const name of PROXY_HEADERS) delete req.headers[name];
  req.headers["x-forwarded-for"] = forwardedForHeader(req.headers["x-forwarded-for"], req.socket.remoteAddress, proxies);
}

export function createPortalServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  proxies: TrustedProxies,
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void,
): Server {
  const server = createServer((req, res) => {
    settleForwardingHeaders(req, proxies);
    void handle(req, res);
  });
  if (upgrade) {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      settleForwardingHeaders(req, proxies);
      void upgrade(req, socket, head);
    });
  }
  // Longer than the usual load balancer's idle timeout, so it never reuses a socket closed here.
  server.keepAliveTimeout = 65_000;
  return server;
}
