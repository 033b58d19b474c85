"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { deleteGroupAction, renameGroupAction } from "@/server/actions/group-actions";

/** Rename and delete for one group; both work without JavaScript. */
export function GroupRowActions({ group }: { group: { id: string; name: string } }) {
  const t = useTranslations("groups");
  const tAll = useTranslations();
  const id = useId();
  const [renamed, rename] = useActionState(renameGroupAction, idle);
  const [deleted, remove] = useActionState(deleteGroupAction, idle);
  const nameErrors = renamed.fieldErrors?.name;
  return (
    <div className="space-y-3">
      <form action={rename} noValidate className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="groupId" value={group.id} />
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-900">
            {t("list.newName", { name: group.name })}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            defaultValue={renamed.status === "error" ? renamed.values?.name : group.name}
            maxLength={60}
            aria-invalid={nameErrors?.length ? true : undefined}
            aria-describedby={nameErrors?.length ? `${id}-name-error` : undefined}
            className="mt-1 block w-56 rounded-md border border-slate-400 px-3 py-1.5 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600"
          />
        </div>
        <SubmitButton variant="secondary">{t("list.rename")}</SubmitButton>
        {nameErrors?.length ? (
          <p id={`${id}-name-error`} className="w-full text-sm font-medium text-red-700">
            {nameErrors.map((k) => tAll(k)).join(" ")}
          </p>
        ) : (
          <div className="w-full empty:hidden">
            <FormMessage state={renamed} />
          </div>
        )}
      </form>
      <details>
        <summary className="cursor-pointer font-medium text-red-800 underline underline-offset-2">{t("list.delete")}</summary>
        <form action={remove} className="mt-2 space-y-2">
          <input type="hidden" name="groupId" value={group.id} />
          <input type="hidden" name="name" value={group.name} />
          <p className="text-sm text-slate-800">{t("list.deleteConfirm", { name: group.name })}</p>
          <FormMessage state={deleted} />
          <SubmitButton variant="danger">{t("list.deleteButton")}</SubmitButton>
        </form>
      </details>
    </div>
  );
}
