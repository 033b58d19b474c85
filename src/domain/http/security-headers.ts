/**
 * The security headers of every response (issue 10, item 13; docs/decisions/012-security-headers.md).
 * Pages get a Content-Security-Policy with a fresh nonce per request (proxy.ts); everything else
 * (route handlers, files under /_next, PDFs and exports) a policy that allows nothing, set once in
 * next.config.ts. Plain TypeScript: the proxy, the Next config and the tests all build from here.
 */

/** For responses that are not HTML pages: nothing may load, nothing may frame them. */
export const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** One year, subdomains included; not `preload`, which is a decision for the domain's owner. */
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Features the portal never uses, switched off for it and for anything it might ever embed.
 * Only names that Chromium, Firefox and Safari know, so that no browser logs a warning.
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

export type HeaderList = [name: string, value: string][];

/** The headers besides the CSP that every response carries; HSTS only over TLS. */
export function baseSecurityHeaders({ tls }: { tls: boolean }): HeaderList {
  return [
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Content-Type-Options", "nosniff"],
    // frame-ancestors says the same to current browsers; this is for the ones that predate it.
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ...(tls ? ([["Strict-Transport-Security", HSTS]] as HeaderList) : []),
  ];
}

export type PageCspOptions = {
  /** Fresh for every request; Next reads it from the request's CSP header and puts it on its scripts. */
  nonce: string;
  /** `next dev` only: React rebuilds server error stacks in the browser with eval. */
  development: boolean;
  /**
   * Origins a form may be sent to besides our own. Chrome applies form-action to the redirects that
   * follow a form POST, and signing with e-legitimation posts a form that is answered with a
   * redirect to the broker (ELEG_ISSUER).
   */
  formActionOrigins: readonly string[];
  tls: boolean;
};

/** The Content-Security-Policy of an HTML page. */
export function pageCsp({ nonce, development, formActionOrigins, tls }: PageCspOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': Next's nonced scripts may load the chunks they need; 'self' is for browsers
    // that predate it. No 'unsafe-inline' for scripts, ever; 'unsafe-eval' only in development.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and Recharts set style attributes. A nonce here would switch 'unsafe-inline' off.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${["'self'", ...formActionOrigins].join(" ")}`,
    "frame-ancestors 'none'",
    ...(tls ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A nonce of 128 random bits, base64 (what the CSP grammar allows). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The origin of an absolute address, for form-action; null for anything that is not http(s),
 * so that a malformed setting cannot open the policy up.
 */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a response is served over TLS: the portal's public address is https, or the request came
 * in over https (directly, or through a proxy that says so in X-Forwarded-Proto). Browsers ignore
 * HSTS on plain http, so a forged X-Forwarded-Proto gains nothing.
 */
export function servedOverTls({ appUrl, protocol, forwardedProto }: { appUrl?: string; protocol?: string; forwardedProto?: string | null }): boolean {
  if (appUrl?.toLowerCase().startsWith("https:")) return true;
  if (protocol === "https:" || protocol === "https") return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}
