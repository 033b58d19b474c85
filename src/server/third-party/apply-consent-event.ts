import "server-only";
// The one way a consent request changes state: the domain state machine decides, and in the
// caller's transaction this writes the new state, the transition record (who, what, when) and the
// webhook that tells the third party (outbox; sent by dispatchWebhooks after the commit).
import { terminalStates, transition, type ActorKind, type ConsentEvent, type ConsentState } from "@/domain/consent/state-machine";
import { Prisma } from "@/generated/prisma/client";
import { resourceSelect, toResource, type ConsentRequestResource } from "./consent-request-resource";

/** How long a customer has to answer a request before it expires unanswered. */
const ANSWER_WITHIN_DAYS = 30;

export type TransitionActor =
  | { kind: "system" }
  | { kind: "staff"; staffId: string }
  | { kind: "customer"; userId: string }
  | { kind: "thirdParty"; apiClientId: string };

/** A transition the state machine (or a concurrent change) refused; nothing was written. */
export class TransitionRefused extends Error {
  constructor(
    readonly code: "ILLEGAL_TRANSITION" | "FORBIDDEN_ACTOR" | "INVALID_VALIDITY" | "CONCURRENT_CHANGE",
    message: string,
  ) {
    super(message);
    this.name = "TransitionRefused";
  }
}

export type WebhookPayload = {
  id: string;
  type: string;
  createdAt: string;
  data: {
    consentRequest: ConsentRequestResource;
    transition: { from: ConsentState; to: ConsentState; event: string; actor: ActorKind; at: string };
  };
};

export const webhookType = (event: string, to: ConsentState) => (event === "submit" ? "consent_request.received" : `consent_request.${to.toLowerCase()}`);

type Tx = Prisma.TransactionClient;

const stateFields = { ...resourceSelect, thirdPartyId: true, version: true } as const;

/**
 * Records an event on a request: the submission (`"submit"`, no state change) or a transition of
 * the state machine. `update` adds columns that belong to the change (the reason of a review, the
 * decider). Throws TransitionRefused when the machine says no or the row changed meanwhile.
 */
export async function applyConsentEvent(
  tx: Tx,
  requestId: string,
  event: ConsentEvent | { type: "submit" },
  actor: TransitionActor,
  at: Date,
  options: { update?: Prisma.ConsentRequestUncheckedUpdateManyInput; details?: Prisma.InputJsonObject; expectedVersion?: number } = {},
): Promise<{ request: ConsentRequestResource; eventId: bigint }> {
  const current = await tx.consentRequest.findUnique({ where: { id: requestId }, select: stateFields });
  if (!current) throw new TransitionRefused("ILLEGAL_TRANSITION", "No such request.");
  if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
    throw new TransitionRefused("CONCURRENT_CHANGE", "The request changed meanwhile.");
  }

  let to: ConsentState = current.state;
  const update: Prisma.ConsentRequestUncheckedUpdateManyInput = { ...options.update };
  if (event.type !== "submit") {
    const result = transition(
      { state: current.state, requestedValidTo: current.requestedValidTo.toISOString(), validTo: current.validTo?.toISOString() ?? null },
      event,
      { kind: actor.kind },
      at.toISOString(),
    );
    if (!result.ok) throw new TransitionRefused(result.code, result.message);
    to = result.next.state;
    update.state = to;
    if (event.type === "present") update.answerBy = new Date(at.getTime() + ANSWER_WITHIN_DAYS * 86_400_000);
    if (event.type === "approve") {
      update.validFrom = at;
      update.validTo = new Date(result.next.validTo!);
    }
    if (event.type === "approve" || event.type === "decline") {
      update.decidedAt = at;
      if (actor.kind === "customer") update.decidedByUserId = actor.userId;
    }
    if (terminalStates.includes(to)) update.endedAt = at;
  }
  const changed = await tx.consentRequest.updateMany({
    where: { id: requestId, version: current.version },
    data: { ...update, version: { increment: 1 } },
  });
  if (changed.count !== 1) throw new TransitionRefused("CONCURRENT_CHANGE", "The request changed meanwhile.");

  const record = await tx.consentEvent.create({
    data: {
      requestId,
      thirdPartyId: current.thirdPartyId,
      fromState: current.state,
      toState: to,
      event: event.type,
      actorKind: actor.kind,
      actorUserId: actor.kind === "customer" ? actor.userId : null,
      actorStaffId: actor.kind === "staff" ? actor.staffId : null,
      actorApiClientId: actor.kind === "thirdParty" ? actor.apiClientId : null,
      at,
      details: options.details ?? {},
    },
    select: { id: true },
  });

  const after = await tx.consentRequest.findUniqueOrThrow({ where: { id: requestId }, select: resourceSelect });
  const resource = toResource(after);
  const party = await tx.thirdParty.findUniqueOrThrow({ where: { id: current.thirdPartyId }, select: { webhookUrl: true } });
  if (party.webhookUrl) {
    const payload: WebhookPayload = {
      id: record.id.toString(),
      type: webhookType(event.type, to),
      createdAt: at.toISOString(),
      data: { consentRequest: resource, transition: { from: current.state, to, event: event.type, actor: actor.kind, at: at.toISOString() } },
    };
    await tx.webhookDelivery.create({
      data: { thirdPartyId: current.thirdPartyId, eventId: record.id, type: payload.type, payload: payload as unknown as Prisma.InputJsonObject, nextAttemptAt: at, createdAt: at },
    });
  }
  return { request: resource, eventId: record.id };
}
