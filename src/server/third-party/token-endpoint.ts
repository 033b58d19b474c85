import "server-only";
// POST /api/v1/oauth/token — OAuth 2.0 client credentials (RFC 6749 section 4.4). The client
// authenticates with HTTP Basic (client_secret_basic) or with client_id and client_secret in the
// form body (client_secret_post); the body is application/x-www-form-urlencoded (or JSON).
import { createHash } from "node:crypto";
import { BODY_LIMITS } from "@/domain/http/body-limits";
import { clientAddress } from "@/server/boundary/client-address";
import { INTERNAL_PROBLEM, problemResponse, type ProblemShape } from "@/server/boundary/problem";
import { consumeRateLimit, peekRateLimit } from "@/server/boundary/rate-limit";
import { readBodyText } from "@/server/boundary/read-body";
import { env } from "@/server/env";
import { authenticateApiClient, mintAccessToken, OAuthError } from "./api-credentials";
import { tokenRequestSchema } from "./schemas";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };
/** Failed token requests are counted in fixed windows of this length (the sign-in throttle's 15 minutes). */
const FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * Counters of failed token requests: per client address (when known) and per claimed client id.
 * Hashed, so a counter row keeps no address and an attacker's arbitrary client id has a bounded key.
 */
function failureKeys(clientId: string, address: string | null): { address: string | null; clientId: string } {
  const h = (v: string) => createHash("sha256").update(v, "utf8").digest("hex");
  return { address: address ? `token-fail:address:${h(address)}` : null, clientId: `token-fail:client:${h(clientId)}` };
}

/**
 * The token endpoint's shape of the boundary's problems: OAuth 2.0 error answers (RFC 6749
 * section 5.2), never cached. A problem the boundary had to answer itself (an unexpected error) is
 * OAuth's server_error.
 */
const oauthProblems: ProblemShape = {
  write: (p) =>
    Response.json(
      p.code === INTERNAL_PROBLEM.code ? { error: "server_error", error_description: "Something went wrong; try again later." } : { error: p.code, error_description: p.message },
      { status: p.status, headers: { ...NO_STORE, ...p.headers } },
    ),
};

function slowDown(reason: string, retryAfterSeconds: number): Response {
  return oauthProblems.write({ status: 429, code: "slow_down", message: `${reason}; try again in ${retryAfterSeconds} s.`, headers: { "Retry-After": String(retryAfterSeconds) } });
}

const serverError = (error: unknown): Response => problemResponse(error, oauthProblems, "token endpoint");

function oauthError(error: OAuthError, status: number, headers: Record<string, string> = {}): Response {
  return oauthProblems.write({ status, code: error.error, message: error.description, headers });
}

/** The form, read through the bounded reader: a body over BODY_LIMITS.token throws BodyTooLarge (413). */
async function readForm(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readBodyText(request, BODY_LIMITS.token);
  if (type.includes("application/json")) {
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      return {};
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return {};
    return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function basicCredentials(header: string | null): { id: string; secret: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  // RFC 6749 section 2.3.1: both parts are form-urlencoded before Base64.
  return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")) };
}

export async function handleTokenRequest(request: Request, now: Date = new Date()): Promise<Response> {
  const form = await readForm(request);
  const basic = basicCredentials(request.headers.get("authorization"));
  const parsed = tokenRequestSchema.safeParse(form);
  if (!parsed.success) {
    const unsupported = typeof form.grant_type === "string" && form.grant_type !== "client_credentials";
    return oauthError(
      new OAuthError(unsupported ? "unsupported_grant_type" : "invalid_request", unsupported ? "Only grant_type=client_credentials is supported." : "Send grant_type=client_credentials with your client credentials."),
      400,
    );
  }
  const clientId = basic?.id ?? parsed.data.client_id;
  const secret = basic?.secret ?? parsed.data.client_secret;
  if (!clientId || !secret) return oauthError(new OAuthError("invalid_client", "Client authentication is required (HTTP Basic or client_id and client_secret)."), 401, { "WWW-Authenticate": 'Basic realm="minasidor"' });
  if (parsed.data.scope !== undefined && parsed.data.scope.split(" ").some((s) => s && s !== "meter-data")) {
    return oauthError(new OAuthError("invalid_scope", "The only scope is meter-data."), 400);
  }
  const failures = failureKeys(clientId, clientAddress(request.headers));
  if (failures.address) {
    // Refused before the secret is looked at: the guessing address is locked, not the client it
    // guesses for, whose own requests come from its own addresses.
    const locked = await peekRateLimit(failures.address, env().API_TOKEN_FAILURES_PER_ADDRESS, now, FAILURE_WINDOW_SECONDS);
    if (!locked.allowed) return slowDown("Too many failed token requests from your address", locked.retryAfterSeconds);
  }
  let apiClientId: string;
  try {
    apiClientId = await authenticateApiClient(clientId, secret, now);
  } catch (error) {
    if (!(error instanceof OAuthError)) return serverError(error);
    if (failures.address) await consumeRateLimit(failures.address, env().API_TOKEN_FAILURES_PER_ADDRESS, now, FAILURE_WINDOW_SECONDS);
    const claimed = await consumeRateLimit(failures.clientId, env().API_TOKEN_FAILURES_PER_CLIENT_ID, now, FAILURE_WINDOW_SECONDS);
    if (!claimed.allowed) {
      // A guesser spread over many addresses. Only wrong secrets get here (the right one never
      // does), so answering 429 slows the guesser without locking the client out.
      if (claimed.count === claimed.limit + 1) console.warn(`token endpoint: more than ${claimed.limit} failed token requests for client id ${JSON.stringify(clientId.slice(0, 100))} within ${FAILURE_WINDOW_SECONDS / 60} minutes`);
      return slowDown("Too many failed token requests for this client", claimed.retryAfterSeconds);
    }
    return oauthError(error, 401, basic ? { "WWW-Authenticate": 'Basic realm="minasidor"' } : {});
  }
  // Only calls that proved the secret count against the client's own rate.
  const rate = await consumeRateLimit(`token:${apiClientId}`, env().API_TOKEN_RATE_LIMIT_PER_MINUTE, now);
  if (!rate.allowed) return slowDown("Too many token requests", rate.retryAfterSeconds);
  try {
    const { accessToken, expiresIn } = await mintAccessToken(apiClientId, now);
    return Response.json({ access_token: accessToken, token_type: "Bearer", expires_in: expiresIn, scope: "meter-data" }, { headers: NO_STORE });
  } catch (error) {
    return serverError(error);
  }
}
