import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/server/env";
import { authenticate, type Principal } from "./authenticate";

const credentials = z.object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(200) });

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : null;
  return first || (typeof headers?.["x-real-ip"] === "string" ? (headers["x-real-ip"] as string) : null);
}

function provider(scope: "customer" | "staff") {
  return CredentialsProvider({
    id: scope,
    name: scope,
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(raw, req) {
      const parsed = credentials.safeParse(raw);
      if (!parsed.success) throw new Error("INVALID");
      const result = await authenticate(scope, { ...parsed.data, ip: clientIp(req?.headers) });
      // The error text travels to the sign-in form as a code, never as a detail about the account.
      if (!result.ok) throw new Error(result.reason === "LOCKED" ? `LOCKED:${Math.ceil(result.retryAfterSeconds / 60)}` : "INVALID");
      return { id: result.principal.id, kind: result.principal.kind, sv: result.principal.sessionVersion };
    },
  });
}

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE_MINUTES * 60;
  return {
    secret: env().AUTH_SECRET,
    providers: [provider("customer"), provider("staff")],
    session: { strategy: "jwt", maxAge, updateAge: 60 },
    jwt: { maxAge },
    pages: { signIn: "/logga-in", error: "/logga-in" },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; kind: Principal["kind"]; sv: number };
          token.sub = u.id;
          token.kind = u.kind;
          token.sv = u.sv;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, principal: { id: token.sub, kind: token.kind, sessionVersion: token.sv } };
      },
    },
  };
}

declare module "next-auth/jwt" {
  interface JWT {
    kind?: Principal["kind"];
    sv?: number;
  }
}
