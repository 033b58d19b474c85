import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { endAllSessions } from "@/server/auth/end-all-sessions";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { translator } from "@/i18n/translator";
import { sendMail } from "@/server/mail/send-mail";
import { consumeRateLimit } from "@/server/boundary/rate-limit";

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

/** Reset mails per address and per client address and hour (whether or not an account exists). */
export const RESET_LIMITS = { perAddressPerHour: 3, perClientPerHour: 20 } as const;

export type ResetRequestOutcome = { status: "queued" } | { status: "limited"; retryAfterMinutes: number };

/**
 * "Forgotten password": queues the request for the background worker, which mails a link when
 * the address belongs to an active account and does nothing otherwise. The request itself makes
 * the same statements in the same order for every address (two counters, one row), so neither the
 * answer nor its timing tells whether an account exists (decision 011). Beyond the limits per
 * address and per client address nothing is queued and the caller is asked to wait.
 */
export async function requestPasswordReset(email: string, options: { locale?: string; ip?: string | null } = {}, now: Date = new Date()): Promise<ResetRequestOutcome> {
  const address = email.trim().toLowerCase();
  const perAddress = await consumeRateLimit(`reset:email:${sha256(address)}`, RESET_LIMITS.perAddressPerHour, now, 3600);
  const perClient = await consumeRateLimit(`reset:ip:${sha256(options.ip ?? "unknown")}`, RESET_LIMITS.perClientPerHour, now, 3600);
  if (!perAddress.allowed || !perClient.allowed) {
    const seconds = Math.max(perAddress.allowed ? 0 : perAddress.retryAfterSeconds, perClient.allowed ? 0 : perClient.retryAfterSeconds);
    return { status: "limited", retryAfterMinutes: Math.max(1, Math.ceil(seconds / 60)) };
  }
  await db.passwordResetRequest.create({ data: { email: address, locale: options.locale ?? "sv", ipAddress: options.ip ?? null, createdAt: now, nextAttemptAt: now } });
  return { status: "queued" };
}

type ResetRecipient = { id: string; email: string | null; locale: string; status: string };

/**
 * Creates a single-use link for an active account, records who asked, and mails the link in the
 * user's language (or the language the request was made in). Used by the worker for queued
 * requests and directly by support's "send reset link". Returns false when there is nobody to mail.
 */
export async function mailResetLink(user: ResetRecipient, options: { locale?: string; requestedBy?: Actor; ip?: string | null } = {}): Promise<boolean> {
  if (user.status !== "ACTIVE" || !user.email) return false;
  const token = randomBytes(32).toString("base64url");
  const ttl = env().RESET_TOKEN_TTL_MINUTES;
  const staff = options.requestedBy?.kind === "staff" ? options.requestedBy : null;
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttl * 60_000), requestedByStaffId: staff?.staffId ?? null },
    });
    await writeAudit(tx, options.requestedBy ?? { kind: "system" }, {
      action: staff ? "support.resetLinkSent" : "account.resetRequested",
      targetType: "User",
      targetId: user.id,
      ipAddress: options.ip ?? null,
    });
  });
  const t = await translator(options.locale ?? user.locale, "auth");
  const link = `${env().APP_URL}/aterstall-losenord/${token}`;
  await sendMail({ to: user.email, subject: t("mailResetSubject"), text: t("mailResetBody", { link, minutes: ttl }) });
  return true;
}

/** Whether a reset link can still be used (for showing the form or an explanation). */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: { select: { status: true } } } });
  return Boolean(row && !row.usedAt && row.expiresAt > new Date() && row.user.status === "ACTIVE");
}

/** Sets a new password with a reset link. The link works once; every existing session ends. */
export async function resetPassword(token: string, newPassword: string, ip: string | null = null): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    const now = new Date();
    // Claiming the token and checking it are one statement, so two concurrent uses cannot both win.
    const claimed = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: now }, user: { status: "ACTIVE" } },
      data: { usedAt: now },
      select: { userId: true },
    });
    const userId = claimed[0]?.userId;
    if (!userId) throw new AppError("NOT_FOUND", "auth.resetInvalid");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await endAllSessions(tx, { userId }, now);
    // Older links for the same account stop working too.
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await writeAudit(tx, { kind: "system" }, { action: "account.passwordReset", targetType: "User", targetId: userId, ipAddress: ip });
  });
}
