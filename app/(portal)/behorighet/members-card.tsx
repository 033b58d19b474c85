import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/form-status";
import { Card } from "@/components/ui/page-header";
import { Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { PersonRowHeader } from "@/components/access/person-row-header";
import { formatDate } from "@/lib/format";
import { changeMemberRoleAction, removeMemberAction } from "@/server/actions/access-actions";
import type { CustomerAccessView } from "@/server/access/get-access-view";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { scopeText } from "./scope-text";

const roles = ["ADMINISTRATOR", "FULL", "READ"] as const;
type Member = CustomerAccessView["members"][number];

/** "Användare": who has access to the customer, with a change of level and removal per row. */
export async function MembersCard({ access, locale }: { access: CustomerAccessView; locale: string }) {
  const t = await getTranslations("access");
  return (
    <Card title={t("members.title")} className="mb-6">
      <Table caption={t("members.caption", { customer: access.label })} density="compact">
        <THead columns={[t("members.user"), t("members.level"), t("members.installations"), t("members.lastLogin"), t("members.actions")]} />
        <TBody>
          {access.members.map((m) => (
            <Tr key={m.membershipId}>
              <PersonRowHeader name={m.name} email={m.email} isSelf={m.isSelf}>
                {m.viaCompany ? <span className="block text-xs text-slate-600">{t("members.via", { company: m.viaCompany })}</span> : null}
              </PersonRowHeader>
              <Td>{t(`roles.${m.role}`)}</Td>
              <Td>{scopeText(t, m.installationCount)}</Td>
              <Td className="whitespace-nowrap">{m.lastLoginAt ? formatDate(m.lastLoginAt, locale) : t("members.never")}</Td>
              <Td>
                <MemberActions member={m} customerLabel={access.label} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

async function MemberActions({ member: m, customerLabel }: { member: Member; customerLabel: string }) {
  const t = await getTranslations("access");
  if (m.viaCompany) return <span className="text-slate-700">{t("members.managedByCompany")}</span>;
  if (m.lastAdministrator) return <span className="text-slate-700">{t("members.lastAdministrator")}</span>;
  return (
    <div className="flex flex-wrap items-start gap-3">
      <ActionForm action={changeMemberRoleAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="membershipId" value={m.membershipId} />
        <div>
          <label htmlFor={`role-${m.membershipId}`} className="block text-xs font-medium text-slate-700">
            {t("members.changeLabel")}
            <span className="sr-only"> {m.name}</span>
          </label>
          <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role} className="mt-0.5 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm">
            {/* Nobody is offered a level above their own (the server refuses it anyway). */}
            {roles
              .filter((r) => !m.isSelf || r === m.role || r !== "ADMINISTRATOR")
              .map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
          </select>
        </div>
        <SubmitButton variant="secondary">{t("members.change")}</SubmitButton>
      </ActionForm>
      <ConfirmAction
        summary={t("members.remove")}
        subject={m.name}
        action={removeMemberAction}
        fields={{ membershipId: m.membershipId }}
        confirm={t("members.removeConfirm", { name: m.name, customer: customerLabel })}
        submit={t("members.removeSubmit")}
      />
    </div>
  );
}
