import "server-only";
import { parseAnyNationalId } from "@/domain/identity";
import type { ManagementGrantStatus } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers } from "./membership-where";
import { notifyManagementRequest } from "./notify-management-request";
import { parseInput } from "@/server/boundary/field-errors";
import { registerManagementClientSchema, type RegisterManagementClientInput } from "./schemas";
import { verifyCustomerClaim } from "./verify-customer-claim";
import { replaceChosenInstallations } from "./installation-choice";

/** One answer whichever part is wrong, as in registration: the form never confirms a customer number. */
const noMatch = () => new AppError("CONFLICT", "access.errors.clientNoMatch");

export type RegisteredClient = { grantId: string; customerId: string; status: Extract<ManagementGrantStatus, "REQUESTED" | "ACTIVE"> };

/**
 * A management company's administrator registers a client (seed 001: "själva registrera sina
 * kunder") with the client's customer number and organisation (or personal) number. Those numbers
 * are public or guessable, so they give no access by themselves (docs/decisions/015-management-company-trust.md):
 *
 * - a client with administrators gets a REQUESTED grant: its administrators are told (Behörighet,
 *   the start page, an e-mail each) and accept it, for all or chosen installations, or decline it;
 *   an authorised signatory of the client may instead sign it with e-legitimation;
 * - a client without administrators cannot answer, so the company must give the check code from
 *   the client's invoices; then the grant is ACTIVE at once, for all installations;
 * - a client that has invited the company: the invitation is accepted through its link, by the
 *   address it was sent to, not here (otherwise whoever administers a company of that number —
 *   perhaps one who registered it first — would take the grant meant for the invited address).
 *
 * Guesses are limited per user, per client address and per customer number tried.
 */
export async function registerManagementClient(
  actor: CustomerActor,
  input: RegisterManagementClientInput,
  meta: { ip?: string | null } = {},
): Promise<RegisteredClient> {
  if (!(actor.managementCompanies ?? []).some((m) => m.managementCompanyId === input.managementCompanyId && m.role === "ADMINISTRATOR")) {
    throw new AppError("FORBIDDEN");
  }
  const { managementCompanyId, customerNumber, nationalId, checkCode } = parseInput(registerManagementClientSchema, input);
  const anyMarket = parseAnyNationalId(nationalId);
  if (!anyMarket.ok) throw new AppError("VALIDATION", undefined, { nationalId: [`validation.nationalId.${anyMarket.reason === "empty" ? "format" : anyMarket.reason}`] });
  const company = await db.managementCompany.findFirst({ where: { id: managementCompanyId, ...companyWhereActorAdministers(actor, managementCompanyId) } });
  if (!company) throw new AppError("NOT_FOUND");

  const customer = await verifyCustomerClaim({ customerNumber, nationalId, checkCode }, { mode: "client" }, { userId: actor.userId, ip: meta.ip }, noMatch);
  // The check code was right (verifyCustomerClaim asks for it exactly when nobody could accept).
  const byCheckCode = customer.administrators === 0;

  const result = await db.$transaction(async (tx) => {
    const existing = await tx.managementGrant.findUnique({ where: { managementCompanyId_customerId: { managementCompanyId, customerId: customer.id } } });
    if (existing?.status === "ACTIVE") throw new AppError("CONFLICT", "access.errors.clientAlreadyRegistered");
    if (existing?.status === "REQUESTED") throw new AppError("CONFLICT", "access.errors.clientAlreadyRequested");
    if (existing?.status === "PENDING") throw new AppError("CONFLICT", "access.errors.clientInvitedYou");
    // A client that declined or ended the company's access is not asked again with its numbers;
    // it invites the company when it wants to (a client without administrators: the code decides).
    if ((existing?.status === "DECLINED" || existing?.status === "REVOKED") && !byCheckCode) throw new AppError("CONFLICT", "access.errors.clientDeclined");

    const now = new Date();
    const requested = { requestedByUserId: actor.userId, requestedAt: now, declinedAt: null, declinedByUserId: null, revokedAt: null, signatureId: null };
    const status: RegisteredClient["status"] = byCheckCode ? "ACTIVE" : "REQUESTED";
    const data = {
      ...requested,
      status,
      allInstallations: true,
      grantedByUserId: null,
      proof: byCheckCode ? ("CHECK_CODE" as const) : null,
      acceptedAt: byCheckCode ? now : null,
    };
    const grant = existing
      ? await tx.managementGrant.update({ where: { id: existing.id }, data })
      : await tx.managementGrant.create({ data: { ...data, managementCompanyId, customerId: customer.id } });
    await replaceChosenInstallations(tx, { grantId: grant.id }, []);
    const grantId = grant.id;
    await writeAudit(tx, actor, {
      action: status === "ACTIVE" ? "access.managementClientRegistered" : "access.managementClientRequested",
      targetType: "ManagementGrant",
      targetId: grantId,
      customerId: customer.id,
      details: {
        companyName: company.name,
        organisationNumber: company.organisationNumber,
        customerNumber: customer.customerNumber,
        email: actor.email,
        ...(status === "ACTIVE" ? { proof: "CHECK_CODE" } : {}),
      },
      ipAddress: meta.ip ?? null,
    });
    return { grantId, customerId: customer.id, status };
  });

  if (result.status === "REQUESTED") await notifyManagementRequest(result.grantId);
  return result;
}
