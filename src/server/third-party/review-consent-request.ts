import "server-only";
import type { StaffActor } from "@/server/access/actor";
import { parseInput } from "@/server/boundary/field-errors";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { TransitionRefused } from "./apply-consent-event";
import { reviewSchema } from "./staff-schemas";
import { applyRuleOutcome } from "./submit-consent-request";

export type ReviewDecision = { requestId: string; decision: "validate" } | { requestId: string; decision: "reject"; reason: string };

/**
 * Staff decide a request the rules sent to the review queue (NEEDS_REVIEW): pass it on to the
 * customer, or reject it with a reason the third party receives. Audited under the customer.
 */
export async function reviewConsentRequest(actor: StaffActor, raw: ReviewDecision, now: Date = new Date()) {
  const input = parseInput(reviewSchema, raw);
  return db.$transaction(async (tx) => {
    const request = await tx.consentRequest.findUnique({ where: { id: input.requestId }, select: { id: true, state: true, customerId: true, reasonCode: true } });
    if (!request) throw new AppError("NOT_FOUND");
    if (request.state !== "NEEDS_REVIEW") throw new AppError("CONFLICT", "thirdPartyAdmin.review.alreadyDecided");
    const staff = { kind: "staff" as const, staffId: actor.staffId };
    try {
      const resource =
        input.decision === "validate"
          ? await applyRuleOutcome(tx, request.id, { decision: "validate" }, staff, now)
          : await applyRuleOutcome(tx, request.id, { decision: "reject", code: "REJECTED_BY_REVIEW", reason: input.reason }, staff, now);
      await writeAudit(tx, actor, {
        action: input.decision === "validate" ? "thirdParty.request.reviewApproved" : "thirdParty.request.reviewRejected",
        targetType: "ConsentRequest",
        targetId: request.id,
        customerId: request.customerId,
        details: { reviewReason: request.reasonCode, ...(input.decision === "reject" ? { reason: input.reason } : {}) },
      });
      return resource;
    } catch (error) {
      if (error instanceof TransitionRefused) throw new AppError("CONFLICT", "thirdPartyAdmin.review.alreadyDecided");
      throw error;
    }
  });
}
