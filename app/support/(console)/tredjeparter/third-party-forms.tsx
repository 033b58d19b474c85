"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { ConfirmCheckbox, Field, TextAreaField } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { formatDateTime } from "@/lib/format";
import { idle } from "@/lib/action-state";
import {
  createApiClientAction,
  createThirdPartyAction,
  resendWebhookAction,
  revokeApiClientAction,
  rotateApiClientSecretAction,
  rotateWebhookSecretAction,
  reviewConsentRequestAction,
  updateThirdPartyAction,
} from "@/server/actions/third-party-admin-actions";
import { textLink } from "@/components/ui/text-link";

/**
 * A secret shown once, right after the action made it: the value, a copy button and the warning
 * that it will not be shown again. It lives only in this component's state.
 */
function SecretOnce({ items, heading }: { heading: string; items: { label: string; value: string }[] }) {
  const t = useTranslations("thirdPartyAdmin.secret");
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (label: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(label);
    } catch {
      setCopied(`!${label}`);
    }
  };
  return (
    <div role="status" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-4 text-slate-900">
      <p className="font-semibold text-green-900">{heading}</p>
      <dl className="mt-3 space-y-3">
        {items.map((item) => (
          <div key={item.label}>
            <dt className="text-sm font-medium">{item.label}</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
              <code className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm break-all select-all">{item.value}</code>
              <button
                type="button"
                onClick={() => copy(item.label, item.value)}
                className={buttonClass({ variant: "secondary", size: "sm" })}
              >
                {copied === item.label ? t("copied") : t("copy")}
                <span className="sr-only"> {item.label}</span>
              </button>
              {copied === `!${item.label}` ? <span className="text-sm text-red-800">{t("copyFailed")}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm font-semibold text-amber-900">{t("copyNow")}</p>
    </div>
  );
}

type PartyFields = { name?: string; contactEmail?: string; contactPhone?: string | null; webhookUrl?: string | null };

function ThirdPartyFields({ values, errors }: { values: PartyFields; errors: Record<string, string[]> }) {
  const t = useTranslations("thirdPartyAdmin.register");
  return (
    <>
      <Field label={t("name")} name="name" required autoComplete="off" maxLength={200} defaultValue={values.name ?? ""} errors={errors.name} />
      <Field label={t("contactEmail")} name="contactEmail" type="email" required autoComplete="off" maxLength={200} defaultValue={values.contactEmail ?? ""} errors={errors.contactEmail} />
      <Field label={t("contactPhone")} name="contactPhone" type="tel" autoComplete="off" maxLength={40} defaultValue={values.contactPhone ?? ""} errors={errors.contactPhone} />
      <Field
        label={t("webhookUrl")}
        name="webhookUrl"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        maxLength={500}
        placeholder="https://"
        hint={t("webhookUrlHint")}
        defaultValue={values.webhookUrl ?? ""}
        errors={errors.webhookUrl}
      />
    </>
  );
}

/** "Registrera energitjänsteföretag" (ADMIN); afterwards the webhook secret, once, and the way on. */
export function RegisterThirdPartyForm() {
  const t = useTranslations("thirdPartyAdmin.register");
  const { state, action, values: v, errors: e } = useFormAction(createThirdPartyAction);
  const created = state.status === "ok" ? (state.messageValues as { name: string; thirdPartyId: string; webhookSecret: string }) : null;
  return (
    <div>
      {created ? (
        <>
          <SecretOnce heading={t("created", { name: created.name })} items={[{ label: t("secretLabel", { name: created.name }), value: created.webhookSecret }]} />
          <p className="mb-6">
            <Link href={`/support/tredjeparter/${created.thirdPartyId}`} className={textLink}>
              {t("toCompany", { name: created.name })}
            </Link>
          </p>
        </>
      ) : null}
      {/* A fresh, empty form after each registration. */}
      <form action={action} noValidate className="max-w-xl" key={created?.thirdPartyId ?? "form"}>
        {state.status === "error" ? <FormMessage state={state} /> : null}
        <Field
          label={t("organisationNumber")}
          name="organisationNumber"
          required
          autoComplete="off"
          maxLength={20}
          hint={t("organisationNumberHint")}
          defaultValue={v.organisationNumber ?? ""}
          errors={e.organisationNumber}
        />
        <ThirdPartyFields values={v} errors={e} />
        <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
      </form>
    </div>
  );
}

export type EditableParty = { id: string; name: string; contactEmail: string; contactPhone: string | null; webhookUrl: string | null; status: "ACTIVE" | "SUSPENDED" };

export function EditThirdPartyForm({ party }: { party: EditableParty }) {
  const t = useTranslations("thirdPartyAdmin.edit");
  const ts = useTranslations("thirdPartyAdmin.status");
  const tAll = useTranslations();
  const id = useId();
  const { state, action, values: v, errors: e } = useFormAction(updateThirdPartyAction);
  const status = v.status ?? party.status;
  return (
    <form action={action} noValidate className="max-w-xl">
      <FormMessage state={state} />
      <input type="hidden" name="thirdPartyId" value={party.id} />
      <ThirdPartyFields values={state.status === "error" ? v : party} errors={e} />
      <fieldset className="mb-4">
        <legend className="text-sm font-medium text-slate-900">{t("statusLegend")}</legend>
        <div className="mt-2 space-y-2">
          {(["ACTIVE", "SUSPENDED"] as const).map((s) => (
            <div key={s} className="flex items-start gap-3">
              <input id={`${id}-${s}`} type="radio" name="status" value={s} defaultChecked={status === s} aria-describedby={`${id}-${s}-hint`} className="mt-1 h-4 w-4 accent-sky-800" />
              <div>
                <label htmlFor={`${id}-${s}`} className="font-medium text-slate-900">
                  {ts(s)}
                </label>
                <p id={`${id}-${s}-hint`} className="text-sm text-slate-700">
                  {t(s === "ACTIVE" ? "statusActiveHint" : "statusSuspendedHint")}
                </p>
              </div>
            </div>
          ))}
        </div>
        {e.status?.length ? <p className="mt-1 text-sm font-medium text-red-700">{e.status.map((k) => tAll(k)).join(" ")}</p> : null}
      </fieldset>
      <SubmitButton pendingLabel={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}

export function RotateWebhookSecretForm({ thirdPartyId }: { thirdPartyId: string }) {
  const t = useTranslations("thirdPartyAdmin.webhookSecret");
  return (
    <ActionForm noValidate errorPlacement="top" action={rotateWebhookSecretAction}>
      {(state) => (
        <>
          {state.status === "ok" && state.messageValues ? (
            <SecretOnce heading={t("rotated")} items={[{ label: t("secretLabel"), value: String(state.messageValues.webhookSecret) }]} />
          ) : null}
          <details className="rounded-md border border-slate-300 p-4" open={state.status !== "idle" ? true : undefined}>
            <summary className="cursor-pointer font-semibold text-slate-900">{t("summary")}</summary>
            <p className="my-3 text-sm text-slate-700">{t("warning")}</p>
            <input type="hidden" name="thirdPartyId" value={thirdPartyId} />
            <SubmitButton variant="secondary" pendingLabel={t("pending")}>
              {t("submit")}
            </SubmitButton>
          </details>
        </>
      )}
    </ActionForm>
  );
}

export function CreateApiClientForm({ thirdPartyId }: { thirdPartyId: string }) {
  const t = useTranslations("thirdPartyAdmin.clients");
  const [state, action] = useActionState(createApiClientAction, idle);
  const e = state.fieldErrors ?? {};
  const created = state.status === "ok" ? (state.messageValues as { name: string; clientId: string; clientSecret: string }) : null;
  return (
    <div>
      {created ? (
        <SecretOnce
          heading={t("createdMessage", { name: created.name })}
          items={[
            { label: t("clientIdLabel"), value: created.clientId },
            { label: t("clientSecretLabel"), value: created.clientSecret },
          ]}
        />
      ) : null}
      <form action={action} noValidate className="max-w-xl" key={created?.clientId ?? "form"}>
        {state.status === "error" ? <FormMessage state={state} /> : null}
        <input type="hidden" name="thirdPartyId" value={thirdPartyId} />
        <Field label={t("createName")} name="name" required autoComplete="off" maxLength={100} hint={t("createNameHint")} defaultValue={state.status === "error" ? (state.values?.name ?? "") : ""} errors={e.name} />
        <SubmitButton pendingLabel={t("createPending")}>{t("createSubmit")}</SubmitButton>
      </form>
    </div>
  );
}

export function RotateClientSecretForm({ apiClientId, clientId, graceHours }: { apiClientId: string; clientId: string; graceHours: readonly number[] }) {
  const t = useTranslations("thirdPartyAdmin.rotate");
  const tg = useTranslations("thirdPartyAdmin.grace");
  const locale = useLocale();
  const id = useId();
  return (
    <ActionForm noValidate errorPlacement="top" action={rotateApiClientSecretAction}>
      {(state) => {
        const done = state.status === "ok" && state.messageValues ? (state.messageValues as { clientSecret: string; previousValidUntil: string; previousStillValid: "yes" | "no" }) : null;
        const until = done ? new Date(done.previousValidUntil) : null;
        return (
          <>
            {done && until ? (
              <>
                <SecretOnce heading={t("rotated")} items={[{ label: t("secretLabel", { clientId }), value: done.clientSecret }]} />
                <p className="mb-4 text-sm text-slate-800">{done.previousStillValid === "yes" ? t("previousUntil", { date: formatDateTime(until, locale) }) : t("previousStopped")}</p>
              </>
            ) : null}
            <details className="rounded-md border border-slate-300 p-4" open={state.status !== "idle" ? true : undefined}>
              <summary className="cursor-pointer font-semibold text-slate-900">{t("summary")}</summary>
              <input type="hidden" name="apiClientId" value={apiClientId} />
              <fieldset className="my-3">
                <legend className="text-sm font-medium text-slate-900">{tg("legend")}</legend>
                <p id={`${id}-hint`} className="text-sm text-slate-700">
                  {tg("hint")}
                </p>
                <div className="mt-2 space-y-1.5">
                  {graceHours.map((h) => (
                    <div key={h} className="flex items-center gap-2">
                      <input id={`${id}-${h}`} type="radio" name="graceHours" value={h} defaultChecked={h === 24} className="h-4 w-4 accent-sky-800" />
                      <label htmlFor={`${id}-${h}`} className="text-sm text-slate-900">
                        {tg(`h${h}`)}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
              <SubmitButton variant="secondary" pendingLabel={t("pending")}>
                {t("submit")}
              </SubmitButton>
            </details>
          </>
        );
      }}
    </ActionForm>
  );
}

export function RevokeClientForm({ apiClientId, clientId, thirdPartyId }: { apiClientId: string; clientId: string; thirdPartyId: string }) {
  const t = useTranslations("thirdPartyAdmin.revoke");
  return (
    <ActionForm noValidate errorPlacement="top" action={revokeApiClientAction}>
      {(state) => (
        <details className="rounded-md border border-red-300 p-4" open={state.status === "error" ? true : undefined}>
          <summary className="cursor-pointer font-semibold text-red-800">{t("summary")}</summary>
          <fieldset className="mt-3">
            <legend className="mb-2 font-semibold text-slate-900">{t("legend", { clientId })}</legend>
            <p className="mb-3 text-sm text-slate-700">{t("effects")}</p>
            <input type="hidden" name="apiClientId" value={apiClientId} />
            <input type="hidden" name="thirdPartyId" value={thirdPartyId} />
            <ConfirmCheckbox label={t("confirm")} errors={state.fieldErrors?.confirm} />
            <SubmitButton variant="danger" pendingLabel={t("pending")}>
              {t("submit")}
            </SubmitButton>
          </fieldset>
        </details>
      )}
    </ActionForm>
  );
}

export function ResendWebhookForm({ deliveryId, eventId }: { deliveryId: string; eventId: string }) {
  const t = useTranslations("thirdPartyAdmin.webhooks");
  return (
    <ActionForm noValidate errorPlacement="top" action={resendWebhookAction}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button
        type="submit"
        aria-label={t("resendLabel", { eventId })}
        className={buttonClass({ variant: "secondary", size: "sm", className: "whitespace-nowrap" })}
      >
        {t("resend")}
      </button>
    </ActionForm>
  );
}

/** "Skicka till kunden" and "Avvisa" (with a reason the company receives) for one queued request. */
export function ReviewForms({ requestId, reference }: { requestId: string; reference: string }) {
  const t = useTranslations("thirdPartyAdmin.review");
  const [validateState, validate] = useActionState(reviewConsentRequestAction, idle);
  const [rejectState, reject] = useActionState(reviewConsentRequestAction, idle);
  return (
    <div className="mt-4 grid gap-4 lg:grid-cols-2">
      <form action={validate} className="self-start">
        <FormMessage state={validateState} />
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="decision" value="validate" />
        <SubmitButton pendingLabel={t("validatePending")}>{t("validate")}</SubmitButton>
      </form>
      <details className="self-start rounded-md border border-red-300 bg-white p-4" open={rejectState.status === "error" ? true : undefined}>
        <summary className="cursor-pointer font-semibold text-red-800">{t("rejectSummary")}</summary>
        <form action={reject} noValidate className="mt-3">
          <fieldset>
            <legend className="mb-2 font-semibold text-slate-900">{t("rejectLegend", { reference })}</legend>
            <FormMessage state={rejectState} />
            <input type="hidden" name="requestId" value={requestId} />
            <input type="hidden" name="decision" value="reject" />
            <TextAreaField label={t("rejectReason")} name="reason" required maxLength={500} hint={t("rejectReasonHint")} errors={rejectState.fieldErrors?.reason} defaultValue={rejectState.values?.reason} />
            <SubmitButton variant="danger" pendingLabel={t("rejectPending")}>
              {t("rejectSubmit")}
            </SubmitButton>
          </fieldset>
        </form>
      </details>
    </div>
  );
}
