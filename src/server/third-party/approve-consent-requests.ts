import "server-only";
// Approving requests for meter data (seed 002 step 5) is a signing with e-legitimation: the user
// sees one text naming each company, installation, kind of data and validity, signs it at the
// broker, and only a signature of exactly that text — checked against the requests as they are
// when the user comes back — makes the consents ACTIVE. One signing may approve several requests.
import { addDays, localDate, localMidnightUtc } from "@/domain/time/zoned";
import type { Prisma } from "@/generated/prisma/client";
import { formatMeteringPointId } from "@/domain/identity";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { MAX_SIGN_TEXT_LENGTH } from "@/lib/eleg-protocol";
import { translator } from "@/i18n/translator";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { findFreshSignature } from "@/server/eleg/find-fresh-signature";
import { payloadHashOf, requireSignature } from "@/server/eleg/signing";
import { AppError } from "@/server/errors";
import { applyConsentEvent, TransitionRefused } from "./apply-consent-event";
import { consentWhereActorMay } from "./customer-scope";
import { MAX_REQUESTS_PER_DECISION } from "./decide-as-customer";

export const APPROVE_PURPOSE = "consent.approve";
/** Where the signing callback sends the browser; the route completes the approval. */
const APPROVAL_RETURN_PATH = "/api/tredjepartsatkomst/godkann";

export type ApprovalChoice = { requestId: string; /** Last local day of validity (YYYY-MM-DD); default: as requested. */ validUntil?: string | null };

/** What an approval text is built from: a request as `loadDecidable` reads it. */
export const decidableSelect = {
  id: true,
  version: true,
  customerId: true,
  requestedValidTo: true,
  resolution: true,
  dataFrom: true,
  dataTo: true,
  thirdParty: { select: { name: true, organisationNumber: true } },
  installation: { select: { meteringPointId: true, street: true, city: true, timeZone: true } },
  customer: { select: { customerNumber: true } },
} as const satisfies Prisma.ConsentRequestSelect;

export type Decidable = Prisma.ConsentRequestGetPayload<{ select: typeof decidableSelect }>;

async function loadDecidable(actor: CustomerActor, ids: string[]): Promise<Decidable[]> {
  const rows = await db.consentRequest.findMany({
    where: { AND: [{ id: { in: ids } }, { state: "AWAITING_CUSTOMER" }, consentWhereActorMay(actor, "decideThirdPartyRequests")] },
    select: decidableSelect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is Decidable => r !== undefined);
}

/** The last local day a consent ending at `validTo` covers ("till och med"). */
export const lastValidDay = (validTo: Date, timeZone: string) => localDate(new Date(validTo.getTime() - 1), timeZone);

/** The canonical text the user signs, in their language; rebuilt on return to verify the signature. */
export async function approvalText(locale: string, items: { request: Decidable; validTo: Date }[]): Promise<string> {
  const t = await translator(locale, "thirdParty");
  const lines = items.map(({ request: r, validTo }) =>
    t("approval.line", {
      company: r.thirdParty.name,
      organisationNumber: formatOrganisationNumber(r.thirdParty.organisationNumber),
      data: t(`resolutionPlural.${r.resolution}`),
      from: r.dataFrom.toISOString().slice(0, 10),
      to: r.dataTo ? t("approval.lineTo", { to: addDays(r.dataTo.toISOString().slice(0, 10), -1) }) : "",
      meteringPoint: formatMeteringPointId(r.installation!.meteringPointId),
      address: `${r.installation!.street}, ${r.installation!.city}`,
      customerNumber: r.customer!.customerNumber,
      validUntil: lastValidDay(validTo, r.installation!.timeZone),
    }),
  );
  return [t("approval.heading"), ...lines, t("approval.footer")].join("\n");
}

/** The validity the user chose: the end of the chosen local day, never beyond what was asked for. */
function chosenValidTo(request: Decidable, validUntil: string | null | undefined, now: Date): Date {
  if (!validUntil) return request.requestedValidTo;
  const tz = request.installation!.timeZone;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validUntil) || validUntil < localDate(now, tz)) {
    throw new AppError("VALIDATION", "errors.VALIDATION", { [`validUntil_${request.id}`]: ["thirdParty.errors.validUntil"] });
  }
  const end = localMidnightUtc(addDays(validUntil, 1), tz);
  return end < request.requestedValidTo ? end : request.requestedValidTo;
}

type SignedApproval = { l: string; d: [id: string, validToMs: number, version: number][] };

/**
 * Starts the signing of an approval and returns the broker's address to send the browser to.
 * Refuses requests the user may not decide on (NOT_FOUND) or that are no longer waiting.
 */
export async function startConsentApproval(actor: CustomerActor, choices: ApprovalChoice[], locale: string, now: Date = new Date()): Promise<string> {
  const ids = [...new Set(choices.map((c) => c.requestId))];
  if (ids.length === 0 || ids.length > MAX_REQUESTS_PER_DECISION) throw new AppError("VALIDATION", "thirdParty.errors.selectionSize");
  const requests = await loadDecidable(actor, ids);
  if (requests.length !== ids.length) throw new AppError("NOT_FOUND");
  const items = requests.map((request) => ({ request, validTo: chosenValidTo(request, choices.find((c) => c.requestId === request.id)?.validUntil, now) }));
  const text = await approvalText(locale, items);
  if (text.length > MAX_SIGN_TEXT_LENGTH) throw new AppError("VALIDATION", "thirdParty.errors.selectionSize");
  const data: SignedApproval = { l: locale, d: items.map((i) => [i.request.id, i.validTo.getTime(), i.request.version]) };
  return requireSignature(actor, APPROVE_PURPOSE, { text, data }, { returnTo: APPROVAL_RETURN_PATH, locale });
}

export type ApprovalOutcome = { status: "approved"; count: number } | { status: "failed"; reason: "noSignature" | "changed" };

/**
 * After the broker: the user's newest unused approval signature (at most 15 minutes old) is checked
 * against the requests as they are now — same text, same versions, still waiting, still the user's
 * to decide — and then every consent in it becomes ACTIVE, all or none.
 */
export async function completeConsentApproval(actor: CustomerActor, meta: { now?: Date; ip?: string | null } = {}): Promise<ApprovalOutcome> {
  const now = meta.now ?? new Date();
  const signature = await findFreshSignature<SignedApproval>(actor.userId, APPROVE_PURPOSE, now);
  if (!signature) return { status: "failed", reason: "noSignature" };
  if ((await db.consentRequest.count({ where: { signatureId: signature.id } })) > 0) return { status: "failed", reason: "noSignature" };
  const data = signature.data;
  if (!data || !Array.isArray(data.d) || data.d.length === 0) return { status: "failed", reason: "noSignature" };

  const requests = await loadDecidable(actor, data.d.map(([id]) => id));
  if (requests.length !== data.d.length) return { status: "failed", reason: "changed" };
  const items = data.d.map(([id, validToMs, version]) => ({ request: requests.find((r) => r.id === id)!, validTo: new Date(validToMs), version }));
  if (items.some((i) => i.request.version !== i.version)) return { status: "failed", reason: "changed" };
  if (payloadHashOf(await approvalText(data.l, items)) !== signature.payloadHash) return { status: "failed", reason: "changed" };

  try {
    await db.$transaction(async (tx) => {
      for (const { request, validTo, version } of items) {
        await applyConsentEvent(tx, request.id, { type: "approve", validTo: validTo.toISOString() }, { kind: "customer", userId: actor.userId }, now, {
          expectedVersion: version,
          update: { signatureId: signature.id },
          details: { signatureId: signature.id },
        });
        await writeAudit(tx, actor, {
          action: "thirdParty.consent.approved",
          targetType: "ConsentRequest",
          targetId: request.id,
          customerId: request.customerId,
          details: { thirdParty: request.thirdParty.name, validTo: validTo.toISOString(), signatureId: signature.id },
          ipAddress: meta.ip ?? null,
        });
      }
    });
  } catch (error) {
    if (error instanceof TransitionRefused) return { status: "failed", reason: "changed" };
    throw error;
  }
  return { status: "approved", count: items.length };
}
