import "server-only";
import { env } from "@/server/env";

// The one source of the options of every cookie the portal sets (the working customer, the
// language, the pending signing) and of next-auth's session cookies. No script of the portal reads
// a cookie, so every one is httpOnly; `lax` keeps them on links into the portal and off other
// sites' posts; and they are Secure whenever the portal is served over https. APP_URL decides
// that (not NODE_ENV): a browser sends a Secure cookie only over https, so the address the users
// reach the portal at is what matters, in production and in a development setup alike.

/** Whether the portal's cookies are Secure: the portal is served over https. */
export function cookiesAreSecure(): boolean {
  return new URL(env().APP_URL).protocol === "https:";
}

export type PortalCookieOptions = { path: string; httpOnly: true; sameSite: "lax"; secure: boolean; maxAge?: number };

/**
 * Options for a cookie of the portal: sent under `path` (the whole portal unless told), for
 * `maxAgeSeconds` (a browser-session cookie unless told).
 */
export function cookieOptions(options: { path?: string; maxAgeSeconds?: number } = {}): PortalCookieOptions {
  return {
    path: options.path ?? "/",
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds } : {}),
  };
}
