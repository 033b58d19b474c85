import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { INVITATION_TTL_DAYS } from "./schemas";

/** sha256 of a link token: the database never holds a usable link. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh single-use link token, its hash and when it stops working. */
export function newInvitationToken(now = new Date()): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000) };
}
