// Builders and helpers for the access-management integration tests (src/server/access).
import { createCustomer, createInstallation, createUser, uniqueEmail, type CreatedUser } from "@/fixtures/factories";
import type { Customer, Installation } from "@/generated/prisma/client";
import { acceptInvitation } from "@/server/access/accept-invitation";
import { inviteManagementCompany } from "@/server/access/invite-management-company";
import type { Db } from "@/server/db/create-client";
import { customerActorOf } from "./actors";
import type { SunkMail } from "../../scripts/lib/mail-sink";

export type CompanyWithUsers = {
  customer: Customer;
  installations: Installation[];
  admin: CreatedUser;
  full: CreatedUser;
  read: CreatedUser;
};

/** A company customer with installations and one user of each level. */
export async function companyWithUsers(db: Db, installationCount = 4): Promise<CompanyWithUsers> {
  const customer = await createCustomer(db, { kind: "COMPANY" });
  const installations: Installation[] = [];
  for (let i = 0; i < installationCount; i++) installations.push(await createInstallation(db, { customerId: customer.id, name: `Fastighet ${i + 1}` }));
  const admin = await createUser(db, { name: "Ada Admin", memberships: [{ customerId: customer.id, role: "ADMINISTRATOR" }] });
  const full = await createUser(db, { name: "Fia Full", memberships: [{ customerId: customer.id, role: "FULL" }] });
  const read = await createUser(db, { name: "Leo Läs", memberships: [{ customerId: customer.id, role: "READ" }] });
  return { customer, installations, admin, full, read };
}

/** The invitation token from an invitation mail's link. */
export function invitationTokenIn(mail: SunkMail | undefined): string {
  const token = mail?.text.match(/\/inbjudan\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation link in ${mail?.text}`);
  return token;
}

/** The newest mail to an address. */
export function lastMailTo(messages: SunkMail[], email: string): SunkMail | undefined {
  return messages.filter((m) => m.to.includes(email)).at(-1);
}

/**
 * The penetration test's attacker: a household's administrator invites a made-up management
 * company (with the given organisation number) to an address they control and accepts it, so they
 * administer a company of their own. The inbox is the test file's (tests/support/mail.ts).
 */
export async function householdWithOwnCompany(db: Db, inbox: { readonly messages: SunkMail[] }, organisationNumber: string) {
  const household = await createCustomer(db);
  const owner = await createUser(db, { name: "Hanna Hushåll", memberships: [{ customerId: household.id, role: "ADMINISTRATOR" }] });
  const mailbox = uniqueEmail("hanna-bolag");
  await inviteManagementCompany(await customerActorOf(owner), { customerId: household.id, organisationNumber, companyName: "Hannas Förvaltning AB", email: mailbox });
  const accepted = await acceptInvitation(invitationTokenIn(lastMailTo(inbox.messages, mailbox)), { kind: "newAccount", name: "Hanna som bolag", password: "ett-bra-losenord" });
  const companyAdmin = await db.user.findUniqueOrThrow({ where: { id: accepted.userId } });
  const company = await db.managementCompany.findFirstOrThrow({ where: { members: { some: { userId: companyAdmin.id } } } });
  return { household, owner, mailbox, companyAdmin, company };
}
