// How large a request body each kind of route accepts (issue 10, item 8). Every route handler reads
// its body through src/server/boundary/read-body.ts with one of these; the portal's server
// (scripts/lib/http-server.ts) refuses a declared Content-Length above the largest at once.
import { MAX_IMPORT_FILE_BYTES } from "../metering/types";

const KB = 1024;

export const BODY_LIMITS = {
  /** POST /api/v1/oauth/token: grant type, client id, secret and scope. */
  token: 4 * KB,
  /** A consent request: a handful of fields, a purpose text and a few ids. */
  consentRequest: 32 * KB,
  /** /api/v1 routes that take no body (terminate): nothing to read, so very little is accepted. */
  apiWithoutBody: 1 * KB,
  /** next-auth: sign-in forms (CSRF token, e-mail, password, callback URL) and provider callbacks. */
  auth: 16 * KB,
  /** Server actions (every form of the portal); Next's own limit, see next.config.ts. */
  serverAction: 1024 * KB,
  /** The staff upload of a meter-value file: the file plus its multipart framing and form fields. */
  meterImportUpload: MAX_IMPORT_FILE_BYTES + 64 * KB,
} as const;

export const LARGEST_BODY_LIMIT = Math.max(...Object.values(BODY_LIMITS));

/**
 * The Content-Length a request declares, or null when it declares none (chunked, or no body).
 * A malformed value counts as infinitely long: it is refused rather than guessed at.
 */
export function declaredBodyLength(header: string | string[] | null | undefined): number | null {
  if (header === null || header === undefined) return null;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") return null;
  return /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : Number.POSITIVE_INFINITY;
}

/** "4 KB", "32 KB", "50 MB": how a limit is named in messages. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * KB && bytes % (1024 * KB) < 100 * KB) return `${Math.floor(bytes / (1024 * KB))} MB`;
  return `${Math.round(bytes / KB)} KB`;
}

/** The detail text of a 413 answer, the same wherever the body was refused. */
export function bodyTooLargeDetail(limit: number): string {
  return `The request body is larger than this endpoint accepts (at most ${describeBytes(limit)}, ${limit} bytes).`;
}

export const PAYLOAD_TOO_LARGE_TITLE = "The request body is too large";

export type TooLargeAnswer = { contentType: string; body: string };

/**
 * The 413 answer for a path, in the shape its clients read: RFC 9457 problem details with the
 * stable code under /api/v1 (as src/server/third-party/api-route.ts writes them), the portal's
 * `{ error: code }` everywhere else (src/server/boundary/customer-route.ts).
 */
export function bodyTooLargeAnswer(pathname: string, limit: number): TooLargeAnswer {
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) {
    return {
      contentType: "application/problem+json",
      body: JSON.stringify({ type: "urn:minasidor:problem:PAYLOAD_TOO_LARGE", title: PAYLOAD_TOO_LARGE_TITLE, status: 413, code: "PAYLOAD_TOO_LARGE", detail: bodyTooLargeDetail(limit) }),
    };
  }
  return { contentType: "application/json", body: JSON.stringify({ error: "PAYLOAD_TOO_LARGE" }) };
}
