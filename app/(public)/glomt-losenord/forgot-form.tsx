"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { forgotPasswordAction } from "@/server/actions/account-actions";

export function ForgotForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(forgotPasswordAction, idle);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <SubmitButton pendingLabel={t("sending")}>{t("sendLink")}</SubmitButton>
    </form>
  );
}
