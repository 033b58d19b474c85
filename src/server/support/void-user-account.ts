import "server-only";
import type { Actor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { endAllSessions } from "@/server/auth/end-all-sessions";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { isUuid, REASON_MAX_LENGTH, REASON_MIN_LENGTH } from "./schemas";

export type VoidUserAccountInput = {
  userId: string;
  reason: string;
  /** The customer support is working on; the audit entry is filed under it (default: the user's first). */
  customerId?: string;
  ip?: string | null;
};

/**
 * Voids (makulerar) a customer user account (seed 000: a customer who cannot sign in asks support
 * to void the account and then registers again). In one transaction: the account is marked VOIDED,
 * its e-mail moves to `voidedEmail` so the address and the customer can register again, the session
 * version is bumped so every open session ends at once, every membership is revoked, unused reset
 * links stop working, and the audit entry is written.
 */
export async function voidUserAccount(staff: Actor, input: VoidUserAccountInput): Promise<{ customerIds: string[] }> {
  if (staff?.kind !== "staff") throw new AppError("FORBIDDEN");
  const reason = input.reason.trim();
  if (reason.length < REASON_MIN_LENGTH) throw new AppError("VALIDATION", undefined, { reason: ["support.reasonRequired"] });
  if (reason.length > REASON_MAX_LENGTH) throw new AppError("VALIDATION", undefined, { reason: ["validation.tooLong"] });
  if (!isUuid(input.userId)) throw new AppError("NOT_FOUND");

  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: {
        id: true,
        email: true,
        status: true,
        sessionVersion: true,
        memberships: { orderBy: { createdAt: "asc" }, select: { customerId: true, revokedAt: true, customer: { select: { customerNumber: true } } } },
      },
    });
    if (!user) throw new AppError("NOT_FOUND");
    if (user.status === "VOIDED") throw new AppError("CONFLICT", "support.alreadyVoided");

    const now = new Date();
    // Guarded by status and session version: of two staff members voiding at once, one wins and
    // the other gets CONFLICT instead of a second audit entry.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, status: "ACTIVE", sessionVersion: user.sessionVersion },
      data: {
        status: "VOIDED",
        voidedAt: now,
        voidedByStaffId: staff.staffId,
        voidedEmail: user.email,
        email: null,
        sessionVersion: { increment: 1 },
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", "support.alreadyVoided");

    await tx.membership.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await endAllSessions(tx, { userId: user.id }, now);

    const customerIds = [...new Set(user.memberships.map((m) => m.customerId))];
    const filedUnder = input.customerId && customerIds.includes(input.customerId) ? input.customerId : (customerIds[0] ?? null);
    await writeAudit(tx, staff, {
      action: "support.accountVoided",
      targetType: "User",
      targetId: user.id,
      customerId: filedUnder,
      details: {
        reason,
        email: user.email,
        // Access that ended with the account (memberships already revoked earlier are not listed).
        customerNumbers: user.memberships.filter((m) => m.revokedAt === null).map((m) => m.customer.customerNumber),
      },
      ipAddress: input.ip ?? null,
    });
    return { customerIds };
  });
}
