import "server-only";
import { sessionExpiry } from "@/domain/auth/session-rules";
import { db } from "@/server/db/client";
import type { Principal } from "./authenticate";
import { sessionPolicy } from "./session-policy";

export type SessionOrigin = { method: "password" | "eleg"; ip?: string | null; userAgent?: string | null };

/** Opens a server-side session for a principal that has just signed in; its id goes into the cookie. */
export async function startSession(principal: Pick<Principal, "kind" | "id">, origin: SessionOrigin, now: Date = new Date()): Promise<string> {
  const row = await db.authSession.create({
    data: {
      userId: principal.kind === "customer" ? principal.id : null,
      staffUserId: principal.kind === "staff" ? principal.id : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: sessionExpiry(now, sessionPolicy()),
      method: origin.method,
      ipAddress: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  return row.id;
}
