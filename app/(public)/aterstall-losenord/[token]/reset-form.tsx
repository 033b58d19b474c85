"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { resetPasswordAction } from "@/server/actions/account-actions";

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resetPasswordAction, idle);
  const message = state.message === "errors.NOT_FOUND" ? { ...state, message: "auth.resetInvalid" } : state;
  return (
    <form action={action} noValidate>
      <FormMessage state={message} />
      <input type="hidden" name="token" value={token} />
      <Field label={t("newPassword")} name="password" type="password" autoComplete="new-password" required hint={t("passwordHint")} errors={state.fieldErrors?.password} />
      <Field label={t("confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required errors={state.fieldErrors?.confirmPassword} />
      <SubmitButton>{t("setPassword")}</SubmitButton>
    </form>
  );
}
