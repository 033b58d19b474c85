import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import type { MemberRole } from "./schemas";

// The "all or chosen installations" part that invitations, grants and memberships share.

type Tx = Prisma.TransactionClient;

/** The installations a form chose: none (meaning all) unless the scope is "selected"; each id once. */
export function chosenInstallations(scope: "all" | "selected" | undefined, installationIds: readonly string[] | undefined): string[] {
  return scope === "selected" ? [...new Set(installationIds)] : [];
}

/** Refuses a choice that names an installation that is not the customer's. */
export async function requireCustomerInstallations(tx: Tx, customerId: string, selected: readonly string[]): Promise<void> {
  if (selected.length && (await tx.installation.count({ where: { id: { in: [...selected] }, customerId } })) !== selected.length) {
    throw new AppError("VALIDATION", undefined, { installationIds: ["validation.invalid"] });
  }
}

/** Replaces the installations chosen for a management grant or a membership (none: all of them). */
export async function replaceChosenInstallations(
  tx: Tx,
  owner: { grantId: string } | { membershipId: string },
  installationIds: readonly string[],
): Promise<void> {
  if ("grantId" in owner) {
    await tx.managementGrantInstallation.deleteMany({ where: { grantId: owner.grantId } });
    if (installationIds.length) await tx.managementGrantInstallation.createMany({ data: installationIds.map((installationId) => ({ grantId: owner.grantId, installationId })) });
    return;
  }
  await tx.membershipInstallation.deleteMany({ where: { membershipId: owner.membershipId } });
  if (installationIds.length) await tx.membershipInstallation.createMany({ data: installationIds.map((installationId) => ({ membershipId: owner.membershipId, installationId })) });
}

/**
 * Gives a user access to a customer: revives or changes their earlier membership row (the pair is
 * unique) or creates one, with the chosen installations.
 */
export async function saveMembership(
  tx: Tx,
  existing: { id: string } | null,
  key: { userId: string; customerId: string },
  data: { role: MemberRole; allInstallations: boolean; managementGrantId: string | null; revokedAt: null },
  installationIds: readonly string[],
): Promise<{ id: string }> {
  const membership = existing
    ? await tx.membership.update({ where: { id: existing.id }, data })
    : await tx.membership.create({ data: { ...data, ...key } });
  await replaceChosenInstallations(tx, { membershipId: membership.id }, installationIds);
  return membership;
}
