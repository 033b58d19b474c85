import "server-only";
import { maskNationalId } from "@/domain/identity";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { isUuid } from "./schemas";
import { auditEntriesOf, toAuditRows, type AuditRow } from "./list-audit-log";

/** How many of the customer's latest audit entries the customer view shows (the log has the rest). */
const CUSTOMER_AUDIT_LIMIT = 20;

export type SupportCustomerUser = {
  id: string;
  name: string;
  email: string | null;
  voidedEmail: string | null;
  status: "ACTIVE" | "VOIDED";
  role: "ADMINISTRATOR" | "FULL" | "READ";
  membershipRevokedAt: Date | null;
  lastLoginAt: Date | null;
  voidedAt: Date | null;
  voidedByName: string | null;
  createdAt: Date;
};

/**
 * A customer as support sees it: details with the national id masked, installations, the users with
 * access (including voided ones and revoked memberships, for the history) and the latest audit
 * entries about the customer or its users. Null for an unknown or malformed id.
 */
export async function getCustomerForSupport(staff: Actor, customerId: string) {
  if (staff?.kind !== "staff") throw new AppError("FORBIDDEN");
  if (!isUuid(customerId)) return null;

  const customer = await db.customer.findUnique({
    where: { id: customerId },
    omit: { nationalId: false },
    include: {
      installations: {
        orderBy: [{ status: "asc" }, { meteringPointId: "asc" }, { type: "asc" }],
        select: { id: true, type: true, status: true, meteringPointId: true, name: true, street: true, postalCode: true, city: true, startDate: true, endDate: true },
      },
      memberships: {
        orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
        select: {
          role: true,
          revokedAt: true,
          user: {
            select: { id: true, name: true, email: true, voidedEmail: true, status: true, lastLoginAt: true, voidedAt: true, voidedByStaffId: true, createdAt: true },
          },
        },
      },
    },
  });
  if (!customer) return null;

  const userIds = customer.memberships.map((m) => m.user.id);
  const voiders = [...new Set(customer.memberships.map((m) => m.user.voidedByStaffId).filter((id): id is string => Boolean(id)))];
  const [staffNames, entries] = await Promise.all([
    voiders.length ? db.staffUser.findMany({ where: { id: { in: voiders } }, select: { id: true, name: true } }) : [],
    auditEntriesOf({ customerIds: [customer.id], userIds }, CUSTOMER_AUDIT_LIMIT),
  ]);
  const staffName = new Map(staffNames.map((s) => [s.id, s.name]));

  const { nationalId, memberships, installations, ...details } = customer;
  const users: SupportCustomerUser[] = memberships.map((m) => ({
    id: m.user.id,
    name: m.user.name,
    email: m.user.email,
    voidedEmail: m.user.voidedEmail,
    status: m.user.status,
    role: m.role,
    membershipRevokedAt: m.revokedAt,
    lastLoginAt: m.user.lastLoginAt,
    voidedAt: m.user.voidedAt,
    voidedByName: m.user.voidedByStaffId ? (staffName.get(m.user.voidedByStaffId) ?? null) : null,
    createdAt: m.user.createdAt,
  }));
  const audit: AuditRow[] = await toAuditRows(entries);
  // The full national id never leaves this function; support sees the masked form only.
  return { ...details, nationalIdMasked: maskNationalId(nationalId, customer.nationalIdScheme), installations, users, audit };
}

export type SupportCustomer = NonNullable<Awaited<ReturnType<typeof getCustomerForSupport>>>;
