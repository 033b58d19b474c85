import "server-only";
import { addDays, localMidnightUtc } from "@/domain/time/zoned";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { AUDIT_PAGE_SIZE, type AuditFilter } from "./schemas";

/** The log's calendar: date filters mean whole days in Swedish time, whatever the server's zone. */
export const AUDIT_TIME_ZONE = "Europe/Stockholm";

export type AuditRow = {
  id: string;
  at: Date;
  actorType: "CUSTOMER_USER" | "STAFF" | "SYSTEM" | "THIRD_PARTY";
  /** Staff name or user e-mail; null for the system (the page shows "System"). */
  actorLabel: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** A readable name for the target (a user's e-mail, a customer number) when there is one. */
  targetLabel: string | null;
  customerId: string | null;
  customerNumber: string | null;
  details: Record<string, unknown>;
  ipAddress: string | null;
};

export type AuditPage = { rows: AuditRow[]; total: number; page: number; pages: number; pageSize: number };

const entryInclude = {
  actorStaff: { select: { name: true } },
  actorUser: { select: { email: true, voidedEmail: true } },
  customer: { select: { customerNumber: true } },
} satisfies Prisma.AuditLogInclude;

type Entry = Prisma.AuditLogGetPayload<{ include: typeof entryInclude }>;

/**
 * Entries about a customer: those filed under it, and those about its users (a reset link or a
 * password change is recorded against the user, not a customer).
 */
function scopeWhere(scope: { customerIds: string[]; userIds: string[] }): Prisma.AuditLogWhereInput {
  const or: Prisma.AuditLogWhereInput[] = [{ customerId: { in: scope.customerIds } }];
  if (scope.userIds.length) or.push({ targetType: "User", targetId: { in: scope.userIds } });
  return { OR: or };
}

/** Newest entries about some customers and users. Callers check the actor. */
export async function auditEntriesOf(scope: { customerIds: string[]; userIds: string[] }, limit: number): Promise<Entry[]> {
  return db.auditLog.findMany({ where: scopeWhere(scope), orderBy: [{ at: "desc" }, { id: "desc" }], take: limit, include: entryInclude });
}

/** Adds readable target names with one query per kind of target on the page (no N+1). */
export async function toAuditRows(entries: Entry[]): Promise<AuditRow[]> {
  const idsOf = (type: string) => [...new Set(entries.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!))];
  const [userIds, partyIds, clientIds, requestIds] = [idsOf("User"), idsOf("ThirdParty"), idsOf("ApiClient"), idsOf("ConsentRequest")];
  const [users, parties, clients, requests] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, voidedEmail: true } }) : [],
    partyIds.length ? db.thirdParty.findMany({ where: { id: { in: partyIds } }, select: { id: true, name: true } }) : [],
    clientIds.length ? db.apiClient.findMany({ where: { id: { in: clientIds } }, select: { id: true, clientId: true, thirdParty: { select: { name: true } } } }) : [],
    requestIds.length ? db.consentRequest.findMany({ where: { id: { in: requestIds } }, select: { id: true, reference: true, thirdParty: { select: { name: true } } } }) : [],
  ]);
  const label = new Map<string, string | null>([
    ...users.map((u) => [u.id, u.email ?? u.voidedEmail] as const),
    ...parties.map((p) => [p.id, p.name] as const),
    ...clients.map((c) => [c.id, `${c.thirdParty.name} · ${c.clientId}`] as const),
    ...requests.map((r) => [r.id, `${r.thirdParty.name} · ${r.reference}`] as const),
  ]);
  return entries.map((e) => ({
    id: e.id,
    at: e.at,
    actorType: e.actorType,
    actorLabel:
      e.actorType === "STAFF" ? (e.actorStaff?.name ?? null) : e.actorType === "CUSTOMER_USER" ? (e.actorUser?.email ?? e.actorUser?.voidedEmail ?? null) : null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetType === "Customer" ? (e.customer?.customerNumber ?? null) : e.targetId ? (label.get(e.targetId) ?? null) : null,
    customerId: e.customerId,
    customerNumber: e.customer?.customerNumber ?? null,
    details: e.details && typeof e.details === "object" && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {},
    ipAddress: e.ipAddress,
  }));
}

/**
 * The audit log for support, newest first, AUDIT_PAGE_SIZE per page. Filters: customer number
 * (entries filed under the customer or about any user who has or had access to it), exact action,
 * and a range of whole days in Swedish time (both ends included).
 */
export async function listAuditLog(staff: Actor, filter: AuditFilter): Promise<AuditPage> {
  if (staff?.kind !== "staff") throw new AppError("FORBIDDEN");
  const page = filter.page && filter.page > 0 ? filter.page : 1;
  const and: Prisma.AuditLogWhereInput[] = [];

  if (filter.customerNumber) {
    const customer = await db.customer.findUnique({
      where: { customerNumber: filter.customerNumber },
      select: { id: true, memberships: { select: { userId: true } } },
    });
    if (!customer) return { rows: [], total: 0, page, pages: 0, pageSize: AUDIT_PAGE_SIZE };
    and.push(scopeWhere({ customerIds: [customer.id], userIds: customer.memberships.map((m) => m.userId) }));
  }
  if (filter.action) and.push({ action: filter.action });
  if (filter.from) and.push({ at: { gte: localMidnightUtc(filter.from, AUDIT_TIME_ZONE) } });
  if (filter.to) and.push({ at: { lt: localMidnightUtc(addDays(filter.to, 1), AUDIT_TIME_ZONE) } });

  const where: Prisma.AuditLogWhereInput = and.length ? { AND: and } : {};
  const [total, entries] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: entryInclude,
    }),
  ]);
  return { rows: await toAuditRows(entries), total, page, pages: Math.ceil(total / AUDIT_PAGE_SIZE), pageSize: AUDIT_PAGE_SIZE };
}
