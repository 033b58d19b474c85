import { getLocale, getTranslations } from "next-intl/server";
import { ConfirmAction, RowAction } from "@/components/ui/confirm-action";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { PersonRowHeader } from "@/components/access/person-row-header";
import { formatDate, formatDateTime } from "@/lib/format";
import type { ManagementCompanyOverview } from "@/server/access/get-management-overview";
import { removeManagerAction, revokeInvitationAction, signManagementRequestAction } from "@/server/actions/access-actions";
import { ClientsCard } from "./clients-card";
import { InviteManagerForm, RegisterClientForm } from "./management-forms";

/** One management company: its clients, and for its administrators its people and client requests. */
export async function CompanySection({ company }: { company: ManagementCompanyOverview }) {
  const [t, locale] = await Promise.all([getTranslations("access"), getLocale()]);
  const admin = company.myRole === "ADMINISTRATOR";
  return (
    <section aria-labelledby={`company-${company.id}`} className="mb-10">
      <h2 id={`company-${company.id}`} className="text-xl font-semibold text-slate-900">
        {company.name}
      </h2>
      <p className="mb-4 text-sm text-slate-700">
        {t("companies.orgNo", { number: company.organisationNumber })} · {t("management.myRole", { role: t(`management.roles.${company.myRole}`) })}
      </p>
      <ClientsCard company={company} locale={locale} />
      {admin ? (
        <>
          <PeopleCard company={company} locale={locale} />
          <RegisterCard company={company} locale={locale} />
        </>
      ) : null}
    </section>
  );
}

/** The company's people (remove one), open invitations (revoke one) and the invitation of a new manager. */
async function PeopleCard({ company, locale }: { company: ManagementCompanyOverview; locale: string }) {
  const t = await getTranslations("access");
  return (
    <Card title={t("management.peopleTitle")} className="mb-6">
      <Table caption={t("management.peopleCaption", { company: company.name })} density="compact">
        <THead columns={[t("members.user"), t("management.role"), t("members.actions")]} />
        <TBody>
          {company.members.map((m) => (
            <Tr key={m.memberId}>
              <PersonRowHeader name={m.name} email={m.email} isSelf={m.isSelf} />
              <Td>{t(`management.roles.${m.role}`)}</Td>
              <Td>
                {m.isSelf ? null : (
                  <ConfirmAction
                    summary={t("management.removeManager")}
                    subject={m.name}
                    action={removeManagerAction}
                    fields={{ memberId: m.memberId }}
                    confirm={t("management.removeConfirm", { name: m.name, company: company.name })}
                    submit={t("members.removeSubmit")}
                  />
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>

      {company.invitations.length ? (
        <>
          <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("invitations.title")}</h3>
          <ul className="space-y-2">
            {company.invitations.map((i) => (
              <li key={i.invitationId} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="break-all font-medium">{i.email}</span>
                <span className="text-slate-700">{i.expired ? t("invitations.expired") : t("management.invitationValidUntil", { date: formatDateTime(i.expiresAt, locale) })}</span>
                <RowAction action={revokeInvitationAction} fields={{ invitationId: i.invitationId }} label={t("invitations.revoke")} subject={i.email} />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("management.inviteTitle")}</h3>
      <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("management.inviteIntro")}</p>
      <InviteManagerForm managementCompanyId={company.id} />
    </Card>
  );
}

/** Ask a client for access, and the requests sent so far (with the signatory's own signature where allowed). */
async function RegisterCard({ company, locale }: { company: ManagementCompanyOverview; locale: string }) {
  const t = await getTranslations("access");
  return (
    <Card title={t("management.registerTitle")}>
      <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("management.registerIntro")}</p>
      <RegisterClientForm managementCompanyId={company.id} />
      {company.requests.length ? (
        <>
          <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("management.requestsTitle")}</h3>
          <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("management.requestsIntro")}</p>
          <Table caption={t("management.requestsCaption", { company: company.name })}>
            <THead columns={[t("management.requestCustomer"), t("management.requestStatus"), t("management.requestSent")]} />
            <TBody>
              {company.requests.map((r) => (
                <Tr key={r.grantId} className="align-top">
                  <RowHeader className="font-medium tabular-nums">{r.customerNumber}</RowHeader>
                  <Td>
                    {t(`management.requestState.${r.status}`, { date: r.declinedAt ? formatDate(r.declinedAt, locale) : "" })}
                    {r.canSign ? (
                      <RowAction
                        action={signManagementRequestAction}
                        fields={{ grantId: r.grantId }}
                        hint={t("management.signHint")}
                        label={t("management.sign")}
                        subject={r.customerNumber}
                        className="mt-2 max-w-sm"
                      />
                    ) : null}
                  </Td>
                  <Td className="whitespace-nowrap">{formatDate(r.requestedAt, locale)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      ) : null}
    </Card>
  );
}
