import "server-only";
import type { Actor } from "@/server/access/actor";
import { mailResetLink } from "@/server/accounts/password-reset";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { isUuid } from "./schemas";

/**
 * Sends a password reset link to an active user's address on a support member's request. The
 * reset flow records `support.resetLinkSent` with the staff member as actor and mails the link in
 * the user's language. A voided account has no address and cannot be reset: CONFLICT.
 */
export async function sendResetLink(staff: Actor, input: { userId: string; ip?: string | null }): Promise<{ email: string }> {
  if (staff?.kind !== "staff") throw new AppError("FORBIDDEN");
  if (!isUuid(input.userId)) throw new AppError("NOT_FOUND");
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, locale: true, status: true } });
  if (!user) throw new AppError("NOT_FOUND");
  if (user.status !== "ACTIVE" || !user.email) throw new AppError("CONFLICT", "support.resetNotPossible");

  // Staff pick a known account, so there is nothing to hide: the link goes out at once.
  await mailResetLink(user, { requestedBy: staff, ip: input.ip ?? null });
  return { email: user.email };
}
