import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/** A customer's membership or a management company's member: the two places a level is held. */
type HeldLevel = { id: string; role: string } & ({ customerId: string } | { managementCompanyId: string });

/**
 * A customer, and a management company, never loses its last active administrator: refuses to
 * remove or demote the last one. The customer's (company's) row is locked first, so two
 * administrators demoting or removing each other at once do not both succeed.
 */
export async function keepAnotherAdministrator(tx: Prisma.TransactionClient, held: HeldLevel): Promise<void> {
  if (held.role !== "ADMINISTRATOR") return;
  const otherActiveAdministrators = { id: { not: held.id }, role: "ADMINISTRATOR" as const, revokedAt: null, user: { status: "ACTIVE" as const } };
  if ("customerId" in held) {
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${held.customerId}::uuid FOR UPDATE`;
    const others = await tx.membership.count({ where: { customerId: held.customerId, ...otherActiveAdministrators } });
    if (others === 0) throw new AppError("CONFLICT", "access.errors.lastAdministrator");
  } else {
    await tx.$queryRaw`SELECT id FROM "ManagementCompany" WHERE id = ${held.managementCompanyId}::uuid FOR UPDATE`;
    const others = await tx.managementCompanyMember.count({ where: { managementCompanyId: held.managementCompanyId, ...otherActiveAdministrators } });
    if (others === 0) throw new AppError("CONFLICT", "access.errors.lastCompanyAdministrator");
  }
}
