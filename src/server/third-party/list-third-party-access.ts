import "server-only";
import { can } from "@/domain/access/permissions";
import type { ConsentState, DataResolution } from "@/generated/prisma/enums";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { consentTermsSelect } from "./consent-terms-select";
import { consentWhereActorMay } from "./customer-scope";

export type ThirdPartyAccessItem = {
  id: string;
  state: ConsentState;
  thirdParty: { name: string; organisationNumber: string };
  installation: { id: string; name: string | null; street: string; city: string; meteringPointId: string; type: string; timeZone: string };
  customer: { id: string; customerNumber: string; name: string };
  purpose: string;
  resolution: DataResolution;
  dataFrom: Date;
  dataTo: Date | null;
  requestedValidTo: Date;
  answerBy: Date | null;
  validFrom: Date | null;
  validTo: Date | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  endedAt: Date | null;
  /** Who in the customer's organisation ended the consent (TERMINATED_BY_CUSTOMER). */
  endedByName: string | null;
  createdAt: Date;
  /** The signed-in user's level lets them approve, decline or end it. */
  canDecide: boolean;
};

export type ThirdPartyAccessOverview = {
  pending: ThirdPartyAccessItem[];
  active: ThirdPartyAccessItem[];
  inactive: ThirdPartyAccessItem[];
};

const INACTIVE = ["DECLINED", "TERMINATED_BY_CUSTOMER", "TERMINATED_BY_THIRD_PARTY", "EXPIRED"] as const;
/** Ended consents shown on the page (the newest); the sharing log keeps the full history. */
const INACTIVE_LIMIT = 100;

/**
 * Tredjepartsåtkomst (seed 002): the requests waiting for the customer, the active consents and the
 * ended ones, for every customer and installation the user sees. A consent past its end that the
 * expiry job has not reached yet is already listed as ended.
 */
export async function listThirdPartyAccess(actor: CustomerActor, now: Date = new Date()): Promise<ThirdPartyAccessOverview> {
  const rows = await db.consentRequest.findMany({
    where: {
      AND: [
        consentWhereActorMay(actor, "view"),
        { state: { in: ["AWAITING_CUSTOMER", "ACTIVE", ...INACTIVE] } },
      ],
    },
    select: {
      id: true,
      state: true,
      ...consentTermsSelect,
      decidedAt: true,
      endedAt: true,
      createdAt: true,
      decidedBy: { select: { name: true } },
      events: { where: { event: "terminate", actorKind: "customer" }, select: { actorUserId: true }, take: 1 },
      thirdParty: { select: { name: true, organisationNumber: true } },
      installation: { select: { id: true, name: true, street: true, city: true, meteringPointId: true, type: true, timeZone: true } },
      customer: { select: { id: true, customerNumber: true, name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const roleOf = new Map(actor.customers.map((c) => [c.customerId, c.role]));
  const enderIds = [...new Set(rows.flatMap((r) => r.events.map((e) => e.actorUserId)).filter((id): id is string => id !== null))];
  const enders = new Map((await db.user.findMany({ where: { id: { in: enderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const out: ThirdPartyAccessOverview = { pending: [], active: [], inactive: [] };
  for (const r of rows) {
    if (!r.installation || !r.customer) continue;
    const role = roleOf.get(r.customer.id);
    const item: ThirdPartyAccessItem = {
      id: r.id,
      state: r.state,
      thirdParty: r.thirdParty,
      installation: r.installation,
      customer: r.customer,
      purpose: r.purpose,
      resolution: r.resolution,
      dataFrom: r.dataFrom,
      dataTo: r.dataTo,
      requestedValidTo: r.requestedValidTo,
      answerBy: r.answerBy,
      validFrom: r.validFrom,
      validTo: r.validTo,
      decidedAt: r.decidedAt,
      decidedByName: r.decidedBy?.name ?? null,
      endedAt: r.endedAt,
      endedByName: enders.get(r.events[0]?.actorUserId ?? "") ?? null,
      createdAt: r.createdAt,
      canDecide: role !== undefined && can(role, "decideThirdPartyRequests"),
    };
    // Past its deadline is expired, whether or not the expiry job has run yet.
    const lapsed = (r.state === "AWAITING_CUSTOMER" && r.answerBy !== null && r.answerBy <= now) || (r.state === "ACTIVE" && (r.validTo === null || r.validTo <= now));
    if (lapsed) item.state = "EXPIRED";
    if (item.state === "AWAITING_CUSTOMER") out.pending.push(item);
    else if (item.state === "ACTIVE") out.active.push(item);
    else if (out.inactive.length < INACTIVE_LIMIT) out.inactive.push(item);
  }
  out.active.sort((a, b) => a.validTo!.getTime() - b.validTo!.getTime());
  out.inactive.sort((a, b) => (b.endedAt ?? b.validTo ?? b.createdAt).getTime() - (a.endedAt ?? a.validTo ?? a.createdAt).getTime());
  return out;
}

/**
 * How many requests wait for an answer from the user (start page notice): still open, and on
 * customers and installations where the user's level may decide. One count query.
 */
export async function countRequestsToHandle(actor: CustomerActor, now: Date = new Date()): Promise<number> {
  return db.consentRequest.count({
    where: { AND: [consentWhereActorMay(actor, "decideThirdPartyRequests"), { state: "AWAITING_CUSTOMER", OR: [{ answerBy: null }, { answerBy: { gt: now } }] }] },
  });
}
