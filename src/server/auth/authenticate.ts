import "server-only";
import { db } from "@/server/db/client";
import { verifyPassword } from "./password";
import { clearFailures, lockedFor, recordFailure } from "./throttle";

export type Principal = { kind: "customer" | "staff"; id: string; sessionVersion: number };

export type SignInResult =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "LOCKED"; retryAfterSeconds: number };

type Credentials = { email: string; password: string; ip?: string | null };

/** Checks an e-mail and password; one answer for unknown address, wrong password and voided account. */
export async function authenticate(scope: "customer" | "staff", { email, password, ip }: Credentials): Promise<SignInResult> {
  const subject = { email: email.trim().toLowerCase(), ip, scope };
  const locked = await lockedFor(subject);
  if (locked > 0) return { ok: false, reason: "LOCKED", retryAfterSeconds: locked };

  const account =
    scope === "customer"
      ? await db.user.findUnique({ where: { email: subject.email }, omit: { passwordHash: false } })
      : await db.staffUser.findUnique({ where: { email: subject.email }, omit: { passwordHash: false } });
  const active = account && ("status" in account ? account.status === "ACTIVE" : account.active);
  const passwordOk = await verifyPassword(active ? account.passwordHash : null, password);

  if (!account || !active || !passwordOk) {
    await recordFailure(subject);
    const nowLocked = await lockedFor(subject);
    return nowLocked > 0 ? { ok: false, reason: "LOCKED", retryAfterSeconds: nowLocked } : { ok: false, reason: "INVALID" };
  }
  await clearFailures(subject);
  const lastLoginAt = new Date();
  if (scope === "customer") await db.user.update({ where: { id: account.id }, data: { lastLoginAt } });
  else await db.staffUser.update({ where: { id: account.id }, data: { lastLoginAt } });
  return { ok: true, principal: { kind: scope, id: account.id, sessionVersion: account.sessionVersion } };
}
