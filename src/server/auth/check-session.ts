import "server-only";
import { isTouchDue, sessionState } from "@/domain/auth/session-rules";
import { db } from "@/server/db/client";
import type { Principal } from "./authenticate";
import { sessionPolicy } from "./session-policy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the cookie's session is still open on the server: it belongs to the principal, was not
 * signed out, and is within its idle and absolute lifetimes. A session found idle or past its end
 * is closed with the reason; an open one has its last-seen time written at most once a minute.
 */
export async function checkSession(sessionId: string | null | undefined, principal: Pick<Principal, "kind" | "id">, now: Date = new Date()): Promise<boolean> {
  if (!sessionId || !UUID.test(sessionId)) return false;
  const session = await db.authSession.findUnique({ where: { id: sessionId } });
  if (!session) return false;
  const owner = principal.kind === "customer" ? session.userId : session.staffUserId;
  if (owner !== principal.id) return false;
  const state = sessionState(session, now, sessionPolicy());
  if (state === "ended") return false;
  if (state !== "open") {
    await db.authSession.updateMany({ where: { id: session.id, endedAt: null }, data: { endedAt: now, endReason: state === "idle" ? "IDLE" : "EXPIRED" } });
    return false;
  }
  if (isTouchDue(session, now)) await db.authSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: now } });
  return true;
}
