import "server-only";
// The customer's side of a consent (seed 002 step 5 and "Så avslutar du"): decline requests and
// end active consents. Approving needs an e-legitimation signature: ./approve-consent-requests.ts.
import type { ConsentEvent } from "@/domain/consent/state-machine";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { applyConsentEvent, TransitionRefused } from "./apply-consent-event";
import { consentWhereActorMay } from "./customer-scope";

/** The most requests one decision (approve or decline) may cover. */
export const MAX_REQUESTS_PER_DECISION = 8;

/**
 * Applies one customer event to each request, all or nothing: every request must be one the user
 * may decide on (else NOT_FOUND, so nobody learns about others' requests) and still in a state
 * that allows the event (else CONFLICT). Audited under each request's customer.
 */
async function decideAsCustomer(
  actor: CustomerActor,
  requestIds: string[],
  event: ConsentEvent & { type: "decline" | "terminate" },
  meta: { now?: Date; ip?: string | null } = {},
): Promise<number> {
  const ids = [...new Set(requestIds)];
  if (ids.length === 0 || ids.length > MAX_REQUESTS_PER_DECISION) throw new AppError("VALIDATION", "thirdParty.errors.selectionSize");
  const now = meta.now ?? new Date();
  return db.$transaction(async (tx) => {
    const requests = await tx.consentRequest.findMany({
      where: { AND: [{ id: { in: ids } }, consentWhereActorMay(actor, "decideThirdPartyRequests")] },
      select: { id: true, customerId: true, version: true, thirdParty: { select: { name: true } } },
    });
    if (requests.length !== ids.length) throw new AppError("NOT_FOUND");
    for (const r of requests) {
      try {
        await applyConsentEvent(tx, r.id, event, { kind: "customer", userId: actor.userId }, now, { expectedVersion: r.version });
      } catch (error) {
        if (error instanceof TransitionRefused) throw new AppError("CONFLICT", "thirdParty.errors.changed");
        throw error;
      }
      await writeAudit(tx, actor, {
        action: event.type === "decline" ? "thirdParty.request.declined" : "thirdParty.consent.terminated",
        targetType: "ConsentRequest",
        targetId: r.id,
        customerId: r.customerId,
        details: { thirdParty: r.thirdParty.name },
        ipAddress: meta.ip ?? null,
      });
    }
    return requests.length;
  });
}

export const declineConsentRequests = (actor: CustomerActor, requestIds: string[], meta?: { now?: Date; ip?: string | null }) =>
  decideAsCustomer(actor, requestIds, { type: "decline" }, meta);

/** "Avsluta": ends an active consent at once; the third party's next call is refused. */
export const terminateConsentAsCustomer = (actor: CustomerActor, requestId: string, meta?: { now?: Date; ip?: string | null }) =>
  decideAsCustomer(actor, [requestId], { type: "terminate", by: "customer" }, meta);
