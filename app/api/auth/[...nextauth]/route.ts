import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { BODY_LIMITS } from "@/domain/http/body-limits";
import { authOptions } from "@/server/auth/options";
import { refusingLargeBodies, withBoundedBody } from "@/server/boundary/read-body";

// next-auth reads the whole body itself (req.text()); it gets it here already read, at most
// BODY_LIMITS.auth (sign-in forms and provider callbacks are tiny), and a larger one is 413.
const handler = refusingLargeBodies(async (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(await withBoundedBody(req as NextRequest, BODY_LIMITS.auth), ctx),
);

export { handler as GET, handler as POST };
