import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { memberIdSchema } from "./schemas";
import { keepAnotherAdministrator } from "./last-administrator";

/**
 * A management company's administrator removes someone from the company. Every access they had
 * through the company's grants ends on their next request. The company keeps at least one
 * administrator.
 */
export async function removeManager(actor: CustomerActor, input: { memberId: string }, meta: { ip?: string | null } = {}): Promise<void> {
  if (!(actor.managementCompanies ?? []).some((m) => m.role === "ADMINISTRATOR")) throw new AppError("FORBIDDEN");
  const { memberId } = parseInput(memberIdSchema, input);
  await db.$transaction(async (tx) => {
    const member = await tx.managementCompanyMember.findFirst({
      where: { id: memberId, revokedAt: null, managementCompany: companyWhereActorAdministers(actor) },
      include: { user: { select: { email: true } }, managementCompany: { select: { name: true } } },
    });
    if (!member) throw new AppError("NOT_FOUND");
    await keepAnotherAdministrator(tx, member);
    const now = new Date();
    await tx.managementCompanyMember.update({ where: { id: member.id }, data: { revokedAt: now } });
    const ended = await tx.membership.updateMany({
      where: { userId: member.userId, revokedAt: null, managementGrant: { managementCompanyId: member.managementCompanyId } },
      data: { revokedAt: now },
    });
    await writeAudit(tx, actor, {
      action: "access.managerRemoved",
      targetType: "User",
      targetId: member.userId,
      details: { email: member.user.email, companyName: member.managementCompany.name, membershipsEnded: ended.count },
      ipAddress: meta.ip ?? null,
    });
  });
}
