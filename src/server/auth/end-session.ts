import "server-only";
import type { AuthSessionEndReason } from "@/generated/prisma/client";
import { db } from "@/server/db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ends one session (sign-out): its cookie is refused from now on, wherever a copy of it is. */
export async function endSession(sessionId: string | null | undefined, reason: AuthSessionEndReason = "SIGNED_OUT", now: Date = new Date()): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) return;
  await db.authSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}
