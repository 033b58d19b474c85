import "server-only";
// The one wrapper for the third-party API's route handlers (/api/v1): bearer token, rate limit,
// zod for the query and body, and every failure as RFC 9457 problem details with a stable `code`.
import type { z } from "zod";
import { BODY_LIMITS } from "@/domain/http/body-limits";
import { problemResponse } from "@/server/boundary/problem";
import { consumeRateLimit, type RateDecision } from "@/server/boundary/rate-limit";
import { readBodyText, refuseDeclaredTooLarge } from "@/server/boundary/read-body";
import { env } from "@/server/env";
import { ApiError } from "./api-error";
import { authenticateBearer } from "./api-credentials";
import { apiProblems } from "./api-problem";
import type { ThirdPartyActor } from "./third-party-actor";

function rateHeaders(rate: RateDecision): Record<string, string> {
  return { "X-RateLimit-Limit": String(rate.limit), "X-RateLimit-Remaining": String(rate.remaining) };
}

type Context<Q, B> = { actor: ThirdPartyActor; query: Q; body: B; params: Record<string, string>; now: Date; request: Request };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
        query = schemas.query.parse(Object.fromEntries(new URL(request.url).searchParams));
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
        body = schema!.parse(json);
      }
      const response = await handler({ actor, query: query as never, body: body as never, params, now, request });
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      return response;
    } catch (error) {
      return problemResponse(error, apiProblems, `third-party API ${path}`, headers);
    }
  };
}

/** A JSON answer with the API's cache rule. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("Cache-Control", "no-store");
  return Response.json(body, { status, headers: h });
}

