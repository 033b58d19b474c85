"use client";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { freshAfterSuccess, useFormAction } from "@/components/ui/action-form";
import { acceptManagementRequestAction, addCustomerAction, inviteManagementCompanyAction, inviteUserAction } from "@/server/actions/access-actions";
import { InstallationPicker, RolePicker, type Choice } from "@/components/access/access-pickers";

export function AddCustomerForm() {
  const t = useTranslations("access.addCustomer");
  const { state, action, values: v, errors: e } = useFormAction(addCustomerAction);
  return (
    <form action={action} noValidate className="max-w-md">
      <FormMessage state={state} />
      <Field label={t("customerNumber")} name="customerNumber" inputMode="numeric" required hint={t("customerNumberHint")} defaultValue={v.customerNumber} errors={e.customerNumber} />
      <Field label={t("nationalId")} name="nationalId" required hint={t("nationalIdHint")} defaultValue={v.nationalId} errors={e.nationalId} />
      <Field label={t("checkCode")} name="checkCode" autoComplete="off" autoCapitalize="characters" spellCheck={false} required hint={t("checkCodeHint")} defaultValue={v.checkCode} errors={e.checkCode} />
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}

export function InviteUserForm({ customerId, choices }: { customerId: string; choices: Choice[] }) {
  const t = useTranslations("access.invite");
  const { state, action, values: v, errors: e } = useFormAction(inviteUserAction);
  return (
    // A fresh, empty form after each sent invitation.
    <form action={action} noValidate key={freshAfterSuccess(state, "email")}>
      <FormMessage state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("email")} name="email" type="email" autoComplete="off" required defaultValue={v.email} errors={e.email} />
      <RolePicker defaultValue={v.role ?? "READ"} errors={e.role} />
      <InstallationPicker choices={choices} values={v} errors={e.installationIds} />
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}

export function InviteCompanyForm({ customerId, choices }: { customerId: string; choices: Choice[] }) {
  const t = useTranslations("access.companies");
  const { state, action, values: v, errors: e } = useFormAction(inviteManagementCompanyAction);
  return (
    <form action={action} noValidate key={freshAfterSuccess(state, "email")}>
      <FormMessage state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("organisationNumber")} name="organisationNumber" required hint={t("organisationNumberHint")} defaultValue={v.organisationNumber} errors={e.organisationNumber} />
      <Field label={t("companyName")} name="companyName" autoComplete="off" required hint={t("companyNameHint")} defaultValue={v.companyName} errors={e.companyName} />
      <Field label={t("contactEmail")} name="email" type="email" autoComplete="off" required hint={t("contactEmailHint")} defaultValue={v.email} errors={e.email} />
      <InstallationPicker choices={choices} values={v} errors={e.installationIds} legend={t("scopeLegend")} />
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}

/** A company's request: accept it for all or chosen installations (declining is its own small form). */
export function AcceptRequestForm({ grantId, company, choices }: { grantId: string; company: string; choices: Choice[] }) {
  const t = useTranslations("access.requests");
  const { state, action, values: v, errors: e } = useFormAction(acceptManagementRequestAction);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="grantId" value={grantId} />
      <InstallationPicker choices={choices} values={v} errors={e.installationIds} legend={t("scopeLegend")} />
      <SubmitButton>
        {t("accept")}
        <span className="sr-only"> {company}</span>
      </SubmitButton>
    </form>
  );
}
