"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle, type ActionState } from "@/server/actions/action-state";
import { acceptManagementRequestAction, addCustomerAction, inviteManagementCompanyAction, inviteUserAction } from "@/server/actions/access-actions";
import { INSTALLATION_FIELD_PREFIX } from "@/lib/access-form-fields";

export type Choice = { id: string; label: string; detail: string };

/**
 * All installations, or some ticked in a list (each checkbox its own field, so it works without
 * JavaScript; the list shows while "selected" is chosen).
 */
export function InstallationPicker({
  choices,
  values,
  errors,
  legend,
  allHint,
}: {
  choices: Choice[];
  values?: Record<string, string>;
  errors?: string[];
  legend?: string;
  allHint?: string;
}) {
  const t = useTranslations("access.scope");
  const tAll = useTranslations();
  const id = useId();
  const initial = values?.scope === "selected" ? "selected" : "all";
  const errorId = `${id}-error`;
  return (
    <fieldset className="group/scope mb-4" aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">{legend ?? t("legend")}</legend>
      <div className="mt-2 space-y-2">
        {(["all", "selected"] as const).map((s) => (
          <div key={s} className="flex items-start gap-3">
            <input
              id={`${id}-${s}`}
              type="radio"
              name="scope"
              value={s}
              defaultChecked={initial === s}
              aria-describedby={`${id}-${s}-hint`}
              className="mt-1 h-4 w-4 accent-sky-800"
            />
            <div>
              <label htmlFor={`${id}-${s}`} className="font-medium text-slate-900">
                {t(s)}
              </label>
              <p id={`${id}-${s}-hint`} className="text-sm text-slate-700">
                {s === "all" && allHint ? allHint : t(`${s}Hint`, { count: choices.length })}
              </p>
            </div>
          </div>
        ))}
      </div>
      {errors?.length ? (
        <p id={errorId} className="mt-2 text-sm font-medium text-red-700">
          {errors.map((e) => tAll(e)).join(" ")}
        </p>
      ) : null}
      {/* Shown while "selected" is ticked (CSS only); the server ignores ticks under "all". */}
      <fieldset className="mt-3 hidden max-h-64 overflow-y-auto rounded-md border border-slate-300 p-3 group-has-[input[value=selected]:checked]/scope:block">
        <legend className="sr-only">{t("listLabel")}</legend>
        <ul className="space-y-1.5">
          {choices.map((c) => (
            <li key={c.id} className="flex items-start gap-2">
              <input
                id={`${id}-${c.id}`}
                type="checkbox"
                name={`${INSTALLATION_FIELD_PREFIX}${c.id}`}
                defaultChecked={Boolean(values?.[`${INSTALLATION_FIELD_PREFIX}${c.id}`])}
                className="mt-1 h-4 w-4 accent-sky-800"
              />
              <label htmlFor={`${id}-${c.id}`} className="text-sm text-slate-900">
                {c.label}
                <span className="block text-xs text-slate-600">{c.detail}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </fieldset>
  );
}

const roles = ["ADMINISTRATOR", "FULL", "READ"] as const;

/** Level radios with what each level may do. */
export function RolePicker({ options = roles, defaultValue = "READ", errors }: { options?: readonly string[]; defaultValue?: string; errors?: string[] }) {
  const t = useTranslations("access");
  const tAll = useTranslations();
  const id = useId();
  return (
    <fieldset className="mb-4">
      <legend className="text-sm font-medium text-slate-900">{t("invite.level")}</legend>
      <div className="mt-2 space-y-2">
        {options.map((r) => (
          <div key={r} className="flex items-start gap-3">
            <input id={`${id}-${r}`} type="radio" name="role" value={r} defaultChecked={r === defaultValue} aria-describedby={`${id}-${r}-hint`} className="mt-1 h-4 w-4 accent-sky-800" />
            <div>
              <label htmlFor={`${id}-${r}`} className="font-medium text-slate-900">
                {t(`roles.${r}`)}
              </label>
              <p id={`${id}-${r}-hint`} className="text-sm text-slate-700">
                {t(`roleHelp.${r}`)}
              </p>
            </div>
          </div>
        ))}
      </div>
      {errors?.length ? <p className="mt-1 text-sm font-medium text-red-700">{errors.map((e) => tAll(e)).join(" ")}</p> : null}
    </fieldset>
  );
}

export function AddCustomerForm() {
  const t = useTranslations("access.addCustomer");
  const [state, action] = useActionState(addCustomerAction, idle);
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
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
  const [state, action] = useActionState(inviteUserAction, idle);
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
  return (
    // A fresh, empty form after each sent invitation.
    <form action={action} noValidate key={state.status === "ok" ? `ok-${state.messageValues?.email}` : "form"}>
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
  const [state, action] = useActionState(inviteManagementCompanyAction, idle);
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate key={state.status === "ok" ? `ok-${state.messageValues?.email}` : "form"}>
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
  const [state, action] = useActionState(acceptManagementRequestAction, idle);
  const v = state.status === "error" ? (state.values ?? {}) : {};
  const e = state.fieldErrors ?? {};
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
