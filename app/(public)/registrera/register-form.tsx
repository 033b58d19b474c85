"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { registerAction } from "@/server/actions/account-actions";

export function RegisterForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(registerAction, idle);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required defaultValue={v.email} errors={e.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={e.password} />
      <Field label={t("confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required errors={e.confirmPassword} />
      <Field label={t("customerNumber")} name="customerNumber" inputMode="numeric" required defaultValue={v.customerNumber} errors={e.customerNumber} />
      <Field label={t("nationalId")} name="nationalId" required hint={t("nationalIdHint")} defaultValue={v.nationalId} errors={e.nationalId} />
      <Field label={t("checkCode")} name="checkCode" autoComplete="off" autoCapitalize="characters" spellCheck={false} required hint={t("checkCodeHint")} defaultValue={v.checkCode} errors={e.checkCode} />
      <SubmitButton pendingLabel={t("registering")}>{t("register")}</SubmitButton>
    </form>
  );
}
