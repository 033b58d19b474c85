import "server-only";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import type { InvitationKind, MembershipRole } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { hashInvitationToken } from "./invitation-token";
import { invitationTokenSchema } from "./schemas";

type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

export type InvitationView =
  | { state: Exclude<InvitationState, "valid"> }
  | {
      state: "valid";
      kind: InvitationKind;
      email: string;
      inviterName: string;
      expiresAt: Date;
      customer: { name: string; customerNumber: string } | null;
      role: MembershipRole | null;
      /** Null for all installations. */
      installationCount: number | null;
      /** A registered company by its own name; a new one by the name the invitation gives it (null for an outdated invitation). */
      company: { name: string | null; organisationNumber: string; registered: boolean } | null;
      /** Whether the invited address already has an account (sign in) or not (create one). */
      accountExists: boolean;
      /** The signed-in user's address, when someone is signed in. */
      signedInEmail: string | null;
      signedInMatches: boolean;
    };

/**
 * What the invitation page shows for a link. Only the holder of the link (sent to the invited
 * address) gets this far; a link that cannot be used says why and nothing else.
 */
export async function getInvitation(token: string, actor: CustomerActor | null): Promise<InvitationView> {
  if (!invitationTokenSchema.safeParse(token).success) return { state: "unknown" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: {
      customer: { select: { name: true, customerNumber: true } },
      managementCompany: { select: { name: true, organisationNumber: true, _count: { select: { members: true } } } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation) return { state: "unknown" };
  if (invitation.revokedAt) return { state: "revoked" };
  if (invitation.acceptedAt) return { state: "used" };
  if (invitation.expiresAt <= new Date()) return { state: "expired" };

  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { status: true } });
  const company = invitation.managementCompany;
  const registered = Boolean(company && company._count.members > 0);
  return {
    state: "valid",
    kind: invitation.kind,
    email: invitation.email,
    inviterName: invitation.invitedBy.name,
    expiresAt: invitation.expiresAt,
    customer: invitation.customer,
    role: invitation.role,
    installationCount: invitation.allInstallations ? null : invitation.installationIds.length,
    company: company
      ? { name: registered ? company.name : invitation.kind === "MANAGEMENT_COMPANY" ? invitation.companyName : null, organisationNumber: formatOrganisationNumber(company.organisationNumber), registered }
      : null,
    accountExists: account?.status === "ACTIVE",
    signedInEmail: actor?.email ?? null,
    signedInMatches: Boolean(actor?.email && actor.email.toLowerCase() === invitation.email.toLowerCase()),
  };
}
