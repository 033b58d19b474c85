import "server-only";
import { formatNationalId, type NationalIdScheme } from "@/domain/identity";
import { translator } from "@/i18n/translator";
import { env } from "@/server/env";
import { sendMail } from "@/server/mail/send-mail";
import { INVITATION_TTL_DAYS, type MemberRole } from "./schemas";

export type InvitationMail = { to: string; token: string; inviterName: string; locale: string | null | undefined } & (
  | { kind: "CUSTOMER_USER"; customerName: string; customerNumber: string; role: MemberRole }
  | { kind: "MANAGEMENT_COMPANY"; customerName: string; customerNumber: string; organisationNumber: string; companyName: string; scheme: NationalIdScheme }
  | { kind: "MANAGER"; companyName: string }
);

/** Mails an invitation link, in the language the inviter was using. */
export async function sendInvitationMail(mail: InvitationMail): Promise<void> {
  const t = await translator(mail.locale, "access");
  const values: Record<string, string | number> = {
    link: `${env().APP_URL}/inbjudan/${mail.token}`,
    inviter: mail.inviterName,
    days: INVITATION_TTL_DAYS,
  };
  if (mail.kind === "CUSTOMER_USER") Object.assign(values, { customer: mail.customerName, customerNumber: mail.customerNumber, role: t(`roles.${mail.role}`) });
  if (mail.kind === "MANAGEMENT_COMPANY") {
    Object.assign(values, {
      customer: mail.customerName,
      customerNumber: mail.customerNumber,
      organisationNumber: formatNationalId(mail.organisationNumber, mail.scheme),
      company: mail.companyName,
    });
  }
  if (mail.kind === "MANAGER") values.company = mail.companyName;
  await sendMail({ to: mail.to, subject: t(`mail.${mail.kind}.subject`, values), text: t(`mail.${mail.kind}.body`, values) });
}
