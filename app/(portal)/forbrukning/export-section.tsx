import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import type { ConsumptionPageView } from "@/server/consumption/get-consumption-view";
import { QUANTITY_SLUGS } from "@/server/consumption/schemas";
import { label, notice } from "./classes";
import { Button } from "@/components/ui/button";

/**
 * "Exportera förbrukning": the shown selection and period as CSV or Excel, when there is
 * something to export and the file stays within the row limit; with the message of a refused
 * export (the route sent the user back here) also when there is nothing to export.
 */
export async function ExportSection({ view }: { view: ConsumptionPageView }) {
  const [t, locale] = await Promise.all([getTranslations("consumption"), getLocale()]);
  const { comparison, selection, period, quantity, granularity } = view;
  const { size, notice: refused, customerId } = view.export;
  const noticeText = refused === "tooLarge" ? t("export.tooLargeNotice", { max: size.maxRows }) : refused === "inProgress" ? t("export.inProgress") : null;
  const alert = "rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-amber-950";

  if (!(comparison && comparison.current.buckets.length > 0)) {
    return refused ? (
      <p id="export" role="alert" className={`mt-6 ${alert}`}>
        {noticeText}
      </p>
    ) : null;
  }
  return (
    <Card id="export" title={t("export.title")} className="mt-6">
      <p className="mb-4 max-w-prose text-slate-800">{t("export.intro", { per: t(`granularity.per.${granularity}`) })}</p>
      {refused ? (
        <p role="alert" className={`mb-4 ${alert}`}>
          {noticeText}
        </p>
      ) : null}
      {!size.allowed ? (
        <p role="status" className={notice}>
          {t("export.tooLarge", { rows: size.rows, max: size.maxRows })}
        </p>
      ) : (
        <form action="/api/forbrukning/export" method="get" className="space-y-4">
          <p className="text-sm text-slate-700">{t("export.limit", { rows: size.rows, max: size.maxRows })}</p>
          {selection === "all" ? (
            <>
              <input type="hidden" name="installation" value="all" />
              <input type="hidden" name="customer" value={customerId} />
            </>
          ) : (
            selection.map((id) => <input key={id} type="hidden" name="installation" value={id} />)
          )}
          <input type="hidden" name="quantity" value={QUANTITY_SLUGS[quantity]} />
          <input type="hidden" name="from" value={period.from} />
          <input type="hidden" name="to" value={period.to} />
          <input type="hidden" name="granularity" value={granularity} />
          <input type="hidden" name="lang" value={locale === "en" ? "en" : "sv"} />
          <fieldset>
            <legend className={label}>{t("export.decimal")}</legend>
            <div className="mt-2 space-y-1">
              <label className="flex items-center gap-2 text-slate-900">
                <input type="radio" name="decimal" value="comma" defaultChecked={locale !== "en"} className="h-4 w-4" />
                {t("export.comma")}
              </label>
              <label className="flex items-center gap-2 text-slate-900">
                <input type="radio" name="decimal" value="point" defaultChecked={locale === "en"} className="h-4 w-4" />
                {t("export.point")}
              </label>
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" name="format" value="csv">
              {t("export.csv")}
            </Button>
            <Button type="submit" name="format" value="xlsx" variant="secondary">
              {t("export.xlsx")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
