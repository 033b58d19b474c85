"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { startElegLinkAction } from "@/server/actions/eleg-actions";

/** "Koppla e-legitimation": one button; the action sends the browser to the provider to sign. */
export function LinkElegForm() {
  const t = useTranslations("eleg");
  const [state, action] = useActionState(startElegLinkAction, idle);
  return (
    <form action={action}>
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("link.pending")}>{t("link.button")}</SubmitButton>
    </form>
  );
}
