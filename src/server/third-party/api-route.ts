import "server-only";
// The one wrapper for the third-party API's route handlers (/api/v1): bearer token, rate limit,
// zod for the query and body, and every failure as RFC 9457 problem details with a stable `code`.
import { z } from "zod";
import { BODY_LIMITS, bodyTooLargeDetail, PAYLOAD_TOO_LARGE_TITLE } from "@/domain/http/body-limits";
import { env } from "@/server/env";
import { isBodyTooLarge, readBodyText, refuseDeclaredTooLarge } from "@/server/boundary/read-body";
import { ApiError, apiErrorCodes, isApiError, type ApiErrorCode, type FieldIssue } from "./api-error";
import { TransitionRefused } from "./apply-consent-event";
import { authenticateBearer } from "./api-credentials";
import { consumeRateLimit, type RateDecision } from "@/server/boundary/rate-limit";
import type { ThirdPartyActor } from "./third-party-actor";

const TITLES: Record<ApiErrorCode, string> = {
  VALIDATION_FAILED: "The request is not valid",
  UNAUTHENTICATED: "An access token is required",
  INVALID_TOKEN: "The access token is not valid",
  THIRD_PARTY_SUSPENDED: "Access suspended",
  CONSENT_NOT_ACTIVE: "No active consent",
  RESOLUTION_NOT_CONSENTED: "Resolution not consented",
  OUTSIDE_CONSENTED_PERIOD: "Outside the consented period",
  NOT_FOUND: "Not found",
  ILLEGAL_TRANSITION: "Not possible in the current state",
  DUPLICATE_REQUEST: "An open request exists",
  REFERENCE_REUSED: "Reference already used",
  CONCURRENT_CHANGE: "Changed meanwhile",
  PERIOD_TOO_LONG: "Period too long",
  NO_METER_DATA: "No such meter data",
  PAYLOAD_TOO_LARGE: PAYLOAD_TOO_LARGE_TITLE,
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Something went wrong",
};

export function problemResponse(error: ApiError, headers: HeadersInit = {}): Response {
  const body = {
    type: `urn:minasidor:problem:${error.code}`,
    title: TITLES[error.code],
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(error.extra.existingId ? { existingId: error.extra.existingId } : {}),
  };
  const h = new Headers(headers);
  h.set("Content-Type", "application/problem+json");
  h.set("Cache-Control", "no-store");
  if (error.code === "UNAUTHENTICATED") h.set("WWW-Authenticate", 'Bearer realm="minasidor"');
  if (error.code === "INVALID_TOKEN") h.set("WWW-Authenticate", 'Bearer realm="minasidor", error="invalid_token"');
  if (error.extra.retryAfterSeconds) h.set("Retry-After", String(error.extra.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status: error.status, headers: h });
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export function validationError(error: z.ZodError): ApiError {
  return new ApiError("VALIDATION_FAILED", "Some fields are missing or not valid; see errors.", { errors: issuesOf(error) });
}

function rateHeaders(rate: RateDecision): Record<string, string> {
  return { "X-RateLimit-Limit": String(rate.limit), "X-RateLimit-Remaining": String(rate.remaining) };
}

type Context<Q, B> = { actor: ThirdPartyActor; query: Q; body: B; params: Record<string, string>; now: Date; request: Request };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns a thrown error into the answer; unknown errors are logged and answered with INTERNAL. */
export function toProblem(error: unknown, path: string, headers: HeadersInit = {}): Response {
  if (isApiError(error)) return problemResponse(error, headers);
  if (error instanceof TransitionRefused) return problemResponse(new ApiError(error.code === "CONCURRENT_CHANGE" ? "CONCURRENT_CHANGE" : "ILLEGAL_TRANSITION", error.message), headers);
  if (error instanceof z.ZodError) return problemResponse(validationError(error), headers);
  if (isBodyTooLarge(error)) return problemResponse(new ApiError("PAYLOAD_TOO_LARGE", bodyTooLargeDetail(error.limit)), headers);
  console.error(`third-party API ${path} failed`, error);
  return problemResponse(new ApiError("INTERNAL", "An unexpected error; it has been logged. Try again later."), headers);
}

const TAKES_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * `apiRoute({ query, body, bodyLimit }, handler)`: refuses a body over its limit (413: a declared
 * Content-Length at once, a streamed body after `bodyLimit` bytes; BODY_LIMITS.consentRequest for
 * routes with a body schema, BODY_LIMITS.apiWithoutBody for the others), authenticates the bearer
 * token, counts the call against the client's per-minute limit (429 + Retry-After beyond it),
 * parses the query string and the JSON body with the schemas, checks that `params.id` (if any) is
 * a UUID, and maps errors.
 */
export function apiRoute<QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  schemas: { query?: QS; body?: BS | ((now: Date) => BS); bodyLimit?: number },
  handler: (ctx: Context<QS extends z.ZodType ? z.output<QS> : undefined, BS extends z.ZodType ? z.output<BS> : undefined>) => Promise<Response>,
) {
  return async (request: Request, context: { params?: Promise<Record<string, string>> } = {}): Promise<Response> => {
    const now = new Date();
    const path = new URL(request.url).pathname;
    let headers: Record<string, string> = {};
    const bodyLimit = schemas.bodyLimit ?? (schemas.body ? BODY_LIMITS.consentRequest : BODY_LIMITS.apiWithoutBody);
    try {
      if (TAKES_BODY.has(request.method)) refuseDeclaredTooLarge(request, bodyLimit);
      const actor = await authenticateBearer(request.headers.get("authorization"), now);
      const rate = await consumeRateLimit(`api:${actor.apiClientId}`, env().API_RATE_LIMIT_PER_MINUTE, now);
      headers = rateHeaders(rate);
      if (!rate.allowed) {
        throw new ApiError("RATE_LIMITED", `At most ${rate.limit} calls per minute; try again in ${rate.retryAfterSeconds} s.`, { retryAfterSeconds: rate.retryAfterSeconds });
      }
      const params = (await context.params) ?? {};
      if (params.id !== undefined && !uuid.test(params.id)) throw new ApiError("NOT_FOUND", "No consent request with that id is yours.");

      let query: unknown = undefined;
      if (schemas.query) {
        const parsed = schemas.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!parsed.success) throw validationError(parsed.error);
        query = parsed.data;
      }
      let body: unknown = undefined;
      // Read (and bounded) also where no body is expected, so nobody streams megabytes at a route
      // that ignores them.
      const text = TAKES_BODY.has(request.method) ? await readBodyText(request, bodyLimit) : "";
      if (schemas.body) {
        const schema = typeof schemas.body === "function" ? schemas.body(now) : schemas.body;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new ApiError("VALIDATION_FAILED", "The body must be a JSON object.", { errors: [{ path: "(body)", message: "Not valid JSON." }] });
        }
        const parsed = schema!.safeParse(json);
        if (!parsed.success) throw validationError(parsed.error);
        body = parsed.data;
      }
      const response = await handler({ actor, query: query as never, body: body as never, params, now, request });
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      return response;
    } catch (error) {
      return toProblem(error, path, headers);
    }
  };
}

/** A JSON answer with the API's cache rule. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("Cache-Control", "no-store");
  return Response.json(body, { status, headers: h });
}

export { apiErrorCodes };
