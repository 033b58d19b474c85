import "server-only";
import { validateConsentRequest, type RuleOutcome } from "@/domain/consent/request-rules";
import type { Prisma } from "@/generated/prisma/client";
import { countFailure, secondsLocked, throttleCounter } from "@/server/auth/throttle";
import { db } from "@/server/db/client";
import { ApiError } from "./api-error";
import { applyConsentEvent } from "./apply-consent-event";
import { resourceSelect, toResource, type ConsentRequestResource } from "./consent-request-resource";
import type { SubmitRequestInput } from "./schemas";
import type { ThirdPartyActor } from "./third-party-actor";

/** Mismatches of customer and metering point allowed per 15 minutes: per third party, and per metering point from all of them. */
export const MISMATCH_LIMITS = { perThirdParty: 20, perMeteringPoint: 5 } as const;

function matchCounters(thirdPartyId: string, meteringPointId: string) {
  return [
    throttleCounter("consent-match", "third-party", thirdPartyId, MISMATCH_LIMITS.perThirdParty),
    throttleCounter("consent-match", "metering-point", meteringPointId, MISMATCH_LIMITS.perMeteringPoint),
  ];
}

/** States in which a request or consent is still open: a second one for the same installation waits. */
const OPEN_STATES = ["RECEIVED", "NEEDS_REVIEW", "VALIDATED", "AWAITING_CUSTOMER", "ACTIVE"] as const;

// Grid first: third-party access to meter data is the grid company's duty (seed 002); supply and
// heating installations share or have their own metering points.
const TYPE_PREFERENCE = ["ELECTRICITY_GRID", "ELECTRICITY_SUPPLY", "DISTRICT_HEATING", "DISTRICT_COOLING"] as const;

const dbDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A third party submits a request for one installation's meter data (issue 6). The request is
 * stored as RECEIVED and validated by the rules at once, in the same transaction: it goes to the
 * customer (AWAITING_CUSTOMER), to staff (NEEDS_REVIEW) or is rejected (REJECTED_MALFORMED), each
 * step recorded and announced to the third party. The same reference again returns the existing
 * request (`created: false`); a reference reused for something else, or a second open request for
 * an installation, is refused and nothing is stored.
 */
export async function submitConsentRequest(
  actor: ThirdPartyActor,
  input: SubmitRequestInput,
  now: Date = new Date(),
): Promise<{ request: ConsentRequestResource; created: boolean }> {
  const existing = await db.consentRequest.findUnique({
    where: { thirdPartyId_reference: { thirdPartyId: actor.thirdPartyId, reference: input.reference } },
    select: { ...resourceSelect, customerIdentity: true },
  });
  if (existing) {
    const same =
      existing.customerIdentity === input.customerIdentityNumber &&
      existing.meteringPointId === input.meteringPointId &&
      existing.purpose === input.purpose &&
      existing.resolution === input.resolution &&
      isoDay(existing.dataFrom) === input.dataFrom &&
      (existing.dataTo ? isoDay(existing.dataTo) : null) === input.dataTo &&
      existing.requestedValidTo.getTime() === Date.parse(input.validTo);
    if (!same) throw new ApiError("REFERENCE_REUSED", `The reference ${input.reference} was already used for a different request.`, { existingId: existing.id });
    return { request: toResource(existing), created: false };
  }

  // Whether an identity number belongs to a metering point is a guess the answer confirms: like
  // every other such check (src/server/auth/throttle.ts), mismatches are counted per third party
  // and per metering point, and a locked counter refuses every request that involves it, right or not.
  const counters = matchCounters(actor.thirdPartyId, input.meteringPointId);
  const locked = await secondsLocked(counters, now);
  if (locked > 0) {
    throw new ApiError("RATE_LIMITED", `Too many requests whose customer and metering point did not match; try again in ${locked} s.`, { retryAfterSeconds: locked });
  }

  // The customer's installation with that metering point, if the identity matches.
  const candidates = await db.installation.findMany({
    where: { meteringPointId: input.meteringPointId, customer: { nationalId: input.customerIdentityNumber } },
    select: {
      id: true,
      customerId: true,
      type: true,
      status: true,
      resolution: true,
      startDate: true,
      endDate: true,
      series: { where: { quantity: "ENERGY_KWH" }, select: { resolution: true } },
    },
  });
  candidates.sort((a, b) => TYPE_PREFERENCE.indexOf(a.type) - TYPE_PREFERENCE.indexOf(b.type));
  const installation = candidates[0] ?? null;
  if (!installation) await countFailure(counters, now);

  if (installation) {
    const open = await db.consentRequest.findFirst({
      where: { thirdPartyId: actor.thirdPartyId, installationId: installation.id, state: { in: [...OPEN_STATES] } },
      select: { id: true },
    });
    if (open) {
      throw new ApiError("DUPLICATE_REQUEST", "You already have an open request or an active consent for this installation; end it before asking again.", { existingId: open.id });
    }
  }

  const finest = installation?.series.some((s) => s.resolution === "PT15M") || installation?.resolution === "PT15M" ? "PT15M" : "PT1H";
  const outcome: RuleOutcome = validateConsentRequest({
    match: installation
      ? { installationStatus: installation.status, installationStartDate: isoDay(installation.startDate), installationEndDate: installation.endDate ? isoDay(installation.endDate) : null, meterResolution: finest }
      : null,
    request: { resolution: input.resolution, dataFrom: input.dataFrom },
  });

  const request = await db.$transaction(async (tx) => {
    const created = await tx.consentRequest.create({
      data: {
        thirdPartyId: actor.thirdPartyId,
        apiClientId: actor.apiClientId,
        reference: input.reference,
        customerIdentity: input.customerIdentityNumber,
        meteringPointId: input.meteringPointId,
        purpose: input.purpose,
        resolution: input.resolution,
        dataFrom: dbDate(input.dataFrom),
        dataTo: input.dataTo ? dbDate(input.dataTo) : null,
        requestedValidTo: new Date(input.validTo),
        // Only a matching request is tied to the customer; a mismatch names nobody.
        customerId: outcome.decision === "reject" && outcome.code === "CUSTOMER_INSTALLATION_MISMATCH" ? null : installation?.customerId ?? null,
        installationId: outcome.decision === "reject" && outcome.code === "CUSTOMER_INSTALLATION_MISMATCH" ? null : installation?.id ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    const system = { kind: "system" } as const;
    await applyConsentEvent(tx, created.id, { type: "submit" }, { kind: "thirdParty", apiClientId: actor.apiClientId }, now);
    return applyRuleOutcome(tx, created.id, outcome, system, now);
  });
  return { request, created: true };
}

/** Moves a RECEIVED request on as the rules (or staff, for NEEDS_REVIEW) decided. */
export async function applyRuleOutcome(
  tx: Prisma.TransactionClient,
  requestId: string,
  outcome: RuleOutcome | { decision: "reject"; code: "REJECTED_BY_REVIEW"; reason: string },
  actor: { kind: "system" } | { kind: "staff"; staffId: string },
  now: Date,
): Promise<ConsentRequestResource> {
  if (outcome.decision === "reject") {
    return (await applyConsentEvent(tx, requestId, { type: "reject", reason: outcome.code }, actor, now, { update: { reasonCode: outcome.code, reasonText: outcome.reason } })).request;
  }
  if (outcome.decision === "needsReview") {
    return (await applyConsentEvent(tx, requestId, { type: "needsReview", reason: outcome.code }, actor, now, { update: { reasonCode: outcome.code, reasonText: outcome.reason } })).request;
  }
  await applyConsentEvent(tx, requestId, { type: "validate" }, actor, now, { update: { reasonCode: null, reasonText: null } });
  return (await applyConsentEvent(tx, requestId, { type: "present" }, actor, now)).request;
}
