import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { translator } from "@/i18n/translator";
import { sendMail } from "@/server/mail/send-mail";

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

/**
 * Sends a single-use reset link when the address belongs to an active account; does nothing
 * otherwise. Callers show the same message either way (no user enumeration).
 */
export async function requestPasswordReset(
  email: string,
  options: { locale?: string; requestedBy?: Actor; ip?: string | null } = {},
): Promise<{ sent: boolean }> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.status !== "ACTIVE" || !user.email) return { sent: false };

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
  return { sent: true };
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
    // Older links for the same account stop working too.
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await writeAudit(tx, { kind: "system" }, { action: "account.passwordReset", targetType: "User", targetId: userId, ipAddress: ip });
  });
}
