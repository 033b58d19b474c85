import "server-only";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import type { ManagementGrantStatus, ManagementRole, MembershipRole } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import type { InstallationChoice } from "./list-installation-choices";

export type ManagerAccess = { membershipId: string; userId: string; name: string; email: string | null; role: MembershipRole; installationCount: number | null };

export type ManagementClient = {
  grantId: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  status: ManagementGrantStatus;
  /** Null for all installations. */
  installationCount: number | null;
  registeredByCompany: boolean;
  since: Date;
  /** What the company may pass on to its managers (administrators only). */
  installations: InstallationChoice[];
  managers: ManagerAccess[];
};

export type ManagementCompanyOverview = {
  id: string;
  name: string;
  organisationNumber: string;
  myRole: ManagementRole;
  /** The rest is for the company's administrators; managers get empty lists. */
  members: { memberId: string; userId: string; name: string; email: string | null; role: ManagementRole; isSelf: boolean }[];
  invitations: { invitationId: string; email: string; expiresAt: Date; expired: boolean }[];
  clients: ManagementClient[];
};

/**
 * The management companies the user belongs to (Förvaltning). Administrators see the company's
 * people, open invitations and clients with the access each manager has; a manager sees the company
 * and the clients they were given access to.
 */
export async function getManagementOverview(actor: CustomerActor): Promise<ManagementCompanyOverview[]> {
  const companies = await db.managementCompany.findMany({
    where: { members: { some: { userId: actor.userId, revokedAt: null, user: { status: "ACTIVE" } } } },
    orderBy: { name: "asc" },
    include: {
      members: { where: { revokedAt: null, user: { status: "ACTIVE" } }, include: { user: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      invitations: { where: { kind: "MANAGER", acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } },
      grants: {
        where: { status: "ACTIVE" },
        include: {
          customer: { select: { customerNumber: true, name: true } },
          installations: { select: { installation: { select: { id: true, name: true, street: true, city: true, meteringPointId: true, type: true } } } },
          memberships: {
            where: { revokedAt: null, user: { status: "ACTIVE" } },
            include: { user: { select: { name: true, email: true } }, _count: { select: { installations: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
        orderBy: { customer: { customerNumber: "asc" } },
      },
    },
  });

  // Installations of clients that granted everything, in one query for all of them.
  const wholeCustomers = companies.flatMap((c) => c.grants.filter((g) => g.allInstallations).map((g) => g.customerId));
  const wholeInstallations = wholeCustomers.length
    ? await db.installation.findMany({
        where: { customerId: { in: wholeCustomers } },
        select: { id: true, name: true, street: true, city: true, meteringPointId: true, type: true, customerId: true },
        orderBy: [{ name: "asc" }, { street: "asc" }, { id: "asc" }],
      })
    : [];
  const now = new Date();

  return companies.map((company) => {
    const me = company.members.find((m) => m.userId === actor.userId)!;
    const admin = me.role === "ADMINISTRATOR";
    const clients = company.grants
      .filter((g) => admin || g.memberships.some((m) => m.userId === actor.userId))
      .map((g) => ({
        grantId: g.id,
        customerId: g.customerId,
        customerNumber: g.customer.customerNumber,
        customerName: g.customer.name,
        status: g.status,
        installationCount: g.allInstallations ? null : g.installations.length,
        registeredByCompany: g.grantedByUserId === null,
        since: g.acceptedAt ?? g.createdAt,
        installations: !admin
          ? []
          : g.allInstallations
            ? wholeInstallations.filter((i) => i.customerId === g.customerId).map(({ customerId: _, ...i }) => i)
            : g.installations.map((i) => i.installation).sort((a, b) => (a.name ?? a.street).localeCompare(b.name ?? b.street, "sv")),
        managers: g.memberships
          .filter((m) => admin || m.userId === actor.userId)
          .map((m) => ({
            membershipId: m.id,
            userId: m.userId,
            name: m.user.name,
            email: m.user.email,
            role: m.role,
            installationCount: m.allInstallations ? null : m._count.installations,
          })),
      }));
    return {
      id: company.id,
      name: company.name,
      organisationNumber: formatOrganisationNumber(company.organisationNumber),
      myRole: me.role,
      members: admin
        ? company.members.map((m) => ({ memberId: m.id, userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, isSelf: m.userId === actor.userId }))
        : [],
      invitations: admin ? company.invitations.map((i) => ({ invitationId: i.id, email: i.email, expiresAt: i.expiresAt, expired: i.expiresAt <= now })) : [],
      clients,
    };
  });
}
