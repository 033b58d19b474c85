"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/server/actions/action-state";
import { importMeterValuesAction } from "@/server/actions/meter-import-actions";

/** Upload of one meter-value file; the action redirects to the page with the import's report. */
export function MeterImportForm({ maxMb }: { maxMb: number }) {
  const t = useTranslations("meterImport");
  const tt = useTranslations();
  const id = useId();
  const [state, action] = useActionState(importMeterValuesAction, idle);
  // A file over the limit is refused here too, before megabytes travel to the server for nothing.
  const [tooLarge, setTooLarge] = useState(false);
  const fileErrors = tooLarge ? ["meterImport.errors.fileTooLarge"] : (state.fieldErrors?.file ?? []);
  const fileHint = `${id}-file-hint`;
  const fileError = fileErrors.length ? `${id}-file-error` : undefined;
  const storeValidHint = `${id}-store-valid-hint`;
  return (
    <form
      action={action}
      noValidate
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
        const over = file !== undefined && file.size > maxMb * 1024 * 1024;
        setTooLarge(over);
        if (over) event.preventDefault();
      }}
    >
      <fieldset>
        <legend className="mb-3 font-semibold text-slate-900">{t("form.legend")}</legend>
        <FormMessage state={tooLarge ? { status: "error", message: "errors.VALIDATION" } : state} />
        <div className="mb-4">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-900">
            {t("form.file")}
            <span className="sr-only"> ({tt("common.required")})</span>
            <span aria-hidden="true" className="text-red-700"> *</span>
          </label>
          <p id={fileHint} className="mt-0.5 text-sm text-slate-600">
            {t("form.fileHint", { maxMb })}
          </p>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            required
            accept=".csv,.txt,.json,text/csv,application/json"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={[fileHint, fileError].filter(Boolean).join(" ")}
            className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 focus:outline-none focus:ring-2 focus:ring-sky-600 ${fileError ? "border-red-700" : "border-slate-400"}`}
          />
          {fileError ? (
            <p id={fileError} className="mt-1 text-sm font-medium text-red-700">
              {fileErrors.map((k) => tt(k, { maxMb })).join(" ")}
            </p>
          ) : null}
        </div>
        <div className="mb-4">
          <div className="flex items-start gap-2">
            <input
              id={`${id}-store-valid`}
              name="storeValid"
              type="checkbox"
              defaultChecked={state.values?.storeValid === "on"}
              aria-describedby={storeValidHint}
              className="mt-1 h-4 w-4 rounded border-slate-500 focus:ring-2 focus:ring-sky-600"
            />
            <label htmlFor={`${id}-store-valid`} className="text-sm font-medium text-slate-900">
              {t("form.storeValid")}
            </label>
          </div>
          <p id={storeValidHint} className="mt-0.5 ml-6 text-sm text-slate-600">
            {t("form.storeValidHint")}
          </p>
        </div>
        <SubmitButton pendingLabel={t("form.pending")}>{t("form.submit")}</SubmitButton>
      </fieldset>
    </form>
  );
}
