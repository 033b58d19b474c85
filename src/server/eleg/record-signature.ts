import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { maskPersonalIdNumber, normalizePersonalIdNumber } from "./personal-id-number";

/** Signing whose purpose is to link the signer's e-legitimation to their portal account. */
export const LINK_PURPOSE = "eleg.link";

export type SignedBy = { personalIdNumber: string; provider: string };

export type PendingSignature = {
  userId: string;
  purpose: string;
  payloadHash: string;
  payload: { text: string; data?: Record<string, unknown> };
};

/**
 * Stores a completed e-legitimation signature, after the provider's ID token was verified: the
 * signer must be the signing user (same personal identity number). For LINK_PURPOSE the user has
 * none yet and gets the signer's, unless another active account already has it. One transaction:
 * the signature, the link and the audit entries are stored together or not at all.
 */
export async function recordSignature(pending: PendingSignature, signedBy: SignedBy): Promise<{ id: string; signedAt: Date }> {
  const personalIdNumber = normalizePersonalIdNumber(signedBy.personalIdNumber);
  if (!personalIdNumber) throw new AppError("VALIDATION", "eleg.sign.noPerson");

  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: pending.userId },
      select: { id: true, status: true, personalIdNumber: true, memberships: { where: { revokedAt: null }, select: { customerId: true } } },
    });
    if (!user || user.status !== "ACTIVE") throw new AppError("UNAUTHENTICATED");
    const actor = { kind: "customer" as const, userId: user.id, name: "", email: null, customers: [] };

    if (pending.purpose === LINK_PURPOSE) {
      if (user.personalIdNumber && user.personalIdNumber !== personalIdNumber) throw new AppError("CONFLICT", "eleg.sign.linkedToOther");
      const holder = await tx.user.findUnique({ where: { personalIdNumber }, select: { id: true, status: true } });
      if (holder && holder.id !== user.id) {
        if (holder.status === "ACTIVE") throw new AppError("CONFLICT", "eleg.sign.personTaken");
        // A voided account keeps its history but gives the number up.
        await tx.user.update({ where: { id: holder.id }, data: { personalIdNumber: null } });
      }
      if (user.personalIdNumber !== personalIdNumber) {
        await tx.user.update({ where: { id: user.id }, data: { personalIdNumber } });
        // Visible to the administrators of every customer the user works for.
        const customerIds = user.memberships.length ? user.memberships.map((m) => m.customerId) : [null];
        for (const customerId of customerIds) {
          await writeAudit(tx, actor, {
            action: "user.eleg.linked",
            targetType: "User",
            targetId: user.id,
            customerId,
            details: { personalIdNumber: maskPersonalIdNumber(personalIdNumber), provider: signedBy.provider },
          });
        }
      }
    } else if (user.personalIdNumber !== personalIdNumber) {
      throw new AppError("FORBIDDEN", "eleg.sign.wrongPerson");
    }

    const signature = await tx.signature.create({
      data: {
        userId: user.id,
        personalIdNumber,
        provider: signedBy.provider,
        purpose: pending.purpose,
        payloadHash: pending.payloadHash,
        payload: pending.payload as Prisma.InputJsonObject,
      },
      select: { id: true, signedAt: true },
    });
    await writeAudit(tx, actor, {
      action: "signature.created",
      targetType: "Signature",
      targetId: signature.id,
      details: { purpose: pending.purpose, payloadHash: pending.payloadHash },
    });
    return signature;
  });
}
