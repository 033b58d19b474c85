import { NextResponse, type NextRequest } from "next/server";

// Passes the path to server components (for return addresses of plain forms). Access control is
// not done here: every page and server function checks the session itself.
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)"] };
