import { getTranslations } from "next-intl/server";
import { FilterActions, IgnoredFilters } from "@/components/search/filter-actions";
import { Field, SelectField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import type { SharingPageView } from "@/server/third-party/get-sharing-view";
import { LOG_ANCHOR, logExportHref, logHref, PAGE_PATH, type LogParams } from "@/server/third-party/sharing-page-params";
import type { Ctx } from "./cells";
import { buttonClass } from "@/components/ui/button";

type Log = SharingPageView["log"];

/** Delningslogg: every delivery of meter values, filtered and one page at a time, with the export. */
export async function LogSection({ log, ctx }: { log: Log; ctx: Ctx }) {
  const { t, locale } = ctx;
  const tc = await getTranslations("common");
  const { list, filters, errors, filtered, params } = log;
  const from = (list.page - 1) * list.pageSize + 1;
  const to = from + list.items.length - 1;

  return (
    <section id={LOG_ANCHOR} aria-labelledby="delningslogg-rubrik" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="delningslogg-rubrik" className="mb-3 text-lg font-semibold text-slate-900">
        {t("log.title")}
      </h2>
      <p className="mb-4 max-w-prose text-slate-800">{t("log.intro")}</p>
      {list.total === 0 && !filtered && !Object.keys(errors).length ? (
        <p className="text-slate-800">{t("log.none")}</p>
      ) : (
        <>
          <LogFilter log={log} ctx={ctx} />
          {list.total === 0 ? (
            <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
              {t("log.noneFiltered")}
            </p>
          ) : (
            <>
              <p role="status" className="mb-2 text-slate-800">
                {tc("showing", { from, to, total: list.total })}
              </p>
              <LogTable log={log} ctx={ctx} />
              <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => logHref({ ...params, ...filters, page })} label={t("log.pagination")} />
            </>
          )}

          <div className="mt-6">
            <h3 className="mb-1 text-base font-semibold text-slate-900">{t("log.exportTitle")}</h3>
            <p className="mb-3 text-sm text-slate-700">{t("log.exportIntro")}</p>
            <p className="flex flex-wrap gap-3">
              <a href={logExportHref(filters, "csv", locale)} className={buttonClass({ size: "sm", variant: "secondary" })} download>
                {t("log.csv")}
              </a>
              <a href={logExportHref(filters, "xlsx", locale)} className={buttonClass({ size: "sm", variant: "secondary" })} download>
                {t("log.xlsx")}
              </a>
            </p>
          </div>
        </>
      )}
    </section>
  );
}

/** The log's filters (a plain GET form); an unusable filter is shown with its message and ignored. */
function LogFilter({ log, ctx }: { log: Log; ctx: Ctx }) {
  const { t, several } = ctx;
  const { list, filters, errors, filtered, params } = log;
  const errorOf = (key: keyof LogParams) => (errors[key] ? [errors[key]!] : undefined);
  return (
    <form method="get" action={`${PAGE_PATH}#${LOG_ANCHOR}`} role="search" aria-labelledby="logg-filter" className="mb-4 rounded-md border border-slate-200 p-4">
      <h3 id="logg-filter" className="mb-3 text-base font-semibold text-slate-900">
        {t("log.filterTitle")}
      </h3>
      <div className="grid items-end gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          label={t("log.filterCompany")}
          name="foretag"
          defaultValue={filters.company ?? ""}
          errors={errorOf("company")}
          options={[{ value: "", label: t("log.allCompanies") }, ...list.companies.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <SelectField
          label={t("log.filterInstallation")}
          name="anl"
          defaultValue={filters.installation ?? ""}
          errors={errorOf("installation")}
          options={[
            { value: "", label: t("log.allInstallations") },
            ...list.installations.map((i) => ({
              value: i.id,
              label: `${i.name ?? i.street} – ${formatMeteringPointId(i.meteringPointId)}${several ? ` (${i.customerNumber})` : ""}`,
            })),
          ]}
        />
        <Field label={t("log.filterFrom")} name="fran" type="date" defaultValue={params.from} errors={errorOf("from")} />
        <Field label={t("log.filterTo")} name="till" type="date" defaultValue={params.to} errors={errorOf("to")} />
      </div>
      <FilterActions
        submitLabel={t("log.filterButton")}
        clear={filtered || Object.keys(errors).length ? { href: logHref({}), label: t("log.clearFilters") } : null}
        className="flex flex-wrap items-center gap-4"
      />
      <IgnoredFilters errors={errors} message={t("log.ignoredFilters")} className="mt-3" />
    </form>
  );
}

function LogTable({ log, ctx }: { log: Log; ctx: Ctx }) {
  const { t, locale, several } = ctx;
  return (
    <Table caption={t("log.caption")} className="relative rounded-md border border-slate-200">
      <THead columns={[t("log.colWhen"), t("log.colCompany"), t("log.colInstallation"), t("log.colPeriod"), t("log.colResolution"), { label: t("log.colCount"), align: "right" }]} />
      <TBody>
        {log.list.items.map((d) => (
          <Tr key={d.id}>
            <RowHeader className="whitespace-nowrap align-top tabular-nums">
              <time dateTime={d.deliveredAt.toISOString()}>{formatDateTime(d.deliveredAt, locale)}</time>
            </RowHeader>
            <Td className="align-top">
              <span className="block">{d.thirdParty.name}</span>
            </Td>
            <Td className="align-top">
              <span className="block">{d.installation.name ?? d.installation.street}</span>
              <span className="block whitespace-nowrap font-mono text-xs tabular-nums text-slate-700">{formatMeteringPointId(d.installation.meteringPointId)}</span>
              {several ? <span className="block whitespace-nowrap text-slate-700">{t("common.customerNumber", { number: d.customer.customerNumber })}</span> : null}
            </Td>
            <Td className="whitespace-nowrap align-top tabular-nums">{t("common.period", { from: formatDate(d.periodFrom, locale), to: formatDate(d.periodLastDay, locale) })}</Td>
            <Td className="align-top">{t(`resolution.${d.resolution}`)}</Td>
            <Td align="right" className="align-top tabular-nums">
              {formatNumber(d.valueCount, locale, 0)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
