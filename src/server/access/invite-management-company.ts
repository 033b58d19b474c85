import "server-only";
import { formatOrganisationNumber, parseOrganisationNumber } from "@/domain/access/organisation-number";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { newInvitationToken } from "./invitation-token";
import { customerWhereActorMay } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { inviteManagementCompanySchema, type InviteManagementCompanyInput } from "./schemas";
import { sendInvitationMail } from "./send-invitation-mail";
import { chosenInstallations, replaceChosenInstallations, requireCustomerInstallations } from "./installation-choice";
import { issueInvitation } from "./issue-invitation";

/**
 * A customer's administrator invites a property management company (förvaltningsbolag) by its
 * organisation number and name and its administrator's address, letting it see all or chosen
 * installations (seed 001). The grant waits (PENDING) until the invited address accepts the mailed
 * link: a company new to the portal is then registered under the invitation's name with the
 * acceptor as its administrator; a registered company's invitation is for its administrators. An
 * earlier unused invitation for the same company and customer stops working, and the new choice of
 * installations replaces the old one. A company's own request for the customer is answered by
 * inviting it, since that is the customer's consent too.
 */
export async function inviteManagementCompany(
  actor: CustomerActor,
  input: InviteManagementCompanyInput,
  meta: { locale?: string | null; ip?: string | null } = {},
): Promise<{ invitationId: string; grantId: string }> {
  accessTo(actor, input.customerId, "inviteManagementCompany");
  const { customerId, organisationNumber: typed, companyName, email, scope, installationIds } = parseInput(inviteManagementCompanySchema, input);
  const org = parseOrganisationNumber(typed);
  if (!org.ok) {
    const key = org.reason === "personal" ? "access.errors.notOrganisationNumber" : `validation.nationalId.${org.reason === "empty" ? "format" : org.reason}`;
    throw new AppError("VALIDATION", undefined, { organisationNumber: [key] });
  }
  const organisationNumber = org.value.normalized;
  const selected = chosenInstallations(scope, installationIds);
  const { token, tokenHash, expiresAt } = newInvitationToken();

  const result = await db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { id: customerId, ...customerWhereActorMay(actor, "inviteManagementCompany") },
      select: { id: true, name: true, customerNumber: true },
    });
    if (!customer) throw new AppError("NOT_FOUND");
    await requireCustomerInstallations(tx, customerId, selected);
    // A company new to the portal gets a row now, named by its number until the invitation is
    // accepted (another customer may invite the same number under another name meanwhile).
    const company = await tx.managementCompany.upsert({
      where: { organisationNumber },
      create: { organisationNumber, name: formatOrganisationNumber(organisationNumber) },
      update: {},
    });
    const existing = await tx.managementGrant.findUnique({ where: { managementCompanyId_customerId: { managementCompanyId: company.id, customerId } } });
    if (existing?.status === "ACTIVE") throw new AppError("CONFLICT", "access.errors.companyAlreadyActive");
    const grantData = {
      status: "PENDING" as const,
      allInstallations: selected.length === 0,
      grantedByUserId: actor.userId,
      proof: null,
      acceptedAt: null,
      revokedAt: null,
      declinedAt: null,
      declinedByUserId: null,
      signatureId: null,
    };
    const grant = existing
      ? await tx.managementGrant.update({ where: { id: existing.id }, data: grantData })
      : await tx.managementGrant.create({ data: { ...grantData, managementCompanyId: company.id, customerId } });
    await replaceChosenInstallations(tx, { grantId: grant.id }, selected);

    const invitation = await issueInvitation(
      tx,
      { customerId, managementCompanyId: company.id },
      { kind: "MANAGEMENT_COMPANY", tokenHash, email, customerId, managementCompanyId: company.id, organisationNumber, companyName, invitedByUserId: actor.userId, expiresAt },
      selected,
    );
    await writeAudit(tx, actor, {
      action: "access.managementCompanyInvited",
      targetType: "ManagementGrant",
      targetId: grant.id,
      customerId,
      details: { organisationNumber, companyName, email, installations: selected.length === 0 ? "all" : selected.length },
      ipAddress: meta.ip ?? null,
    });
    return { invitationId: invitation.id, grantId: grant.id, customer };
  });

  await sendInvitationMail({
    kind: "MANAGEMENT_COMPANY",
    to: email,
    token,
    locale: meta.locale,
    inviterName: actor.name,
    customerName: result.customer.name,
    customerNumber: result.customer.customerNumber,
    organisationNumber,
    companyName,
    scheme: org.value.scheme,
  });
  return { invitationId: result.invitationId, grantId: result.grantId };
}
