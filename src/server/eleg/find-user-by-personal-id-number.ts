import "server-only";
import { db } from "@/server/db/client";
import { normalizePersonalIdNumber } from "./personal-id-number";

export type ElegMatch = { id: string; sessionVersion: number; name: string };

/**
 * The ACTIVE portal user an e-legitimation belongs to, matched by personal identity number only
 * (names differ in spelling between registers). A voided account never matches. Records the
 * sign-in time of a match.
 */
export async function findUserByPersonalIdNumber(personalIdNumber: unknown): Promise<ElegMatch | null> {
  const normalized = normalizePersonalIdNumber(personalIdNumber);
  if (!normalized) return null;
  const user = await db.user.findUnique({ where: { personalIdNumber: normalized }, select: { id: true, status: true, sessionVersion: true, name: true } });
  if (!user || user.status !== "ACTIVE") return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, sessionVersion: user.sessionVersion, name: user.name };
}
