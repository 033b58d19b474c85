"use client";
import { useTranslations } from "next-intl";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { freshAfterSuccess, useFormAction } from "@/components/ui/action-form";
import { grantManagerAccessAction, inviteManagerAction, registerManagementClientAction } from "@/server/actions/access-actions";
import { InstallationPicker, RolePicker, type Choice } from "@/components/access/access-pickers";

export function InviteManagerForm({ managementCompanyId }: { managementCompanyId: string }) {
  const t = useTranslations("access.management");
  const { state, action, values: v, errors: e } = useFormAction(inviteManagerAction);
  return (
    <form action={action} noValidate className="max-w-md" key={freshAfterSuccess(state, "email")}>
      <FormMessage state={state} />
      <input type="hidden" name="managementCompanyId" value={managementCompanyId} />
      <Field label={t("managerEmail")} name="email" type="email" autoComplete="off" required defaultValue={v.email} errors={e.email} />
      <SubmitButton pendingLabel={t("pending")}>{t("inviteSubmit")}</SubmitButton>
    </form>
  );
}

export function RegisterClientForm({ managementCompanyId }: { managementCompanyId: string }) {
  const t = useTranslations("access.management");
  const { state, action, values: v, errors: e } = useFormAction(registerManagementClientAction);
  return (
    // A fresh, empty form after each request.
    <form action={action} noValidate className="max-w-md" key={freshAfterSuccess(state, "customerNumber")}>
      <FormMessage state={state} />
      <input type="hidden" name="managementCompanyId" value={managementCompanyId} />
      <Field label={t("clientCustomerNumber")} name="customerNumber" inputMode="numeric" required defaultValue={v.customerNumber} errors={e.customerNumber} />
      <Field label={t("clientNationalId")} name="nationalId" required hint={t("clientNationalIdHint")} defaultValue={v.nationalId} errors={e.nationalId} />
      <Field label={t("clientCheckCode")} name="checkCode" autoComplete="off" autoCapitalize="characters" spellCheck={false} hint={t("clientCheckCodeHint")} defaultValue={v.checkCode} errors={e.checkCode} />
      <SubmitButton pendingLabel={t("pending")}>{t("registerSubmit")}</SubmitButton>
    </form>
  );
}

/** Gives one of the company's people access to one client: Full or Read, all or some installations. */
export function GrantAccessForm({
  managementCompanyId,
  grantId,
  members,
  choices,
}: {
  managementCompanyId: string;
  grantId: string;
  members: { id: string; label: string }[];
  choices: Choice[];
}) {
  const t = useTranslations("access.management");
  const { state, action, values: v, errors: e } = useFormAction(grantManagerAccessAction);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="managementCompanyId" value={managementCompanyId} />
      <input type="hidden" name="grantId" value={grantId} />
      <SelectField label={t("grantMember")} name="memberId" defaultValue={v.memberId} errors={e.memberId} options={members.map((m) => ({ value: m.id, label: m.label }))} className="mb-4 max-w-md" />
      <RolePicker options={["FULL", "READ"]} defaultValue={v.role ?? "FULL"} errors={e.role} />
      <InstallationPicker choices={choices} values={v} errors={e.installationIds} legend={t("grantScope")} allHint={t("grantAllHint", { count: choices.length })} />
      <SubmitButton pendingLabel={t("pending")}>{t("grantSubmit")}</SubmitButton>
    </form>
  );
}
