"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { acceptInvitation, type InvitationAcceptor } from "@/server/access/accept-invitation";
import { acceptManagementRequest } from "@/server/access/accept-management-request";
import { addCustomer } from "@/server/access/add-customer";
import { changeMemberRole } from "@/server/access/change-member-role";
import { declineManagementRequest } from "@/server/access/decline-management-request";
import { grantManagerAccess } from "@/server/access/grant-manager-access";
import { inviteManagementCompany } from "@/server/access/invite-management-company";
import { inviteManager } from "@/server/access/invite-manager";
import { inviteUser } from "@/server/access/invite-user";
import { registerManagementClient } from "@/server/access/register-management-client";
import { removeManager } from "@/server/access/remove-manager";
import { removeMember } from "@/server/access/remove-member";
import { revokeInvitation } from "@/server/access/revoke-invitation";
import { revokeManagementGrant } from "@/server/access/revoke-management-grant";
import { revokeManagerAccess } from "@/server/access/revoke-manager-access";
import { startManagementRequestSignature } from "@/server/access/sign-management-request";
import {
  acceptInvitationSchema,
  acceptManagementRequestSchema,
  addCustomerSchema,
  changeMemberRoleSchema,
  grantIdSchema,
  grantManagerAccessSchema,
  invitationIdSchema,
  inviteManagementCompanySchema,
  inviteManagerSchema,
  inviteUserSchema,
  memberIdSchema,
  membershipIdSchema,
  registerManagementClientSchema,
} from "@/server/access/schemas";
import { ACTIVE_CUSTOMER_COOKIE, currentActor } from "@/server/auth/session";
import { cookieOptions } from "@/server/boundary/cookies";
import { AppError } from "@/server/errors";
import { customerAction, publicAction } from "./safe-action";

// Behörighet, Förvaltning and invitation forms. Thin: the server functions check the actor against
// the database again (a hidden id that was changed gets NOT_FOUND, a Read user FORBIDDEN).

const changed = () => {
  revalidatePath("/behorighet");
  revalidatePath("/forvaltning");
};

export const addCustomerAction = customerAction(addCustomerSchema, async (input, { actor, ip }) => {
  const { customerId } = await addCustomer(actor, input, { ip });
  // The added customer becomes the one the user works with.
  (await cookies()).set(ACTIVE_CUSTOMER_COOKIE, customerId, cookieOptions());
  revalidatePath("/", "layout");
  return { status: "ok", message: "access.addCustomer.added", messageValues: { customerNumber: input.customerNumber } };
});

export const inviteUserAction = customerAction(inviteUserSchema, async (input, { actor, ip }) => {
  await inviteUser(actor, input, { ip, locale: await getLocale() });
  changed();
  return { status: "ok", message: "access.invite.sent", messageValues: { email: input.email } };
});

export const changeMemberRoleAction = customerAction(changeMemberRoleSchema, async (input, { actor, ip }) => {
  const { changed: didChange } = await changeMemberRole(actor, input, { ip });
  changed();
  return { status: "ok", message: didChange ? "access.members.roleChanged" : "access.members.roleUnchanged" };
});

export const removeMemberAction = customerAction(membershipIdSchema, async (input, { actor, ip }) => {
  await removeMember(actor, input, { ip });
  changed();
  return { status: "ok", message: "access.members.removed" };
});

export const revokeInvitationAction = customerAction(invitationIdSchema, async (input, { actor, ip }) => {
  await revokeInvitation(actor, input, { ip });
  changed();
  return { status: "ok", message: "access.invitations.revoked" };
});

export const inviteManagementCompanyAction = customerAction(inviteManagementCompanySchema, async (input, { actor, ip }) => {
  await inviteManagementCompany(actor, input, { ip, locale: await getLocale() });
  changed();
  return { status: "ok", message: "access.companies.invited", messageValues: { email: input.email } };
});

export const revokeManagementGrantAction = customerAction(grantIdSchema, async (input, { actor, ip }) => {
  const { wasStatus } = await revokeManagementGrant(actor, input, { ip });
  changed();
  return { status: "ok", message: wasStatus === "PENDING" ? "access.companies.withdrawn" : "access.companies.revoked" };
});

export const inviteManagerAction = customerAction(inviteManagerSchema, async (input, { actor, ip }) => {
  await inviteManager(actor, input, { ip, locale: await getLocale() });
  changed();
  return { status: "ok", message: "access.invite.sent", messageValues: { email: input.email } };
});

export const grantManagerAccessAction = customerAction(grantManagerAccessSchema, async (input, { actor, ip }) => {
  await grantManagerAccess(actor, input, { ip });
  changed();
  return { status: "ok", message: "access.management.granted" };
});

export const revokeManagerAccessAction = customerAction(membershipIdSchema, async (input, { actor, ip }) => {
  await revokeManagerAccess(actor, input, { ip });
  changed();
  return { status: "ok", message: "access.management.accessRevoked" };
});

export const removeManagerAction = customerAction(memberIdSchema, async (input, { actor, ip }) => {
  await removeManager(actor, input, { ip });
  changed();
  return { status: "ok", message: "access.management.managerRemoved" };
});

export const registerManagementClientAction = customerAction(registerManagementClientSchema, async (input, { actor, ip }) => {
  // The schema already normalized the check code; the server function reads it again the same way.
  const { status } = await registerManagementClient(actor, { ...input, checkCode: input.checkCode ?? undefined }, { ip });
  changed();
  return { status: "ok", message: status === "ACTIVE" ? "access.management.clientRegistered" : "access.management.clientRequested", messageValues: { customerNumber: input.customerNumber } };
});

/** Behörighet: one of the customer's administrators accepts a company's request (all or chosen installations). */
export const acceptManagementRequestAction = customerAction(acceptManagementRequestSchema, async (input, { actor, ip }) => {
  await acceptManagementRequest(actor, input, { ip });
  changed();
  revalidatePath("/");
  return { status: "ok", message: "access.requests.accepted" };
});

/** Behörighet: one of the customer's administrators declines a company's request. */
export const declineManagementRequestAction = customerAction(grantIdSchema, async (input, { actor, ip }) => {
  await declineManagementRequest(actor, input, { ip });
  changed();
  revalidatePath("/");
  return { status: "ok", message: "access.requests.declined" };
});

/** Förvaltning: the company's administrator, as the client's signatory, signs the request with e-legitimation. */
export const signManagementRequestAction = customerAction(grantIdSchema, async (input, { actor }) => {
  redirect(await startManagementRequestSignature(actor, input, await getLocale()));
});

/**
 * The invitation page. The page then opens what was given; someone who proved the address with a
 * password or created an account here is first signed in by the page with the same password.
 */
export const acceptInvitationAction = publicAction(acceptInvitationSchema, async (input, { ip }) => {
  let acceptor: InvitationAcceptor;
  if (input.mode === "signedIn") {
    const actor = await currentActor();
    if (actor?.kind !== "customer") throw new AppError("UNAUTHENTICATED");
    acceptor = { kind: "actor", actor };
  } else if (input.mode === "password") {
    acceptor = { kind: "password", password: input.password };
  } else {
    acceptor = { kind: "newAccount", name: input.name, password: input.password };
  }
  const accepted = await acceptInvitation(input.token, acceptor, { locale: await getLocale(), ip });
  changed();
  return { status: "ok", message: "access.accept.done", values: { email: accepted.email, redirectTo: accepted.redirectTo } };
});
