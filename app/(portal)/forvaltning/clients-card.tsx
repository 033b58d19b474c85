import { getTranslations } from "next-intl/server";
import { RowAction } from "@/components/ui/confirm-action";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { ManagementClient, ManagementCompanyOverview } from "@/server/access/get-management-overview";
import { toInstallationOption } from "@/server/access/installation-option";
import { revokeManagerAccessAction } from "@/server/actions/access-actions";
import { GrantAccessForm } from "./management-forms";

/** "Kunder": the company's clients, who of its people has access to each, and (administrators) giving more. */
export async function ClientsCard({ company, locale }: { company: ManagementCompanyOverview; locale: string }) {
  const t = await getTranslations("access");
  const admin = company.myRole === "ADMINISTRATOR";
  return (
    <Card title={t("management.clientsTitle")} className="mb-6">
      {company.clients.length === 0 ? (
        <p className="text-slate-800">{admin ? t("management.noClients") : t("management.noAccess")}</p>
      ) : (
        <div className="space-y-6">
          {company.clients.map((client) => (
            <ClientBlock key={client.grantId} company={company} client={client} locale={locale} />
          ))}
        </div>
      )}
    </Card>
  );
}

async function ClientBlock({ company, client, locale }: { company: ManagementCompanyOverview; client: ManagementClient; locale: string }) {
  const t = await getTranslations("access");
  const admin = company.myRole === "ADMINISTRATOR";
  const label = `${client.customerName} (${client.customerNumber})`;
  return (
    <section aria-label={label} className="rounded-md border border-slate-200 p-4">
      <h3 className="font-semibold text-slate-900">{label}</h3>
      <p className="text-sm text-slate-700">
        {client.installationCount === null ? t("scope.allShort") : t("scope.someShort", { count: client.installationCount })} ·{" "}
        {t(`management.proof.${client.proof ?? "NONE"}`, { date: formatDate(client.since, locale) })}
      </p>
      {client.managers.length ? (
        <Table caption={t("management.accessCaption", { customer: label })} density="compact" className="mt-3">
          <THead columns={[t("management.manager"), t("members.level"), t("members.installations"), ...(admin ? [t("members.actions")] : [])]} />
          <TBody>
            {client.managers.map((m) => (
              <Tr key={m.membershipId}>
                <RowHeader>
                  <span className="font-medium">{m.name}</span>
                  <span className="block break-all text-slate-700">{m.email}</span>
                </RowHeader>
                <Td>{t(`roles.${m.role}`)}</Td>
                <Td>{m.installationCount === null ? t("management.allGranted") : t("scope.someShort", { count: m.installationCount })}</Td>
                {admin ? (
                  <Td>
                    <RowAction action={revokeManagerAccessAction} fields={{ membershipId: m.membershipId }} label={t("management.revokeAccess")} subject={`${m.name}, ${label}`} />
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="mt-2 text-sm text-slate-800">{t("management.noManagers")}</p>
      )}
      {admin ? (
        <details className="mt-3">
          <summary className="cursor-pointer font-medium text-sky-900">
            {t("management.grantTitle")}
            <span className="sr-only"> {label}</span>
          </summary>
          <div className="mt-3">
            <GrantAccessForm
              managementCompanyId={company.id}
              grantId={client.grantId}
              members={company.members.map((m) => ({ id: m.memberId, label: `${m.name} (${m.email ?? "–"})` }))}
              choices={client.installations.map(toInstallationOption)}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
