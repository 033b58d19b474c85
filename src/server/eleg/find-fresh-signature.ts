import "server-only";
import { db } from "@/server/db/client";

/** A signature older than this no longer proves anything. */
const SIGNATURE_FRESH_MS = 15 * 60_000;

/**
 * The user's newest signature for `purpose` made at most 15 minutes before `now`, with the data
 * the feature signed along with its text, or null: what a feature completes once the user is back
 * from the broker. Whether it was already used, and whether its text still holds, the caller checks.
 */
export async function findFreshSignature<Data>(userId: string, purpose: string, now: Date) {
  const signature = await db.signature.findFirst({
    where: { userId, purpose, signedAt: { gte: new Date(now.getTime() - SIGNATURE_FRESH_MS) } },
    orderBy: { signedAt: "desc" },
    select: { id: true, payloadHash: true, payload: true },
  });
  if (!signature) return null;
  return { id: signature.id, payloadHash: signature.payloadHash, data: (signature.payload as { data?: Data } | null)?.data };
}
