import "server-only";
// The third party's own view of its requests through the API: read one, list them, follow the
// event feed, end a consent. Every query is scoped by the caller's thirdPartyId: another company's
// request is simply not found.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { ApiError } from "./api-error";
import { applyConsentEvent, TransitionRefused, webhookType, type WebhookPayload } from "./apply-consent-event";
import { resourceSelect, toResource, type ConsentRequestResource } from "./consent-request-resource";
import type { ThirdPartyActor } from "./third-party-actor";

export async function getConsentRequestForThirdParty(actor: ThirdPartyActor, id: string): Promise<ConsentRequestResource> {
  const row = await db.consentRequest.findFirst({ where: { id, thirdPartyId: actor.thirdPartyId }, select: resourceSelect });
  if (!row) throw new ApiError("NOT_FOUND", "No consent request with that id is yours.");
  return toResource(row);
}

export async function listConsentRequestsForThirdParty(
  actor: ThirdPartyActor,
  query: { state?: ConsentRequestResource["state"]; reference?: string; limit: number; after?: string },
): Promise<{ items: ConsentRequestResource[]; next: string | null }> {
  const where: Prisma.ConsentRequestWhereInput = {
    thirdPartyId: actor.thirdPartyId,
    ...(query.state ? { state: query.state } : {}),
    ...(query.reference ? { reference: query.reference } : {}),
    ...(query.after ? { id: { gt: query.after } } : {}),
  };
  const rows = await db.consentRequest.findMany({ where, select: resourceSelect, orderBy: { id: "asc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toResource), next: rows.length > query.limit ? page.at(-1)!.id : null };
}

/** The third party ends a consent itself; its next data call is refused. */
export async function terminateConsentAsThirdParty(actor: ThirdPartyActor, id: string, now: Date = new Date()): Promise<ConsentRequestResource> {
  const row = await db.consentRequest.findFirst({ where: { id, thirdPartyId: actor.thirdPartyId }, select: { id: true, version: true } });
  if (!row) throw new ApiError("NOT_FOUND", "No consent request with that id is yours.");
  try {
    return await db.$transaction(async (tx) => {
      const { request } = await applyConsentEvent(tx, id, { type: "terminate", by: "thirdParty" }, { kind: "thirdParty", apiClientId: actor.apiClientId }, now, {
        expectedVersion: row.version,
      });
      return request;
    });
  } catch (error) {
    if (error instanceof TransitionRefused) throw new ApiError(error.code === "CONCURRENT_CHANGE" ? "CONCURRENT_CHANGE" : "ILLEGAL_TRANSITION", error.code === "CONCURRENT_CHANGE" ? error.message : "Only an active consent can be terminated.");
    throw error;
  }
}

/**
 * GET /api/v1/events: every transition of the caller's requests after an event id, oldest first,
 * in the same shape as the webhooks, so a third party that missed webhooks can catch up.
 */
export async function listEventsForThirdParty(actor: ThirdPartyActor, query: { after?: string; limit: number }): Promise<{ items: WebhookPayload[]; next: string | null }> {
  const events = await db.consentEvent.findMany({
    where: { thirdPartyId: actor.thirdPartyId, ...(query.after ? { id: { gt: BigInt(query.after) } } : {}) },
    orderBy: { id: "asc" },
    take: query.limit,
    select: { id: true, requestId: true, fromState: true, toState: true, event: true, actorKind: true, at: true },
  });
  const requests = await db.consentRequest.findMany({ where: { id: { in: [...new Set(events.map((e) => e.requestId))] } }, select: resourceSelect });
  const byId = new Map(requests.map((r) => [r.id, toResource(r)]));
  const items = events.map(
    (e): WebhookPayload => ({
      id: e.id.toString(),
      type: webhookType(e.event, e.toState),
      createdAt: e.at.toISOString(),
      data: {
        consentRequest: byId.get(e.requestId)!,
        transition: { from: e.fromState, to: e.toState, event: e.event, actor: e.actorKind as WebhookPayload["data"]["transition"]["actor"], at: e.at.toISOString() },
      },
    }),
  );
  return { items, next: items.length === query.limit ? items.at(-1)!.id : null };
}
