import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { revokeManagementGrantAction } from "@/server/actions/access-actions";
import type { CustomerAccessView } from "@/server/access/get-access-view";
import { InviteCompanyForm } from "./access-forms";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { scopeText } from "./scope-text";

/** "Förvaltningsbolag": invited and active management companies, and the invitation of a new one. */
export async function CompaniesCard({ access, locale }: { access: CustomerAccessView; locale: string }) {
  const t = await getTranslations("access");
  const { companies } = access;
  return (
    <Card title={t("companies.title")} className="mb-6">
      <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("companies.intro")}</p>
      {companies.length === 0 ? (
        <p className="mb-4 text-slate-800">{t("companies.none")}</p>
      ) : (
        <Table caption={t("companies.caption", { customer: access.label })} density="compact" className="mb-6">
          <THead columns={[t("companies.company"), t("companies.adminEmail"), t("companies.status"), t("companies.since"), t("companies.installations"), t("companies.managers"), t("companies.actions")]} />
          <TBody>
            {companies.map((g) => {
              const company = g.companyName ?? g.organisationNumber;
              return (
                <Tr key={g.grantId}>
                  <RowHeader>
                    <span className="font-medium">{g.companyName ?? t("companies.unregistered")}</span>
                    <span className="block text-slate-700">{t("companies.orgNo", { number: g.organisationNumber })}</span>
                    {g.registered ? null : <span className="block text-xs text-slate-600">{t("companies.unregisteredNote")}</span>}
                    {g.invitedAs ? <span className="block text-xs font-medium text-red-800">{t("companies.invitedAs", { name: g.invitedAs })}</span> : null}
                  </RowHeader>
                  <Td className="break-all">{g.adminEmails.length ? g.adminEmails.join(", ") : "–"}</Td>
                  <Td>
                    {t(`companies.statusLabel.${g.status}`)}
                    <span className="block text-xs text-slate-600">
                      {g.status === "PENDING" ? t("companies.invitedBy", { name: g.grantedBy ?? "–" }) : t(`companies.proof.${g.proof ?? "NONE"}`, { name: g.grantedBy ?? "–" })}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap">{formatDate(g.since, locale)}</Td>
                  <Td>{scopeText(t, g.installationCount)}</Td>
                  <Td>{g.managers}</Td>
                  <Td>
                    <ConfirmAction
                      summary={g.status === "PENDING" ? t("companies.withdraw") : t("companies.revoke")}
                      subject={company}
                      action={revokeManagementGrantAction}
                      fields={{ grantId: g.grantId }}
                      confirm={t("companies.revokeConfirm", { company })}
                      submit={t("companies.revokeSubmit")}
                    />
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      <h3 className="mb-3 font-semibold text-slate-900">{t("companies.inviteTitle")}</h3>
      <InviteCompanyForm customerId={access.customer.id} choices={access.choices} />
    </Card>
  );
}
