import "server-only";
// The one reader of request bodies for route handlers (issue 10, item 8): a body larger than the
// route accepts is refused before anything parses it, at once when Content-Length says so and
// after `limit` bytes when it streams without one (chunked). `request.text()`, `.json()` and
// `.formData()` would read whatever a client sends into memory first.
import { NextRequest } from "next/server";
import { bodyTooLargeAnswer, bodyTooLargeDetail, declaredBodyLength } from "@/domain/http/body-limits";

/** A body over its route's limit; the route answers 413 (see `refusingLargeBodies`). */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(bodyTooLargeDetail(limit));
    this.name = "BodyTooLarge";
  }
}

export const isBodyTooLarge = (e: unknown): e is BodyTooLarge => e instanceof BodyTooLarge;

/** Throws BodyTooLarge when the request declares a longer body than `limit`. */
export function refuseDeclaredTooLarge(request: Request, limit: number): void {
  const declared = declaredBodyLength(request.headers.get("content-length"));
  if (declared !== null && declared > limit) throw new BodyTooLarge(limit);
}

/**
 * The body as a stream that fails with BodyTooLarge once more than `limit` bytes have arrived.
 * The rest is left unread rather than cancelled: cancelling destroys the socket before the 413
 * answer could be written. After the answer the portal's server throws the rest away for a moment
 * and closes the connection (scripts/lib/http-server.ts), so a 200 MB body is never read to its end.
 */
export function boundedBody(request: Request, limit: number): ReadableStream<Uint8Array> {
  refuseDeclaredTooLarge(request, limit);
  const source = request.body;
  if (!source) return new ReadableStream({ start: (controller) => controller.close() });
  const reader = source.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      if (received > limit) {
        reader.releaseLock();
        return controller.error(new BodyTooLarge(limit));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The whole body, at most `limit` bytes (else BodyTooLarge). */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = boundedBody(request, limit).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The body as UTF-8 text, at most `limit` bytes. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limit));
}

/**
 * The same request with its body read (at most `limit` bytes), for handlers that read the body
 * themselves (next-auth calls `req.text()`).
 */
export async function withBoundedBody(request: NextRequest, limit: number): Promise<NextRequest> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBody(request, limit);
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new NextRequest(request.url, { method: request.method, headers, body, signal: request.signal });
}

/**
 * Wraps a route handler so that a BodyTooLarge thrown anywhere inside it is answered with 413 in
 * the shape the path's clients read (problem details under /api/v1, `{ error }` elsewhere).
 */
export function refusingLargeBodies<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (!isBodyTooLarge(error)) throw error;
      return bodyTooLargeResponse(new URL(request.url).pathname, error.limit);
    }
  };
}

function bodyTooLargeResponse(pathname: string, limit: number): Response {
  const { contentType, body } = bodyTooLargeAnswer(pathname, limit);
  return new Response(body, { status: 413, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
