// The HTTP server in front of Next.js (scripts/serve.ts). It decides what the app may believe about
// where a request came from: `next start` keeps a client's own X-Forwarded-For (it only fills the
// header in when it is missing), so any client could choose the address that throttles, rate
// limits and the audit log see. Here the socket's peer is always appended and the incoming chain is
// kept only from a proxy listed in TRUSTED_PROXIES (decision 010).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { bodyTooLargeAnswer, declaredBodyLength, LARGEST_BODY_LIMIT } from "../../src/domain/http/body-limits";
import { forwardedForHeader, isTrustedPeer, type TrustedProxies } from "../../src/domain/http/client-address";

// Headers only a trusted proxy may set; from anybody else they are the client's invention.
const PROXY_HEADERS = ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip"];

/** Rewrites the forwarding headers of a request as the app must see them. */
function settleForwardingHeaders(req: IncomingMessage, proxies: TrustedProxies): void {
  if (!isTrustedPeer(req.socket.remoteAddress, proxies)) for (const name of PROXY_HEADERS) delete req.headers[name];
  req.headers["x-forwarded-for"] = forwardedForHeader(req.headers["x-forwarded-for"], req.socket.remoteAddress, proxies);
}

/**
 * The first fence of item 8 (issue 10): a declared Content-Length over the largest body any route
 * accepts is answered 413 here, before Next.js sees the request or a byte of the body is read.
 * Smaller limits per route, and bodies streamed without a length, are the routes' own bounded
 * reader's (src/server/boundary/read-body.ts).
 */
function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): boolean {
  const declared = declaredBodyLength(req.headers["content-length"]);
  if (declared === null || declared <= LARGEST_BODY_LIMIT) return false;
  const { contentType, body } = bodyTooLargeAnswer(new URL(req.url ?? "/", "http://portal").pathname, LARGEST_BODY_LIMIT);
  res.writeHead(413, { "Content-Type": contentType, "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
  return true;
}

/** How long the rest of a body refused early is read and thrown away before the connection is closed. */
export const LINGER_MS = 1000;

/**
 * A response that ends before the request's body has arrived in full (a 413 from the fence above
 * or a route's bounded reader, a redirect before a large upload is looked at): the rest of the body
 * is read and thrown away for at most LINGER_MS, then the connection is closed. Closing at once
 * with unread bytes makes the kernel reset the connection, and the client may lose the answer
 * before reading it; reading on for ever would let a client make the server swallow 200 MB.
 */
function lingerAfterAnsweringEarly(req: IncomingMessage, res: ServerResponse): void {
  res.once("finish", () => {
    if (req.complete) return;
    // A route's bounded reader stopped reading but left its 'readable' listener, which would keep
    // the stream paused; nothing reads this body any more.
    req.removeAllListeners("readable");
    req.removeAllListeners("data");
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.socket.once("close", () => clearTimeout(timer));
  });
}

export function createPortalServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  proxies: TrustedProxies,
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void,
): Server {
  const server = createServer((req, res) => {
    settleForwardingHeaders(req, proxies);
    lingerAfterAnsweringEarly(req, res);
    if (refuseOversizedBody(req, res)) return;
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
