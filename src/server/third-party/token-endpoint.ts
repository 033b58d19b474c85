import "server-only";
// POST /api/v1/oauth/token — OAuth 2.0 client credentials (RFC 6749 section 4.4). The client
// authenticates with HTTP Basic (client_secret_basic) or with client_id and client_secret in the
// form body (client_secret_post); the body is application/x-www-form-urlencoded (or JSON).
import { BODY_LIMITS } from "@/domain/http/body-limits";
import { env } from "@/server/env";
import { readBodyText } from "@/server/http/read-body";
import { issueAccessToken, OAuthError } from "./api-credentials";
import { consumeRateLimit } from "./rate-limit";
import { tokenRequestSchema } from "./schemas";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function oauthError(error: OAuthError, status: number, extra: Record<string, string> = {}): Response {
  return Response.json({ error: error.error, error_description: error.description }, { status, headers: { ...NO_STORE, ...extra } });
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
  const rate = await consumeRateLimit(`token:${clientId.slice(0, 100)}`, env().API_TOKEN_RATE_LIMIT_PER_MINUTE, now);
  if (!rate.allowed) {
    return Response.json(
      { error: "slow_down", error_description: `Too many token requests; try again in ${rate.retryAfterSeconds} s.` },
      { status: 429, headers: { ...NO_STORE, "Retry-After": String(rate.retryAfterSeconds) } },
    );
  }
  try {
    const { accessToken, expiresIn } = await issueAccessToken(clientId, secret, now);
    return Response.json({ access_token: accessToken, token_type: "Bearer", expires_in: expiresIn, scope: "meter-data" }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof OAuthError) return oauthError(error, 401, basic ? { "WWW-Authenticate": 'Basic realm="minasidor"' } : {});
    console.error("token endpoint failed", error);
    return Response.json({ error: "server_error", error_description: "Something went wrong; try again later." }, { status: 500, headers: NO_STORE });
  }
}
