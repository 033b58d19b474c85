import "server-only";
import { env } from "@/server/env";

/**
 * Whether a form post to a route handler comes from the portal's own pages. Server actions check
 * this themselves; a route handler that takes a plain form with the session cookie must too, or
 * another site could post to it in a signed-in browser. Browsers send Origin (and Sec-Fetch-Site)
 * with every POST; a client without them is no browser and carries no one's cookie by accident.
 */
export function isSameOriginPost(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(env().APP_URL).origin) return false;
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}
