import "server-only";
import { clientAddressFromChain, parseTrustedProxies, type TrustedProxies } from "@/domain/http/client-address";
import { env } from "@/server/env";

let proxies: TrustedProxies | undefined;

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function forwardedFor(headers: HeaderSource): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get("x-forwarded-for");
  const value = headers["x-forwarded-for"];
  return typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;
}

/**
 * The one reader of a request's client address (throttles, rate limits, audit log). The portal's
 * server (scripts/serve.ts) makes the last X-Forwarded-For hop the socket's peer; hops before it
 * count only through proxies listed in TRUSTED_PROXIES. See docs/decisions/010-client-addresses.md.
 */
export function clientAddress(headers: HeaderSource): string | null {
  proxies ??= parseTrustedProxies(env().TRUSTED_PROXIES);
  return clientAddressFromChain(forwardedFor(headers), proxies);
}
