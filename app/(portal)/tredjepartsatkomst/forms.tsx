"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { idle } from "@/lib/action-state";
import { startApprovalAction } from "@/server/actions/third-party-actions";
import { textLink } from "@/components/ui/text-link";


/** Where to link an account to e-legitimation (a signing under Mitt konto). */
function LinkElegNotice({ text, role }: { text: string; role: "alert" | "note" }) {
  const t = useTranslations("thirdParty.approve");
  return (
    <div role={role} className="mb-4 rounded-md border border-amber-700 bg-amber-50 px-4 py-3 text-sm text-slate-900">
      <p>{text}</p>
      <p className="mt-2">
        <Link href="/mitt-konto" className={textLink}>
          {t("linkEleg")}
        </Link>
      </p>
    </div>
  );
}

export type ApprovalRow = {
  id: string;
  company: string;
  organisationNumber: string;
  installation: string;
  installationDetail: string[];
  data: string[];
  /** Earliest and latest last day the user may choose (YYYY-MM-DD), and the latest as shown. */
  min: string;
  max: string;
  maxLabel: string;
};

/**
 * The approval step: each chosen request with a date field to shorten its validity, then
 * "Signera med e-legitimation" (the action sends the browser to the provider). `blocked` replaces
 * the button with what the user has to do first.
 */
export function ApprovalForm({ rows, blocked, cancelHref }: { rows: ApprovalRow[]; blocked: "notLinked" | "notConfigured" | null; cancelHref: string }) {
  const t = useTranslations("thirdParty");
  const tAll = useTranslations();
  const [state, action] = useActionState(startApprovalAction, idle);
  const errorsOf = (id: string) => state.fieldErrors?.[`validUntil_${id}`] ?? [];
  return (
    <form action={action} noValidate>
      {state.message === "eleg.sign.notLinked" ? <LinkElegNotice text={tAll("eleg.sign.notLinked")} role="alert" /> : <FormMessage state={state} />}
      <input type="hidden" name="ids" value={rows.map((r) => r.id).join(",")} />
      <Table caption={t("approve.caption")} className="relative mb-4 rounded-md border border-slate-200">
        <THead columns={[t("pending.colSender"), t("pending.colInstallation"), t("pending.colData"), t("approve.validUntil")]} />
        <TBody>
          {rows.map((r) => {
            const errors = errorsOf(r.id);
            const inputId = `giltig-${r.id}`;
            return (
              <Tr key={r.id}>
                <RowHeader className="align-top">
                  <span className="block font-medium">{r.company}</span>
                  <span className="block text-slate-700">{r.organisationNumber}</span>
                </RowHeader>
                <Td className="align-top">
                  <span className="block">{r.installation}</span>
                  {r.installationDetail.map((line, i) => (
                    <span key={i} className={`block text-slate-700 ${i > 0 ? "whitespace-nowrap" : ""} ${i === 1 ? "font-mono text-xs tabular-nums" : ""}`}>
                      {line}
                    </span>
                  ))}
                </Td>
                <Td className="align-top">
                  {r.data.map((line, i) => (
                    <span key={i} className={`block ${i ? "text-slate-700" : ""}`}>
                      {line}
                    </span>
                  ))}
                </Td>
                <Td className="align-top">
                  <label htmlFor={inputId} className="sr-only">
                    {t("approve.validUntilFor", { company: r.company, installation: r.installation })}
                  </label>
                  <input
                    id={inputId}
                    type="date"
                    name={`giltig_${r.id}`}
                    min={r.min}
                    max={r.max}
                    defaultValue={state.values?.[`giltig_${r.id}`] ?? r.max}
                    required
                    aria-invalid={errors.length ? true : undefined}
                    aria-describedby={`${inputId}-hint${errors.length ? ` ${inputId}-error` : ""}`}
                    className={`block rounded-md border px-2 py-1 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600 ${errors.length ? "border-red-700" : "border-slate-400"}`}
                  />
                  <span id={`${inputId}-hint`} className="mt-1 block max-w-56 text-xs text-slate-700">
                    {t("approve.validUntilHint", { date: r.maxLabel })}
                  </span>
                  {errors.length ? (
                    <span id={`${inputId}-error`} className="mt-1 block max-w-56 text-sm font-medium text-red-700">
                      {errors.map((e) => tAll(e)).join(" ")}
                    </span>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      {blocked === "notLinked" ? (
        <LinkElegNotice text={t("approve.notLinked")} role="note" />
      ) : blocked === "notConfigured" ? (
        <p role="note" className="mb-4 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
          {t("approve.notConfigured")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        {blocked ? null : <SubmitButton pendingLabel={t("approve.pending")}>{t("approve.submit")}</SubmitButton>}
        <Link href={cancelHref} className={textLink}>
          {t("approve.cancel")}
        </Link>
      </div>
    </form>
  );
}
