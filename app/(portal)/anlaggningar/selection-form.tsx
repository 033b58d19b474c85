"use client";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { saveSelectionAction } from "@/server/actions/group-actions";
import { buttonClass } from "@/components/ui/button";

export type ListSearch = { customer: string; q: string; type: string; group: string };

/**
 * Wraps the installation table: the rows' checkboxes ("anl.<id>") belong to this form, and below
 * the table the user saves the selection, or everything the search matches, as a group, adds it
 * to a group, or takes it out of the group being shown. Works without JavaScript; with it, "select
 * all matching" also ticks the rows on this page, and a refused save (a name already taken) keeps
 * the ticked rows instead of clearing the form.
 */
export function SelectionForm({
  children,
  search,
  total,
  groups,
  currentGroup,
}: {
  children: React.ReactNode;
  search: ListSearch;
  total: number;
  groups: { id: string; name: string }[];
  currentGroup: { id: string; name: string } | null;
}) {
  const t = useTranslations("groups");
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState(saveSelectionAction, idle);
  const [intent, setIntent] = useState<string | null>(null);
  const e = state.fieldErrors ?? {};
  // Cleared after a save, kept after a refusal.
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  const others = groups.filter((g) => g.id !== currentGroup?.id);

  return (
    <form
      ref={form}
      action={action}
      noValidate
      onSubmit={(event) => {
        // Submitted by hand so that React does not reset the form (and the ticked rows) on a refusal.
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter);
        setIntent(String(data.get("intent") ?? ""));
        startTransition(() => action(data));
      }}
    >
      <input type="hidden" name="searchCustomer" value={search.customer} />
      <input type="hidden" name="searchText" value={search.q} />
      <input type="hidden" name="searchType" value={search.type} />
      <input type="hidden" name="searchGroup" value={search.group} />
      {children}
      <fieldset className="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("selection.title")}</legend>
        <p className="mb-3 text-sm text-slate-700">{t("selection.hint")}</p>
        <FormMessage state={state} />
        <div className="mb-4 flex items-center gap-2">
          <input
            id={`${id}-all`}
            type="checkbox"
            name="all"
            value="1"
            className="h-4 w-4 accent-sky-800"
            onChange={(event) => {
              for (const box of form.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name^="anl."]') ?? []) box.checked = event.currentTarget.checked;
            }}
          />
          <label htmlFor={`${id}-all`} className="font-medium text-slate-900">
            {t("selection.all", { count: total })}
          </label>
        </div>
        <div className="grid items-end gap-x-4 md:grid-cols-[minmax(0,24rem)_auto]">
          <Field label={t("selection.name")} name="name" hint={t("selection.nameHint")} maxLength={60} errors={e.name} />
          <div className="mb-4">
            <IntentButton intent="create" pending={pending} busy={intent} pendingLabel={t("selection.saving")}>
              {t("selection.create")}
            </IntentButton>
          </div>
        </div>
        {others.length ? (
          <div className="grid items-end gap-x-4 md:grid-cols-[minmax(0,24rem)_auto]">
            <SelectField label={t("selection.addTo")} name="targetGroupId" options={others.map((g) => ({ value: g.id, label: g.name }))} />
            <div className="mb-4">
              <IntentButton intent="add" pending={pending} busy={intent} secondary pendingLabel={t("selection.saving")}>
                {t("selection.add")}
              </IntentButton>
            </div>
          </div>
        ) : null}
        {currentGroup ? (
          <IntentButton intent="remove" pending={pending} busy={intent} secondary pendingLabel={t("selection.saving")}>
            {t("selection.remove")}
          </IntentButton>
        ) : null}
      </fieldset>
    </form>
  );
}

/** A submit button that tells the action what to do with the selection. */
function IntentButton({
  intent,
  pending,
  busy,
  secondary,
  pendingLabel,
  children,
}: {
  intent: string;
  pending: boolean;
  busy: string | null;
  secondary?: boolean;
  pendingLabel: string;
  children: React.ReactNode;
}) {
  const mine = pending && busy === intent;
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      disabled={pending}
      className={buttonClass({ variant: secondary ? "secondary" : "primary" })}
    >
      {mine ? pendingLabel : children}
    </button>
  );
}
