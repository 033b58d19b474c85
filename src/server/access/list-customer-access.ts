import "server-only";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import type { ManagementGrantStatus, MembershipRole } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";

export type CustomerMember = {
  membershipId: string;
  userId: string;
  name: string;
  email: string | null;
  role: MembershipRole;
  /** Null for all installations. */
  installationCount: number | null;
  /** The management company the access comes through (then the company manages it). */
  viaCompany: string | null;
  isSelf: boolean;
  lastLoginAt: Date | null;
};

export type PendingInvitation = {
  invitationId: string;
  email: string;
  role: MembershipRole | null;
  installationCount: number | null;
  invitedBy: string;
  expiresAt: Date;
  expired: boolean;
};

export type CompanyGrant = {
  grantId: string;
  status: ManagementGrantStatus;
  /** Null until the company has accepted and registered (then only its number is known). */
  companyName: string | null;
  organisationNumber: string;
  installationCount: number | null;
  /** Null when the company registered the customer itself with its numbers. */
  grantedBy: string | null;
  since: Date;
  managers: number;
  pendingEmail: string | null;
};

export type CustomerAccessOverview = {
  customer: { id: string; customerNumber: string; name: string; installationCount: number };
  members: CustomerMember[];
  invitations: PendingInvitation[];
  grants: CompanyGrant[];
  administratorCount: number;
};

const roleOrder: Record<MembershipRole, number> = { ADMINISTRATOR: 0, FULL: 1, READ: 2 };

/**
 * Who has access to a customer, for its administrators (Behörighet): the users and their levels,
 * invitations not yet used, and the management companies with their status and installations.
 */
export async function listCustomerAccess(actor: CustomerActor, customerId: string): Promise<CustomerAccessOverview> {
  accessTo(actor, customerId, "manageUsers");
  const customer = await db.customer.findFirst({
    where: { id: customerId, ...customerWhereActorMay(actor, "manageUsers") },
    select: {
      id: true,
      customerNumber: true,
      name: true,
      _count: { select: { installations: true } },
      memberships: {
        where: { revokedAt: null, user: { status: "ACTIVE" }, OR: [{ managementGrantId: null }, { managementGrant: { status: "ACTIVE" } }] },
        select: {
          id: true,
          userId: true,
          role: true,
          allInstallations: true,
          _count: { select: { installations: true } },
          user: { select: { name: true, email: true, lastLoginAt: true } },
          managementGrant: { select: { managementCompany: { select: { name: true } } } },
        },
      },
      invitations: {
        where: { acceptedAt: null, revokedAt: null, kind: "CUSTOMER_USER" },
        orderBy: { createdAt: "desc" },
        select: { id: true, email: true, role: true, allInstallations: true, installationIds: true, expiresAt: true, invitedBy: { select: { name: true } } },
      },
      managementGrants: {
        where: { status: { in: ["PENDING", "ACTIVE"] } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          status: true,
          allInstallations: true,
          createdAt: true,
          acceptedAt: true,
          grantedByUserId: true,
          _count: { select: { installations: true, memberships: { where: { revokedAt: null } } } },
          managementCompany: {
            select: {
              name: true,
              organisationNumber: true,
              _count: { select: { members: true } },
              invitations: { where: { kind: "MANAGEMENT_COMPANY", customerId, acceptedAt: null, revokedAt: null }, select: { email: true }, take: 1, orderBy: { createdAt: "desc" } },
            },
          },
        },
      },
    },
  });
  if (!customer) throw new AppError("NOT_FOUND");

  const granters = [...new Set(customer.managementGrants.map((g) => g.grantedByUserId).filter((id): id is string => Boolean(id)))];
  const names = new Map((granters.length ? await db.user.findMany({ where: { id: { in: granters } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const now = new Date();

  return {
    customer: { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, installationCount: customer._count.installations },
    members: customer.memberships
      .map((m) => ({
        membershipId: m.id,
        userId: m.userId,
        name: m.user.name,
        email: m.user.email,
        role: m.role,
        installationCount: m.allInstallations ? null : m._count.installations,
        viaCompany: m.managementGrant?.managementCompany.name ?? null,
        isSelf: m.userId === actor.userId,
        lastLoginAt: m.user.lastLoginAt,
      }))
      .sort((a, b) => Number(a.viaCompany !== null) - Number(b.viaCompany !== null) || roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name, "sv")),
    invitations: customer.invitations.map((i) => ({
      invitationId: i.id,
      email: i.email,
      role: i.role,
      installationCount: i.allInstallations ? null : i.installationIds.length,
      invitedBy: i.invitedBy.name,
      expiresAt: i.expiresAt,
      expired: i.expiresAt <= now,
    })),
    grants: customer.managementGrants.map((g) => {
      const registered = g.managementCompany._count.members > 0;
      return {
        grantId: g.id,
        status: g.status,
        companyName: registered ? g.managementCompany.name : null,
        organisationNumber: formatOrganisationNumber(g.managementCompany.organisationNumber),
        installationCount: g.allInstallations ? null : g._count.installations,
        grantedBy: g.grantedByUserId ? (names.get(g.grantedByUserId) ?? null) : null,
        since: g.acceptedAt ?? g.createdAt,
        managers: g._count.memberships,
        pendingEmail: g.status === "PENDING" ? (g.managementCompany.invitations[0]?.email ?? null) : null,
      };
    }),
    administratorCount: customer.memberships.filter((m) => m.role === "ADMINISTRATOR" && !m.managementGrant).length,
  };
}
