"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/server/actions/action-state";
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
  const tt = useTranslations();
  const id = useId();
  const [state, action] = useActionState(voidUserAction, idle);
  const e = state.fieldErrors ?? {};
  const reasonHint = `${id}-reason-hint`;
  const reasonError = e.reason?.length ? `${id}-reason-error` : undefined;
  const confirmError = e.confirm?.length ? `${id}-confirm-error` : undefined;
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
          <div className="mb-4">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-900">
              {t("void.reason")}
              <span className="sr-only"> ({tt("common.required")})</span>
              <span aria-hidden="true" className="text-red-700"> *</span>
            </label>
            <p id={reasonHint} className="mt-0.5 text-sm text-slate-600">
              {t("void.reasonHint")}
            </p>
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={3}
              required
              maxLength={500}
              defaultValue={state.values?.reason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={[reasonHint, reasonError].filter(Boolean).join(" ")}
              className={`mt-1 block w-full rounded-md border px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-sky-600 ${reasonError ? "border-red-700" : "border-slate-400"}`}
            />
            {reasonError ? (
              <p id={reasonError} className="mt-1 text-sm font-medium text-red-700">
                {e.reason!.map((k) => tt(k)).join(" ")}
              </p>
            ) : null}
          </div>
          <div className="mb-4">
            <div className="flex items-start gap-2">
              <input
                id={`${id}-confirm`}
                name="confirm"
                type="checkbox"
                required
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError}
                className="mt-1 h-4 w-4 rounded border-slate-500 focus:ring-2 focus:ring-sky-600"
              />
              <label htmlFor={`${id}-confirm`} className="text-sm font-medium text-slate-900">
                {t("void.confirm")}
              </label>
            </div>
            {confirmError ? (
              <p id={confirmError} className="mt-1 text-sm font-medium text-red-700">
                {e.confirm!.map((k) => tt(k)).join(" ")}
              </p>
            ) : null}
          </div>
          <SubmitButton variant="danger" pendingLabel={t("void.pending")}>
            {t("void.submit")}
          </SubmitButton>
        </fieldset>
      </form>
    </details>
  );
}
