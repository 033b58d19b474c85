import { getTranslations } from "next-intl/server";
import type { Period, PeriodGranularity } from "@/domain/consumption/periods";
import { formatNumber } from "@/lib/format";
import type { Comparison } from "@/server/consumption/get-comparison";
import { ConsumptionChart, type ChartRow } from "./consumption-chart";
import { bucketLabels } from "./labels";
import { notice, warning } from "./classes";
import { ResultsTable, type ResultRow } from "./results-table";

type Props = { comparison: Comparison; granularity: PeriodGranularity; period: Period; locale: string; quantityName: string; per: string; caption: string };

/** The shown consumption: a summary, the chart and the table (or why there is nothing to show). */
export async function Results({ comparison, granularity, period, locale, quantityName, per, caption }: Props) {
  const t = await getTranslations("consumption");
  const { current, previousYear, typical } = comparison;
  const mean = current.aggregation === "mean";
  const missingSeries = current.installations.filter((i) => !i.hasSeries).length;

  if (missingSeries === current.installations.length) {
    return (
      <p role="status" className={notice}>
        {t("noSeries", { quantity: quantityName.toLocaleLowerCase(locale === "en" ? "en-GB" : "sv-SE") })}
      </p>
    );
  }

  const decimals = mean ? 1 : current.quantity === "VOLUME_M3" ? 2 : granularity === "hour" ? 2 : granularity === "day" ? 1 : 0;
  const occurrences = new Map<string, number>();
  for (const b of current.buckets) occurrences.set(b.localStart, (occurrences.get(b.localStart) ?? 0) + 1);
  const singleDay = period.from === period.to;
  const singleYear = period.from.slice(0, 4) === period.to.slice(0, 4);

  const rows: ResultRow[] = current.buckets.map((b, i) => ({
    bucket: b,
    labels: bucketLabels(b, granularity, locale, { singleDay, singleYear, repeated: (occurrences.get(b.localStart) ?? 0) > 1 }),
    previous: previousYear ? (previousYear.buckets[i] ?? null) : null,
    typical: typical ? (typical.values[i] ?? null) : null,
  }));
  const chartRows: ChartRow[] = rows.map((r) => ({
    key: `${r.bucket.start}`,
    label: r.labels.label,
    tick: r.labels.tick,
    value: r.bucket.value,
    previous: r.previous?.value ?? null,
    typical: r.typical,
    incomplete: r.bucket.count < r.bucket.expected,
    estimated: r.bucket.estimated > 0,
  }));

  if (current.buckets.length === 0) {
    return (
      <p role="status" className={notice}>
        {t("noData")}
      </p>
    );
  }

  return (
    <div className="space-y-6">
      {missingSeries > 0 ? (
        <p className={`text-sm ${warning}`}>{t("someWithoutSeries", { count: missingSeries, quantity: quantityName.toLocaleLowerCase() })}</p>
      ) : null}

      <Summary comparison={comparison} locale={locale} decimals={decimals} />

      <ConsumptionChart
        rows={chartRows}
        unit={current.unit}
        locale={locale}
        decimals={decimals}
        showPrevious={chartRows.some((r) => r.previous !== null)}
        showTypical={typical !== null}
        labels={{
          current: mean ? t("chart.currentMean") : t("chart.current"),
          previous: t("chart.previousYear"),
          typical: typical ? t(`typical.short.${typical.profile}`) : t("chart.typical"),
          incomplete: t("chart.incomplete"),
          estimated: t("chart.estimated"),
          legend: t("chart.legend"),
        }}
      />
      {typical ? <p className="max-w-prose text-sm text-slate-700">{t("typical.source")}</p> : null}

      <ResultsTable comparison={comparison} rows={rows} locale={locale} decimals={decimals} caption={t("table.caption", { quantity: quantityName, per, period: caption })} />
    </div>
  );
}

/** The figures above the chart: the total (or mean), last year's, the change and the typical. */
async function Summary({ comparison, locale, decimals }: { comparison: Comparison; locale: string; decimals: number }) {
  const t = await getTranslations("consumption");
  const { current, previousYear, typical } = comparison;
  const mean = current.aggregation === "mean";
  const unit = current.unit;
  const n = (v: number) => formatNumber(v, locale, decimals);
  const total = current.total;
  const prevTotal = previousYear?.total.value ?? null;
  // A change is only meaningful when last year has (nearly) as many values as this period.
  const comparable = previousYear !== null && previousYear.total.count >= 0.9 * total.count;
  const change = comparable && total.value !== null && prevTotal ? (total.value - prevTotal) / prevTotal : null;
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className="rounded-md bg-slate-50 p-3">
        <dt className="text-sm text-slate-700">{mean ? t("summary.mean") : t("summary.total")}</dt>
        <dd className="text-xl font-semibold tabular-nums text-slate-900">{total.value === null ? t("table.none") : `${n(total.value)} ${unit}`}</dd>
        <dd className="text-sm text-slate-700">
          {t("summary.values", { count: formatNumber(total.count, locale), expected: formatNumber(total.expected, locale) })}
          {total.estimated > 0 ? `, ${t("summary.estimated", { count: formatNumber(total.estimated, locale) })}` : ""}
        </dd>
      </div>
      {previousYear ? (
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-sm text-slate-700">{t("summary.previousYear")}</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900">{prevTotal === null ? t("table.none") : `${n(prevTotal)} ${unit}`}</dd>
          {!comparable ? <dd className="text-sm text-slate-700">{t("summary.previousIncomplete")}</dd> : null}
        </div>
      ) : null}
      {change !== null && !mean ? (
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-sm text-slate-700">{t("summary.change")}</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900">
            {change > 0 ? "+" : change < 0 ? "−" : ""}
            {formatNumber(Math.abs(change) * 100, locale, 1)} %
          </dd>
        </div>
      ) : null}
      {typical ? (
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-sm text-slate-700">{t("summary.typical")}</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900">{`${n(typical.total)} ${unit}`}</dd>
          <dd className="text-sm text-slate-700">{t(`typical.short.${typical.profile}`)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
