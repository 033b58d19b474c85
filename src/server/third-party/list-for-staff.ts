import "server-only";
// What the support console shows of third-party access: the register, one company in full, and
// the review queue. Staff see every company; nothing here is scoped by customer.
import type { StaffActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export async function listThirdParties(_actor: StaffActor) {
  const parties = await db.thirdParty.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, organisationNumber: true, contactEmail: true, webhookUrl: true, status: true, createdAt: true, _count: { select: { clients: { where: { revokedAt: null } } } } },
  });
  const [active, pending, failed] = await Promise.all([
    db.consentRequest.groupBy({ by: ["thirdPartyId"], where: { state: "ACTIVE" }, _count: { _all: true } }),
    db.consentRequest.groupBy({ by: ["thirdPartyId"], where: { state: { in: ["AWAITING_CUSTOMER", "NEEDS_REVIEW"] } }, _count: { _all: true } }),
    db.webhookDelivery.groupBy({ by: ["thirdPartyId"], where: { status: "FAILED" }, _count: { _all: true } }),
  ]);
  const countOf = (rows: { thirdPartyId: string; _count: { _all: number } }[], id: string) => rows.find((r) => r.thirdPartyId === id)?._count._all ?? 0;
  return parties.map((p) => ({
    ...p,
    activeClients: p._count.clients,
    activeConsents: countOf(active, p.id),
    openRequests: countOf(pending, p.id),
    failedWebhooks: countOf(failed, p.id),
  }));
}

export async function getThirdPartyForStaff(_actor: StaffActor, id: string) {
  const party = await db.thirdParty.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      organisationNumber: true,
      contactEmail: true,
      contactPhone: true,
      webhookUrl: true,
      status: true,
      createdAt: true,
      clients: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          clientId: true,
          name: true,
          createdAt: true,
          revokedAt: true,
          lastUsedAt: true,
          secrets: { orderBy: { createdAt: "asc" }, select: { id: true, hint: true, createdAt: true, expiresAt: true, revokedAt: true } },
        },
      },
      webhooks: {
        orderBy: { createdAt: "desc" },
        take: 30,
        select: { id: true, eventId: true, type: true, status: true, attempts: true, nextAttemptAt: true, lastAttemptAt: true, lastStatusCode: true, lastError: true, deliveredAt: true, createdAt: true },
      },
    },
  });
  if (!party) throw new AppError("NOT_FOUND");
  const states = await db.consentRequest.groupBy({ by: ["state"], where: { thirdPartyId: id }, _count: { _all: true } });
  return { ...party, requestsByState: Object.fromEntries(states.map((s) => [s.state, s._count._all])) as Record<string, number> };
}

/** Requests the rules could not decide (NEEDS_REVIEW), oldest first, with what staff need to judge. */
export async function listReviewQueue(_actor: StaffActor) {
  return db.consentRequest.findMany({
    where: { state: "NEEDS_REVIEW" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      reference: true,
      reasonCode: true,
      reasonText: true,
      purpose: true,
      resolution: true,
      dataFrom: true,
      dataTo: true,
      requestedValidTo: true,
      meteringPointId: true,
      createdAt: true,
      thirdParty: { select: { id: true, name: true, organisationNumber: true } },
      customer: { select: { id: true, customerNumber: true, name: true } },
      installation: { select: { id: true, name: true, street: true, city: true, status: true, startDate: true, endDate: true, type: true } },
    },
  });
}
