import { getLocale, getTranslations } from "next-intl/server";
import type { Period } from "@/domain/consumption/periods";
import { formatMeteringPointId } from "@/domain/identity";
import { consumptionHref } from "@/server/consumption/consumption-page-params";
import type { ConsumptionPageView } from "@/server/consumption/get-consumption-view";
import { dateLabel } from "./labels";
import { notice, warning } from "./classes";
import { JumpForm } from "./jump-form";
import { Results } from "./results";
import { LinkButton } from "@/components/ui/button";

/** The shown period: back and forward, what is shown, the "go to" picker and the results. */
export async function PeriodSection({ view }: { view: ConsumptionPageView }) {
  const [t, tg, locale] = await Promise.all([getTranslations("consumption"), getTranslations("groups"), getLocale()]);
  const { period, state, navigation, summary, comparison } = view;
  const range = (pp: Period) => (pp.from === pp.to ? dateLabel(pp.from, locale) : t("period.range", { from: dateLabel(pp.from, locale), to: dateLabel(pp.to, locale) }));
  const quantityName = t(`quantity.${view.quantity}`);
  const per = t(`granularity.per.${view.granularity}`);
  const selectionText =
    summary.kind === "group"
      ? tg("consumption.showing", { name: summary.name, count: summary.count })
      : summary.kind === "all"
        ? t("selection.allShort", { count: summary.count })
        : summary.kind === "one"
          ? `${summary.installation.name ?? summary.installation.street} (${formatMeteringPointId(summary.installation.meteringPointId)})`
          : t("selection.severalShort", { count: summary.count });

  return (
    <section aria-labelledby="consumption-period" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <LinkButton variant="secondary" href={consumptionHref({ ...state, ...navigation.previous })} rel="prev">
          <span aria-hidden="true">← </span>
          {t("period.previous")}
        </LinkButton>
        <h2 id="consumption-period" className="text-center text-lg font-semibold text-slate-900">
          {quantityName} {per}, {range(period)}
        </h2>
        {navigation.next ? (
          <LinkButton variant="secondary" href={consumptionHref({ ...state, ...navigation.next })} rel="next">
            {t("period.next")}
            <span aria-hidden="true"> →</span>
          </LinkButton>
        ) : (
          <span className="w-32" />
        )}
      </div>
      <p className="mb-1 text-center text-sm text-slate-700">{t("selection.showing", { installations: selectionText })}</p>
      <p className="mb-4 text-center text-sm text-slate-700">{t("period.timeZone", { timeZone: view.timeZone })}</p>
      <JumpForm key={consumptionHref(state)} granularity={view.granularity} state={state} today={view.today} locale={locale} />

      {view.clamped ? (
        <p role="status" className={`mb-4 text-sm ${warning}`}>
          {t("period.clamped", { period: range(period) })}
        </p>
      ) : null}

      {!comparison ? (
        <p role="status" className={notice}>
          {t("tooLong")}
        </p>
      ) : (
        <Results comparison={comparison} granularity={view.granularity} period={period} locale={locale} quantityName={quantityName} per={per} caption={range(period)} />
      )}
    </section>
  );
}
