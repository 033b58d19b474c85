"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmCheckbox, TextAreaField } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { sendResetLinkAction, voidUserAction } from "@/server/actions/support-actions";

export function ResetLinkForm({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("support");
  const [state, action] = useActionState(sendResetLinkAction, idle);
  return (
    <form action={action}>
      <fieldset className="h-full rounded-md border border-slate-300 p-4">
        <legend className="px-1 font-semibold">{t("reset.legend")}</legend>
        <FormMessage state={state} />
        <p className="mb-3 text-sm text-slate-700">{t("reset.intro", { email })}</p>
        <input type="hidden" name="userId" value={userId} />
        <SubmitButton variant="secondary" pendingLabel={t("reset.pending")}>
          {t("reset.submit")}
        </SubmitButton>
      </fieldset>
    </form>
  );
}

/**
 * Voiding is a deliberate two-part step: the form opens from a disclosure, and the server refuses it
 * unless the reason is given and the confirmation box is ticked (no JavaScript confirm()).
 */
export function VoidUserForm({ userId, customerId, email }: { userId: string; customerId: string; email: string }) {
  const t = useTranslations("support");
  const [state, action] = useActionState(voidUserAction, idle);
  const e = state.fieldErrors ?? {};
  return (
    <details open={state.status === "error" ? true : undefined} className="self-start rounded-md border border-red-300 bg-white p-4">
      <summary className="cursor-pointer font-semibold text-red-800">{t("void.summary")}</summary>
      <form action={action} noValidate className="mt-3">
        <fieldset>
          <legend className="mb-2 font-semibold">{t("void.legend", { email })}</legend>
          <FormMessage state={state} />
          <p className="mb-2 text-sm text-slate-700">{t("void.intro")}</p>
          <p className="mb-4 text-sm text-slate-700">{t("void.effects")}</p>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="customerId" value={customerId} />
          <TextAreaField label={t("void.reason")} name="reason" required maxLength={500} hint={t("void.reasonHint")} defaultValue={state.values?.reason} errors={e.reason} />
          <ConfirmCheckbox label={t("void.confirm")} errors={e.confirm} />
          <SubmitButton variant="danger" pendingLabel={t("void.pending")}>
            {t("void.submit")}
          </SubmitButton>
        </fieldset>
      </form>
    </details>
  );
}
