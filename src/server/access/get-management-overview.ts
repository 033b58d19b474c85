import "server-only";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import type { ManagementGrantProof, ManagementGrantStatus, ManagementRole, MembershipRole } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import type { InstallationChoice } from "./list-installation-choices";
import { maySignAsSignatory } from "./sign-management-request";
import { memberSummary } from "./member-summary";

type ManagerAccess = { membershipId: string; userId: string; name: string; email: string | null; role: MembershipRole; installationCount: number | null };

export type ManagementClient = {
  grantId: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  status: ManagementGrantStatus;
  /** Null for all installations. */
  installationCount: number | null;
  /** How the client agreed: invited the company, accepted its request, signed it, or (no administrator) by check code. */
  proof: ManagementGrantProof | null;
  since: Date;
  /** What the company may pass on to its managers (administrators only). */
  installations: InstallationChoice[];
  managers: ManagerAccess[];
};

/**
 * A client the company asked for and that has not said yes: waiting for the client's answer, or
 * declined. Only the customer number the company typed is shown, never more of the client.
 */
type ClientRequest = {
  grantId: string;
  customerNumber: string;
  status: Extract<ManagementGrantStatus, "REQUESTED" | "DECLINED">;
  requestedAt: Date;
  declinedAt: Date | null;
  /** The signed-in administrator is also the client's own administrator and may sign it with e-legitimation. */
  canSign: boolean;
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
  /** The company's requests that are not (yet) access (administrators only). */
  requests: ClientRequest[];
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
  const requests = await db.managementGrant.findMany({
    where: {
      managementCompanyId: { in: companies.filter((c) => c.members.some((m) => m.userId === actor.userId && m.role === "ADMINISTRATOR")).map((c) => c.id) },
      status: { in: ["REQUESTED", "DECLINED"] },
    },
    select: { id: true, managementCompanyId: true, customerId: true, status: true, requestedAt: true, createdAt: true, declinedAt: true, customer: { select: { customerNumber: true } } },
    orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
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
        proof: g.proof,
        since: g.acceptedAt ?? g.createdAt,
        installations: !admin
          ? []
          : g.allInstallations
            ? wholeInstallations.filter((i) => i.customerId === g.customerId).map(({ customerId: _, ...i }) => i)
            : g.installations.map((i) => i.installation).sort((a, b) => (a.name ?? a.street).localeCompare(b.name ?? b.street, "sv")),
        managers: g.memberships
          .filter((m) => admin || m.userId === actor.userId)
          .map((m) => memberSummary(m)),
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
      requests: requests
        .filter((r) => admin && r.managementCompanyId === company.id)
        .map((r) => ({
          grantId: r.id,
          customerNumber: r.customer.customerNumber,
          status: r.status as ClientRequest["status"],
          requestedAt: r.requestedAt ?? r.createdAt,
          declinedAt: r.declinedAt,
          canSign: r.status === "REQUESTED" && maySignAsSignatory(actor, r.customerId),
        })),
    };
  });
}
