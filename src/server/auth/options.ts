import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import { z } from "zod";
import { safeReturnPath } from "@/domain/http/safe-return-path";
import { elegConfig, type ElegConfig } from "@/server/eleg/config";
import { findUserByPersonalIdNumber } from "@/server/eleg/find-user-by-personal-id-number";
import { personalIdNumberFromClaims } from "@/server/eleg/personal-id-number";
import { env } from "@/server/env";
import { clientAddress } from "@/server/boundary/client-address";
import { cookiesAreSecure } from "@/server/boundary/cookies";
import { authenticate, type Principal } from "./authenticate";
import { endSession } from "./end-session";
import { startSession } from "./start-session";

const credentials = z.object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(200) });

function provider(scope: "customer" | "staff") {
  return CredentialsProvider({
    id: scope,
    name: scope,
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(raw, req) {
      const parsed = credentials.safeParse(raw);
      if (!parsed.success) throw new Error("INVALID");
      const result = await authenticate(scope, { ...parsed.data, ip: clientAddress(req?.headers) });
      // The error text travels to the sign-in form as a code, never as a detail about the account.
      if (!result.ok) throw new Error(result.reason === "LOCKED" ? `LOCKED:${Math.ceil(result.retryAfterSeconds / 60)}` : "INVALID");
      return { id: result.principal.id, kind: result.principal.kind, sv: result.principal.sessionVersion };
    },
  });
}

/** What the e-legitimation provider's profile step hands on: a portal user, or nobody. */
type ElegProfile = { id: string; kind: "customer" | null; sv: number };

/** Where a person without a portal account is sent: /logga-in explains what to do. */
const ELEG_UNKNOWN_PERSON_REDIRECT = "/logga-in?fel=eleg-okand";

/**
 * E-legitimation (BankID, Freja, MitID) through an OpenID Connect broker: the person is matched to
 * an active portal user by personal identity number, and the session gets the same principal as a
 * password sign-in, so `loadActor` treats both alike. See docs/decisions/007-e-legitimation.md.
 */
function elegProvider(config: ElegConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: "eleg",
    name: config.providerName,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    // Every sign-in is a fresh identification, never a silent one from the broker's own session.
    authorization: { params: { scope: "openid profile", prompt: "login" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    async profile(claims) {
      const match = await findUserByPersonalIdNumber(personalIdNumberFromClaims(claims));
      const profile: ElegProfile = match ? { id: match.id, kind: "customer", sv: match.sessionVersion } : { id: "unmatched", kind: null, sv: 0 };
      return profile as unknown as { id: string };
    },
  };
}

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE_MINUTES * 60;
  const eleg = elegConfig();
  return {
    secret: env().AUTH_SECRET,
    providers: [provider("customer"), provider("staff"), ...(eleg ? [elegProvider(eleg)] : [])],
    session: { strategy: "jwt", maxAge, updateAge: 60 },
    // Secure session cookies decided with the portal's other cookies (src/server/boundary/cookies.ts).
    useSecureCookies: cookiesAreSecure(),
    jwt: { maxAge },
    pages: { signIn: "/logga-in", error: "/logga-in" },
    callbacks: {
      // callbackUrl comes from the request (sign-in, sign-out, its cookie): back into the portal only.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeReturnPath(url, "/", { origin: baseUrl })}`;
      },
      async signIn({ user, account }) {
        if (account?.provider === "eleg" && (user as unknown as ElegProfile).kind !== "customer") return ELEG_UNKNOWN_PERSON_REDIRECT;
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const u = user as unknown as { id: string; kind: Principal["kind"]; sv: number };
          token.sub = u.id;
          token.kind = u.kind;
          token.sv = u.sv;
          // Every sign-in opens a session on the server; the cookie names it (decision 011).
          token.sid = await startSession({ kind: u.kind, id: u.id }, { method: account?.provider === "eleg" ? "eleg" : "password", ...(await requestOrigin()) });
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, principal: { id: token.sub, kind: token.kind, sessionVersion: token.sv, sessionId: token.sid } };
      },
    },
    events: {
      // Signing out ends the session on the server too, so a copy of the cookie is refused after it.
      async signOut({ token }) {
        await endSession(typeof token?.sid === "string" ? token.sid : null, "SIGNED_OUT");
      },
    },
  };
}

/** Where a sign-in came from, for the session's row; the route handler's request headers. */
async function requestOrigin(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const h = await headers();
    return { ip: clientAddress(h), userAgent: h.get("user-agent") };
  } catch {
    return { ip: null, userAgent: null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    kind?: Principal["kind"];
    sv?: number;
    sid?: string;
  }
}
