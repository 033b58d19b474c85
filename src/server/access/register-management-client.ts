import "server-only";
import { parseAnyNationalId, parseNationalId } from "@/domain/identity";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers } from "./membership-where";
import { parseInput } from "./parse-input";
import { registerManagementClientSchema, type RegisterManagementClientInput } from "./schemas";

/** One answer whichever part is wrong, as in registration: the form never confirms a customer number. */
const noMatch = () => new AppError("CONFLICT", "access.errors.clientNoMatch");

/**
 * A management company registers a client itself with the client's customer number and
 * organisation number (seed 001: "själva registrera sina kunder"); both must belong to the same
 * customer. The company may then see all of the client's installations (an active grant with no
 * granting user); the client's administrators see it on their Behörighet page and in their log and
 * can end it. A client that ended the company's access must invite it again.
 */
export async function registerManagementClient(
  actor: CustomerActor,
  input: RegisterManagementClientInput,
  meta: { ip?: string | null } = {},
): Promise<{ grantId: string; customerId: string }> {
  if (!(actor.managementCompanies ?? []).some((m) => m.managementCompanyId === input.managementCompanyId && m.role === "ADMINISTRATOR")) {
    throw new AppError("FORBIDDEN");
  }
  const { managementCompanyId, customerNumber, nationalId } = parseInput(registerManagementClientSchema, input);
  const anyMarket = parseAnyNationalId(nationalId);
  if (!anyMarket.ok) throw new AppError("VALIDATION", undefined, { nationalId: [`validation.nationalId.${anyMarket.reason === "empty" ? "format" : anyMarket.reason}`] });

  return db.$transaction(async (tx) => {
    const company = await tx.managementCompany.findFirst({ where: { id: managementCompanyId, ...companyWhereActorAdministers(actor, managementCompanyId) } });
    if (!company) throw new AppError("NOT_FOUND");
    const customer = await tx.customer.findUnique({ where: { customerNumber }, select: { id: true, market: true, nationalId: true, customerNumber: true, name: true } });
    const id = customer ? parseNationalId(customer.market, nationalId) : null;
    if (!customer || !id?.ok || id.value.normalized !== customer.nationalId) throw noMatch();

    const existing = await tx.managementGrant.findUnique({ where: { managementCompanyId_customerId: { managementCompanyId, customerId: customer.id } } });
    if (existing?.status === "REVOKED") throw noMatch();
    if (existing?.status === "ACTIVE") throw new AppError("CONFLICT", "access.errors.clientAlreadyRegistered");
    const now = new Date();
    const grant = existing
      ? // The client had invited the company already: its choice of installations stands.
        await tx.managementGrant.update({ where: { id: existing.id }, data: { status: "ACTIVE", acceptedAt: now } })
      : await tx.managementGrant.create({
          data: { managementCompanyId, customerId: customer.id, status: "ACTIVE", allInstallations: true, grantedByUserId: null, acceptedAt: now },
        });
    await tx.invitation.updateMany({
      where: { kind: "MANAGEMENT_COMPANY", customerId: customer.id, managementCompanyId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await writeAudit(tx, actor, {
      action: "access.managementClientRegistered",
      targetType: "ManagementGrant",
      targetId: grant.id,
      customerId: customer.id,
      details: { companyName: company.name, organisationNumber: company.organisationNumber, customerNumber: customer.customerNumber },
      ipAddress: meta.ip ?? null,
    });
    return { grantId: grant.id, customerId: customer.id };
  });
}
