import "server-only";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import type { ManagementGrantProof, MembershipRole } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerWhereActorMay } from "./membership-where";
import { memberSummary } from "./member-summary";

type CustomerMember = {
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

type PendingInvitation = {
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
  /** Invited by the customer (PENDING), asked for by the company (REQUESTED), or ACTIVE. */
  status: "PENDING" | "REQUESTED" | "ACTIVE";
  /** The registered company's name; for a company new to the portal, the name it was invited under. */
  companyName: string | null;
  /** Whether the company is registered on the portal (has people). */
  registered: boolean;
  /** For a pending invitation: the name the customer invited it under, when the registered company's differs. */
  invitedAs: string | null;
  organisationNumber: string;
  /** Who answers for the company: the invited address, the person who asked, or its administrators. */
  adminEmails: string[];
  installationCount: number | null;
  /** The customer's administrator who invited the company, accepted its request or signed it. */
  grantedBy: string | null;
  /** The company's administrator who asked for a REQUESTED (or accepted) request. */
  requestedBy: { name: string; email: string | null } | null;
  proof: ManagementGrantProof | null;
  /** Invited, asked for, or active since. */
  since: Date;
  managers: number;
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
 * invitations not yet used, and the management companies with their status and installations:
 * invited ones, requests waiting for an answer, and active ones.
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
        where: { status: { in: ["PENDING", "REQUESTED", "ACTIVE"] } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          status: true,
          allInstallations: true,
          createdAt: true,
          acceptedAt: true,
          requestedAt: true,
          grantedByUserId: true,
          requestedByUserId: true,
          proof: true,
          _count: { select: { installations: true, memberships: { where: { revokedAt: null } } } },
          managementCompany: {
            select: {
              name: true,
              organisationNumber: true,
              _count: { select: { members: true } },
              members: { where: { role: "ADMINISTRATOR", revokedAt: null, user: { status: "ACTIVE" } }, select: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } },
              invitations: {
                where: { kind: "MANAGEMENT_COMPANY", customerId, acceptedAt: null, revokedAt: null },
                select: { email: true, companyName: true },
                take: 1,
                orderBy: { createdAt: "desc" },
              },
            },
          },
        },
      },
    },
  });
  if (!customer) throw new AppError("NOT_FOUND");

  const people = [
    ...new Set(customer.managementGrants.flatMap((g) => [g.grantedByUserId, g.requestedByUserId]).filter((id): id is string => Boolean(id))),
  ];
  const users = new Map(
    (people.length ? await db.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, u]),
  );
  const now = new Date();

  return {
    customer: { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, installationCount: customer._count.installations },
    members: customer.memberships
      .map((m) => ({
        ...memberSummary(m),
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
    grants: customer.managementGrants.map((g): CompanyGrant => {
      const registered = g.managementCompany._count.members > 0;
      const invitation = g.managementCompany.invitations[0];
      const requester = g.requestedByUserId ? users.get(g.requestedByUserId) : undefined;
      const status = g.status as CompanyGrant["status"];
      return {
        grantId: g.id,
        status,
        companyName: registered ? g.managementCompany.name : (invitation?.companyName ?? null),
        registered,
        invitedAs: status === "PENDING" && registered && invitation?.companyName && invitation.companyName !== g.managementCompany.name ? invitation.companyName : null,
        organisationNumber: formatOrganisationNumber(g.managementCompany.organisationNumber),
        adminEmails:
          status === "PENDING"
            ? invitation
              ? [invitation.email]
              : []
            : status === "REQUESTED"
              ? requester?.email
                ? [requester.email]
                : []
              : g.managementCompany.members.map((m) => m.user.email).filter((e): e is string => Boolean(e)),
        installationCount: g.allInstallations ? null : g._count.installations,
        grantedBy: g.grantedByUserId ? (users.get(g.grantedByUserId)?.name ?? null) : null,
        requestedBy: requester ? { name: requester.name, email: requester.email } : null,
        proof: g.proof,
        since: status === "ACTIVE" ? (g.acceptedAt ?? g.createdAt) : status === "REQUESTED" ? (g.requestedAt ?? g.createdAt) : g.createdAt,
        managers: g._count.memberships,
      };
    }),
    administratorCount: customer.memberships.filter((m) => m.role === "ADMINISTRATOR" && !m.managementGrant).length,
  };
}
