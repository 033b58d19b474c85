// When a signed-in session is still good (decision 011). A session ends when the user signs out,
// after a time without activity (idle), and at an absolute end however active it is, so a stolen
// cookie cannot be kept alive for ever by using it.

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };
export type SessionPolicy = { idleMs: number; absoluteMs: number };

export type SessionState = "open" | "ended" | "idle" | "expired";

/** How often the last-seen time is written: often enough for the idle rule, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** The absolute end of a session that starts now. */
export function sessionExpiry(startedAt: Date, policy: SessionPolicy): Date {
  return new Date(startedAt.getTime() + policy.absoluteMs);
}

export function sessionState(session: SessionTimes, now: Date, policy: SessionPolicy): SessionState {
  if (session.endedAt) return "ended";
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) return "idle";
  return "open";
}

/** Whether an open session's last-seen time is old enough to be written again. */
export function isTouchDue(session: Pick<SessionTimes, "lastSeenAt">, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
