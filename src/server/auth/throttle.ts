import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db/client";
import { env } from "@/server/env";

// Failed sign-ins are counted per e-mail address and per client address, whether or not an
// account exists, so neither the answer nor its timing tells which addresses are registered.
const WINDOW_MS = 15 * 60_000;
const IP_FACTOR = 4; // a shared office address gets more room than one account

export type ThrottleSubject = { email: string; ip?: string | null; scope: "customer" | "staff" };

function keys(s: ThrottleSubject) {
  const h = (v: string) => createHash("sha256").update(v).digest("hex");
  const list = [{ key: h(`${s.scope}:email:${s.email.toLowerCase()}`), max: env().LOGIN_MAX_FAILURES }];
  if (s.ip) list.push({ key: h(`${s.scope}:ip:${s.ip}`), max: env().LOGIN_MAX_FAILURES * IP_FACTOR });
  return list;
}

/** Seconds until the subject may try again, or 0 when it is not locked. */
export async function lockedFor(s: ThrottleSubject, now = new Date()): Promise<number> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys(s).map((k) => k.key) } } });
  const until = Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() : 0)));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export async function recordFailure(s: ThrottleSubject, now = new Date()): Promise<void> {
  const lockMs = env().LOGIN_LOCK_MINUTES * 60_000;
  for (const { key, max } of keys(s)) {
    await db.$transaction(async (tx) => {
      const row = await tx.authThrottle.findUnique({ where: { key } });
      const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lockedUntil = failures >= max ? new Date(now.getTime() + lockMs) : fresh ? null : row.lockedUntil;
      await tx.authThrottle.upsert({
        where: { key },
        create: { key, failures, windowStartedAt: now, lockedUntil },
        update: { failures, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil },
      });
    });
  }
}

export async function clearFailures(s: ThrottleSubject): Promise<void> {
  // Only the account's own counter: one good password must not unlock an address under attack.
  await db.authThrottle.deleteMany({ where: { key: keys(s)[0]!.key } });
}
