"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";

type UploadError = "fileRequired" | "fileTooLarge" | "uploadFailed";

/**
 * Upload of one meter-value file. A plain multipart form to the upload route (not a server action):
 * the file streams into storage and the background worker imports it, so it works without
 * JavaScript too; the route sends the browser back here with the upload to follow, or the reason
 * it was refused (`error`).
 */
export function MeterImportForm({ maxMb, error }: { maxMb: number; error: UploadError | null }) {
  const t = useTranslations("meterImport");
  const tt = useTranslations();
  const id = useId();
  // A file over the limit, or none, is refused here too, before megabytes travel for nothing.
  const [clientError, setClientError] = useState<UploadError | null>(null);
  const [uploading, setUploading] = useState(false);
  const shown = clientError ?? error;
  const fileErrors = shown ? [`meterImport.errors.${shown}`] : [];
  const fileHint = `${id}-file-hint`;
  const fileError = fileErrors.length ? `${id}-file-error` : undefined;
  const storeValidHint = `${id}-store-valid-hint`;
  return (
    <form
      action="/api/support/meter-imports"
      method="post"
      encType="multipart/form-data"
      noValidate
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
        const problem: UploadError | null = !file || (file.size === 0 && !file.name) ? "fileRequired" : file.size > maxMb * 1024 * 1024 ? "fileTooLarge" : null;
        setClientError(problem);
        if (problem) event.preventDefault();
        else setUploading(true);
      }}
    >
      <fieldset>
        <legend className="mb-3 font-semibold text-slate-900">{t("form.legend")}</legend>
        {shown ? (
          <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
            {tt("errors.VALIDATION")}
          </div>
        ) : null}
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
        <button
          type="submit"
          disabled={uploading}
          aria-disabled={uploading}
          className={buttonClass()}
        >
          {uploading ? t("form.pending") : t("form.submit")}
        </button>
      </fieldset>
    </form>
  );
}
