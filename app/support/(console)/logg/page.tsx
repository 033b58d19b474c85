import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/server/auth/session";
import { getAuditLogView, type AuditLogView } from "@/server/support/get-audit-log-view";
import { actionLabel, AuditTable } from "../audit-table";
import { buttonClass } from "@/components/ui/button";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { Pagination } from "@/components/ui/pagination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("log.title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

const inputClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-sky-600 ${invalid ? "border-red-700" : "border-slate-400"}`;

export default async function SupportAuditLogPage({ searchParams }: { searchParams: Params }) {
  const staff = await requireStaff();
  const [params, t, tc] = await Promise.all([searchParams, getTranslations("support"), getTranslations("common")]);
  const view = await getAuditLogView(staff, params);
  const { raw, log } = view;

  // The current filters as query parameters, for the page links.
  const query = (page: number) => {
    const p = new URLSearchParams();
    if (raw.customerNumber) p.set("kund", raw.customerNumber);
    if (raw.action) p.set("handelse", raw.action);
    if (raw.from) p.set("fran", raw.from);
    if (raw.to) p.set("till", raw.to);
    if (page > 1) p.set("sida", String(page));
    const s = p.toString();
    return s ? `/support/logg?${s}` : "/support/logg";
  };
  return (
    <div>
      <PageHeader title={t("log.title")} intro={t("log.intro")} />
      <AuditFilterForm view={view} />

      {!log ? (
        <OutcomeBanner ok={false} className="">
          {t("log.invalidFilter")}
        </OutcomeBanner>
      ) : log.total === 0 ? (
        <p role="status" className="text-slate-700">
          {t("log.none")}
        </p>
      ) : (
        <section aria-label={t("log.caption")} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <p role="status" className="mb-3 text-sm text-slate-700">
            {tc("showing", { ...view.shown, total: log.total })}
          </p>
          {log.rows.length ? <AuditTable rows={log.rows} caption={t("log.caption")} /> : null}
          <Pagination page={log.page} pageCount={log.pages} hrefFor={query} label={t("log.pagination")} />
        </section>
      )}
    </div>
  );
}

/** The filter: customer number, action and a period; an invalid value is shown with its error. */
async function AuditFilterForm({ view }: { view: AuditLogView }) {
  const [t, tt] = await Promise.all([getTranslations("support"), getTranslations()]);
  const { raw, fieldErrors } = view;
  const field = (name: "customerNumber" | "from" | "to", label: string, param: string, type: string) => {
    const errors = fieldErrors[name];
    const errorId = errors?.length ? `log-${name}-error` : undefined;
    return (
      <div>
        <label htmlFor={`log-${name}`} className="block text-sm font-medium text-slate-900">
          {label}
        </label>
        <input
          id={`log-${name}`}
          name={param}
          type={type}
          defaultValue={raw[name] ?? ""}
          inputMode={name === "customerNumber" ? "numeric" : undefined}
          autoComplete="off"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          className={inputClass(Boolean(errorId))}
        />
        {errorId ? (
          <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
            {errors!.map((k) => tt(k as never)).join(" ")}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form action="/support/logg" method="get" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <fieldset>
        <legend className="mb-3 font-semibold text-slate-900">{t("log.filterLegend")}</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {field("customerNumber", t("log.customerNumber"), "kund", "text")}
          <div>
            <label htmlFor="log-action" className="block text-sm font-medium text-slate-900">
              {t("log.action")}
            </label>
            <select id="log-action" name="handelse" defaultValue={raw.action ?? ""} className={inputClass(Boolean(fieldErrors.action?.length))}>
              <option value="">{t("log.allActions")}</option>
              {view.actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(t, a)}
                </option>
              ))}
            </select>
          </div>
          {field("from", t("log.from"), "fran", "date")}
          {field("to", t("log.to"), "till", "date")}
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className={buttonClass()}>
            {t("log.filter")}
          </button>
          <Link href="/support/logg" className="text-sky-800 underline">
            {t("log.clear")}
          </Link>
        </div>
      </fieldset>
    </form>
  );
}
