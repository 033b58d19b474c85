import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db/client";
import { env } from "@/server/env";

// One throttle for every guess the portal answers: a password at sign-in, and a customer number
// tried against an identity number or a check code (registration, adding a customer, a management
// company registering a client). Failures are counted in windows per counter — an e-mail address,
// a user, a client address, a target customer — whether or not what was tried exists, so neither
// the answer nor its timing tells what exists; a counter that reaches its limit locks every
// attempt that involves it for LOGIN_LOCK_MINUTES. Keys are hashes, so the table does not tell
// which addresses or customer numbers were tried.
const WINDOW_MS = 15 * 60_000;
const IP_FACTOR = 4; // a shared office address gets more room than one account
const TARGET_FACTOR = 2; // one customer number tried from many accounts and addresses

export type ThrottleCounter = { key: string; max: number };

const hash = (v: string) => createHash("sha256").update(v).digest("hex");

/** One counter: what is guessed (`scope`), along which dimension, for which value, up to `max` failures. */
export function throttleCounter(scope: string, dimension: string, value: string, max: number): ThrottleCounter {
  return { key: hash(`${scope}:${dimension}:${value}`), max };
}

/** Seconds until none of the counters is locked any more, or 0. */
export async function secondsLocked(counters: readonly ThrottleCounter[], now = new Date()): Promise<number> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: counters.map((c) => c.key) } } });
  const until = Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() : 0)));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one failure on every counter; a counter at its limit locks. */
export async function countFailure(counters: readonly ThrottleCounter[], now = new Date()): Promise<void> {
  const lockMs = env().LOGIN_LOCK_MINUTES * 60_000;
  for (const { key, max } of counters) {
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

/** Forgets the failures of these counters. */
async function clearCounters(counters: readonly ThrottleCounter[]): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: counters.map((c) => c.key) } } });
}

/** Whole minutes to tell the user ("try again in N minutes"), never 0. */
export const minutesFrom = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

// ---------------------------------------------------------------------------------------------
// Sign-in: per e-mail address and per client address.

export type ThrottleSubject = { email: string; ip?: string | null; scope: "customer" | "staff" };

function signInCounters(s: ThrottleSubject): ThrottleCounter[] {
  const list = [throttleCounter(s.scope, "email", s.email.toLowerCase(), env().LOGIN_MAX_FAILURES)];
  if (s.ip) list.push(throttleCounter(s.scope, "ip", s.ip, env().LOGIN_MAX_FAILURES * IP_FACTOR));
  return list;
}

/** Seconds until the subject may try again, or 0 when it is not locked. */
export async function lockedFor(s: ThrottleSubject, now = new Date()): Promise<number> {
  return secondsLocked(signInCounters(s), now);
}

export async function recordFailure(s: ThrottleSubject, now = new Date()): Promise<void> {
  await countFailure(signInCounters(s), now);
}

export async function clearFailures(s: ThrottleSubject): Promise<void> {
  // Only the account's own counter: one good password must not unlock an address under attack.
  await clearCounters(signInCounters(s).slice(0, 1));
}

// ---------------------------------------------------------------------------------------------
// Claiming a customer: a customer number tried against an identity number or a check code, from
// any of the forms that ask for them (one scope, so each form does not get its own allowance).

export type ClaimSubject = { customerNumber: string; userId?: string | null; ip?: string | null };

export function claimCounters(s: ClaimSubject): ThrottleCounter[] {
  const max = env().LOGIN_MAX_FAILURES;
  const list = [throttleCounter("claim", "target", s.customerNumber.trim(), max * TARGET_FACTOR)];
  if (s.userId) list.push(throttleCounter("claim", "user", s.userId, max));
  if (s.ip) list.push(throttleCounter("claim", "ip", s.ip, max * IP_FACTOR));
  return list;
}
