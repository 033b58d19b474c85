import { NextResponse, type NextRequest } from "next/server";
import { baseSecurityHeaders, newNonce, originOf, pageCsp, servedOverTls } from "@/domain/http/security-headers";

// Every page request: a fresh CSP nonce, and the path for the return addresses of plain forms.
// Access control is not done here: every page and server function checks the session itself.
// Route handlers and files under /_next are not matched (their bodies would be buffered for the
// proxy); next.config.ts gives them their headers. See docs/decisions/012-security-headers.md.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const tls = servedOverTls({ appUrl: process.env.APP_URL, protocol: request.nextUrl.protocol, forwardedProto: request.headers.get("x-forwarded-proto") });
  const csp = pageCsp({
    nonce,
    development: process.env.NODE_ENV === "development",
    formActionOrigins: [originOf(process.env.ELEG_ISSUER)].filter((o): o is string => o !== null),
    tls,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Next finds the nonce in the request's CSP header and puts it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of baseSecurityHeaders({ tls })) response.headers.set(name, value);
  return response;
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)"] };
