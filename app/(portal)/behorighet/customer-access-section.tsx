import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format";
import { declineManagementRequestAction, revokeInvitationAction } from "@/server/actions/access-actions";
import type { CustomerAccessView } from "@/server/access/get-access-view";
import { AccessLog } from "./access-log";
import { AcceptRequestForm, InviteUserForm } from "./access-forms";
import { CompaniesCard } from "./companies-card";
import { ConfirmAction, RowAction } from "@/components/ui/confirm-action";
import { MembersCard } from "./members-card";
import { scopeText } from "./scope-text";

/** Everything about one customer the user administers: requests, users, invitations, companies, log. */
export async function CustomerAccessSection({ access, locale }: { access: CustomerAccessView; locale: string }) {
  const t = await getTranslations("access");
  return (
    <section aria-labelledby="customer-access-title">
      <h2 id="customer-access-title" className="mb-4 text-xl font-semibold text-slate-900">
        {t("members.sectionTitle", { customer: access.label })}
      </h2>
      {access.requests.length ? <RequestsCard access={access} locale={locale} /> : null}
      <MembersCard access={access} locale={locale} />
      {access.invitations.length ? <InvitationsCard access={access} locale={locale} /> : null}
      <Card title={t("invite.title")} className="mb-6">
        <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("invite.intro", { customer: access.label })}</p>
        <InviteUserForm customerId={access.customer.id} choices={access.choices} />
      </Card>
      <CompaniesCard access={access} locale={locale} />
      <Card title={t("log.title")}>
        <p className="mb-3 text-sm text-slate-700">{t("log.intro")}</p>
        <AccessLog entries={access.log} locale={locale} />
      </Card>
    </section>
  );
}

/** Management companies asking to manage the customer: accept (with a scope) or decline each. */
async function RequestsCard({ access, locale }: { access: CustomerAccessView; locale: string }) {
  const t = await getTranslations("access");
  return (
    <Card title={t("requests.title")} className="mb-6">
      <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("requests.intro")}</p>
      {/* One block per request (a form in each), which reads on a phone as well as on a desktop. */}
      <ul className="space-y-4" aria-label={t("requests.caption", { customer: access.label })}>
        {access.requests.map((g) => {
          const company = g.companyName ?? g.organisationNumber;
          return (
            <li key={g.grantId}>
              <section aria-labelledby={`request-${g.grantId}`} className="rounded-md border border-slate-300 p-4">
                <h3 id={`request-${g.grantId}`} className="font-semibold text-slate-900">
                  {company}
                </h3>
                <dl className="mb-4 mt-1 grid gap-x-4 gap-y-1 text-sm text-slate-800 sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium text-slate-700">{t("requests.organisationNumber")}</dt>
                  <dd>{g.organisationNumber}</dd>
                  <dt className="font-medium text-slate-700">{t("requests.requestedBy")}</dt>
                  <dd className="break-words">{g.requestedBy ? `${g.requestedBy.name} (${g.requestedBy.email ?? "–"})` : "–"}</dd>
                  <dt className="font-medium text-slate-700">{t("requests.requestedAt")}</dt>
                  <dd>{formatDate(g.since, locale)}</dd>
                </dl>
                <div className="space-y-2">
                  <AcceptRequestForm grantId={g.grantId} company={company} choices={access.choices} />
                  <ConfirmAction
                    summary={t("requests.decline")}
                    subject={company}
                    action={declineManagementRequestAction}
                    fields={{ grantId: g.grantId }}
                    confirm={t("requests.declineConfirm", { company })}
                    submit={t("requests.declineSubmit")}
                  />
                </div>
              </section>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** Invitations not yet used, each with "Återkalla". */
async function InvitationsCard({ access, locale }: { access: CustomerAccessView; locale: string }) {
  const t = await getTranslations("access");
  return (
    <Card title={t("invitations.title")} className="mb-6">
      <Table caption={t("invitations.caption", { customer: access.label })} density="compact">
        <THead columns={[t("invitations.email"), t("invitations.level"), t("invitations.installations"), t("invitations.validUntil"), t("invitations.actions")]} />
        <TBody>
          {access.invitations.map((i) => (
            <Tr key={i.invitationId}>
              <RowHeader className="break-all font-medium">
                {i.email}
                <span className="block text-xs font-normal text-slate-600">{t("invitations.invitedBy", { name: i.invitedBy })}</span>
              </RowHeader>
              <Td>{i.role ? t(`roles.${i.role}`) : "–"}</Td>
              <Td>{scopeText(t, i.installationCount)}</Td>
              <Td className="whitespace-nowrap">{i.expired ? <span className="font-medium text-red-800">{t("invitations.expired")}</span> : formatDateTime(i.expiresAt, locale)}</Td>
              <Td>
                <RowAction action={revokeInvitationAction} fields={{ invitationId: i.invitationId }} label={t("invitations.revoke")} subject={i.email} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
