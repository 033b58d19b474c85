import "server-only";
// The signatory proof (docs/decisions/015-management-company-trust.md): a management company's administrator who is also an
// authorised signatory of the client — its own administrator of the whole customer, with
// e-legitimation linked — signs the company's request with e-legitimation, and the grant becomes
// ACTIVE for all installations without waiting for another administrator. Only ADMINISTRATOR
// counts: Fullständig and Läs persons may not let anyone in (`inviteManagementCompany`), so their
// signature proves nothing about the customer's consent. Built like the third-party approval
// (src/server/third-party/approve-consent-requests.ts): the signed text is rebuilt and compared on
// return, and the signature must be fresh and unused.
import { may } from "@/domain/access/permissions";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import type { Prisma } from "@/generated/prisma/client";
import { translator } from "@/i18n/translator";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { findFreshSignature } from "@/server/eleg/find-fresh-signature";
import { payloadHashOf, requireSignature } from "@/server/eleg/signing";
import { AppError } from "@/server/errors";
import { companyWhereActorAdministers, customerWhereActorMay } from "./membership-where";
import { grantIdSchema } from "./schemas";
import { parseInput } from "@/server/boundary/field-errors";
import { replaceChosenInstallations } from "./installation-choice";

export const SIGNATORY_PURPOSE = "management.signatory";
/** Where the signing callback sends the browser; the route completes the grant. */
const SIGNATORY_RETURN_PATH = "/api/forvaltning/signering";

type SignedRequest = { g: string; l: string };

/** What the signed text is built from. */
export const signableSelect = {
  id: true,
  customerId: true,
  customer: { select: { name: true, customerNumber: true } },
  managementCompany: { select: { name: true, organisationNumber: true } },
} as const satisfies Prisma.ManagementGrantSelect;

export type Signable = Prisma.ManagementGrantGetPayload<{ select: typeof signableSelect }>;

/** The request as the signatory may sign it: REQUESTED, of a company the actor administers, of a customer the actor administers wholly. */
async function loadSignable(actor: CustomerActor, grantId: string): Promise<Signable | null> {
  return db.managementGrant.findFirst({
    where: {
      id: grantId,
      status: "REQUESTED",
      managementCompany: companyWhereActorAdministers(actor),
      customer: customerWhereActorMay(actor, "inviteManagementCompany"),
    },
    select: signableSelect,
  });
}

/** The canonical text the signatory signs, in their language; rebuilt on return to verify the signature. */
export async function signatoryText(locale: string, grant: Signable): Promise<string> {
  const t = await translator(locale, "access");
  return t("signatory.text", {
    customer: grant.customer.name,
    customerNumber: grant.customer.customerNumber,
    company: grant.managementCompany.name,
    organisationNumber: formatOrganisationNumber(grant.managementCompany.organisationNumber),
    reference: grant.id,
  });
}

/** Whether the actor may sign requests of this customer as its signatory (shown on Förvaltning). */
export function maySignAsSignatory(actor: CustomerActor, customerId: string): boolean {
  const access = actor.customers.find((c) => c.customerId === customerId);
  return Boolean(access && may(access, "inviteManagementCompany"));
}

/**
 * Starts the signing of a company's request by the actor as the client's signatory and returns the
 * broker's address. NOT_FOUND for a request the actor may not sign (not the company's
 * administrator, not the client's whole administrator, or no longer waiting).
 */
export async function startManagementRequestSignature(actor: CustomerActor, input: { grantId: string }, locale: string): Promise<string> {
  const { grantId } = parseInput(grantIdSchema, input);
  const grant = await loadSignable(actor, grantId);
  if (!grant) throw new AppError("NOT_FOUND");
  const text = await signatoryText(locale, grant);
  const data: SignedRequest = { g: grant.id, l: locale };
  return requireSignature(actor, SIGNATORY_PURPOSE, { text, data }, { returnTo: SIGNATORY_RETURN_PATH, locale });
}

export type SignatoryOutcome = { status: "active"; grantId: string } | { status: "failed"; reason: "noSignature" | "changed" };

/**
 * After the broker: the actor's newest signatory signature (at most 15 minutes old, not used for
 * another grant) must be of exactly the text the request gives now, and the request must still be
 * waiting and the actor still the client's administrator; then the grant is ACTIVE for all
 * installations, with the signature as its proof.
 */
export async function completeManagementRequestSignature(actor: CustomerActor, meta: { now?: Date; ip?: string | null } = {}): Promise<SignatoryOutcome> {
  const now = meta.now ?? new Date();
  const signature = await findFreshSignature<SignedRequest>(actor.userId, SIGNATORY_PURPOSE, now);
  if (!signature) return { status: "failed", reason: "noSignature" };
  if ((await db.managementGrant.count({ where: { signatureId: signature.id } })) > 0) return { status: "failed", reason: "noSignature" };
  const data = signature.data;
  if (!data || typeof data.g !== "string" || typeof data.l !== "string") return { status: "failed", reason: "noSignature" };

  const grant = await loadSignable(actor, data.g);
  if (!grant || payloadHashOf(await signatoryText(data.l, grant)) !== signature.payloadHash) return { status: "failed", reason: "changed" };

  const activated = await db.$transaction(async (tx) => {
    const claimed = await tx.managementGrant.updateMany({
      where: { id: grant.id, status: "REQUESTED" },
      data: { status: "ACTIVE", allInstallations: true, grantedByUserId: actor.userId, proof: "SIGNATORY", signatureId: signature.id, acceptedAt: now },
    });
    if (claimed.count !== 1) return false;
    await replaceChosenInstallations(tx, { grantId: grant.id }, []);
    await writeAudit(tx, actor, {
      action: "access.managementRequestSigned",
      targetType: "ManagementGrant",
      targetId: grant.id,
      customerId: grant.customerId,
      details: { companyName: grant.managementCompany.name, organisationNumber: grant.managementCompany.organisationNumber, signatureId: signature.id, installations: "all" },
      ipAddress: meta.ip ?? null,
    });
    return true;
  });
  return activated ? { status: "active", grantId: grant.id } : { status: "failed", reason: "changed" };
}
