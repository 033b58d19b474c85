import "server-only";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { translator } from "@/i18n/translator";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { sendMail } from "@/server/mail/send-mail";
import { membershipWhereCarrying } from "./membership-where";

/**
 * Mails every administrator of the customer who may answer a management company's request (its
 * own administrators of the whole customer, with an address), each in their own language: who asks
 * (company, organisation number, the person and their address) and where to answer. The request
 * is already stored and shown on Behörighet and the start page, so a failed mail is logged, not
 * raised. Returns how many were sent.
 */
export async function notifyManagementRequest(grantId: string): Promise<number> {
  const grant = await db.managementGrant.findUnique({
    where: { id: grantId },
    select: {
      status: true,
      requestedByUserId: true,
      customer: { select: { id: true, name: true, customerNumber: true } },
      managementCompany: { select: { name: true, organisationNumber: true } },
    },
  });
  if (!grant || grant.status !== "REQUESTED") return 0;
  const [requester, recipients] = await Promise.all([
    grant.requestedByUserId ? db.user.findUnique({ where: { id: grant.requestedByUserId }, select: { name: true, email: true } }) : null,
    db.user.findMany({
      where: { status: "ACTIVE", email: { not: null }, memberships: { some: { customerId: grant.customer.id, ...membershipWhereCarrying("inviteManagementCompany") } } },
      select: { email: true, locale: true },
    }),
  ]);
  let sent = 0;
  for (const to of recipients) {
    const t = await translator(to.locale, "access");
    const values = {
      company: grant.managementCompany.name,
      organisationNumber: formatOrganisationNumber(grant.managementCompany.organisationNumber),
      requester: requester?.name ?? "–",
      requesterEmail: requester?.email ?? "–",
      customer: grant.customer.name,
      customerNumber: grant.customer.customerNumber,
      link: `${env().APP_URL}/behorighet?kund=${grant.customer.id}`,
    };
    try {
      await sendMail({ to: to.email!, subject: t("mail.MANAGEMENT_REQUEST.subject", values), text: t("mail.MANAGEMENT_REQUEST.body", values) });
      sent += 1;
    } catch (error) {
      console.error("management request mail to an administrator failed", error instanceof Error ? error.message : error);
    }
  }
  return sent;
}
