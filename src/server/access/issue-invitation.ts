import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * Stores a new invitation link and stops every earlier unused invitation of the same kind that it
 * replaces (`replaces`: the same address or company for the same customer), so only the newest
 * link works. `installationIds` is the choice for a customer's invitation: none means all.
 */
export async function issueInvitation(
  tx: Prisma.TransactionClient,
  replaces: Prisma.InvitationWhereInput,
  data: Omit<Prisma.InvitationUncheckedCreateInput, "allInstallations" | "installationIds">,
  installationIds?: readonly string[],
) {
  await tx.invitation.updateMany({ where: { kind: data.kind, ...replaces, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  const choice = installationIds ? { allInstallations: installationIds.length === 0, installationIds: [...installationIds] } : {};
  return tx.invitation.create({ data: { ...data, ...choice } });
}
