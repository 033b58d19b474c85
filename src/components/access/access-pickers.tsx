"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { INSTALLATION_FIELD_PREFIX } from "@/lib/access-form-fields";
import { FieldError, RadioChoice } from "@/components/ui/field";

// The pieces of the access forms that Behörighet (a customer's users and companies) and
// Förvaltning (a management company's managers) both use.

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
  const id = useId();
  const initial = values?.scope === "selected" ? "selected" : "all";
  const errorId = `${id}-error`;
  return (
    <fieldset className="group/scope mb-4" aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">{legend ?? t("legend")}</legend>
      <div className="mt-2 space-y-2">
        {(["all", "selected"] as const).map((s) => (
          <RadioChoice key={s} groupId={id} name="scope" value={s} defaultChecked={initial === s} label={t(s)} hint={s === "all" && allHint ? allHint : t(`${s}Hint`, { count: choices.length })} />
        ))}
      </div>
      <FieldError id={errorId} errors={errors} className="mt-2" />
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
  const id = useId();
  return (
    <fieldset className="mb-4">
      <legend className="text-sm font-medium text-slate-900">{t("invite.level")}</legend>
      <div className="mt-2 space-y-2">
        {options.map((r) => (
          <RadioChoice key={r} groupId={id} name="role" value={r} defaultChecked={r === defaultValue} label={t(`roles.${r}`)} hint={t(`roleHelp.${r}`)} />
        ))}
      </div>
      <FieldError errors={errors} />
    </fieldset>
  );
}
