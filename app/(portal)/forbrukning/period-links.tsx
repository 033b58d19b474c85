import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { consumptionHref } from "@/server/consumption/consumption-page-params";
import type { ConsumptionPageView } from "@/server/consumption/get-consumption-view";

/** The granularity tabs ("Visa per") and the quick periods, as links keeping the selection. */
export async function PeriodLinks({ view }: { view: ConsumptionPageView }) {
  const t = await getTranslations("consumption");
  const { state, navigation } = view;
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
      <LinkNav label={t("granularity.label")} listClassName="flex overflow-hidden rounded-md border border-slate-400">
        {navigation.tabs.map((tab) => (
          <li key={tab.granularity} className="border-l border-slate-400 first:border-l-0">
            <Link
              href={consumptionHref({ ...state, granularity: tab.granularity, ...tab.period })}
              aria-current={tab.current ? "page" : undefined}
              className={`block px-4 py-2 text-sm font-medium ${tab.current ? "bg-sky-800 text-white" : "bg-white text-slate-900 hover:bg-slate-100"}`}
            >
              {t(`granularity.${tab.granularity}`)}
            </Link>
          </li>
        ))}
      </LinkNav>
      <LinkNav label={t("quick.label")} listClassName="flex flex-wrap gap-2">
        {navigation.quick.map((q) => (
          <li key={q.key}>
            <Link
              href={consumptionHref({ ...state, granularity: q.granularity, ...q.period })}
              aria-current={q.current ? "true" : undefined}
              className={`block rounded-full border px-3 py-1 text-sm ${q.current ? "border-sky-800 bg-sky-800 text-white" : "border-slate-400 bg-white text-slate-900 hover:bg-slate-100"}`}
            >
              {t(`quick.${q.key}`)}
            </Link>
          </li>
        ))}
      </LinkNav>
    </div>
  );
}

/** A named row of links: the name shown above them (and read once, as the navigation's label). */
function LinkNav({ label, listClassName, children }: { label: string; listClassName: string; children: React.ReactNode }) {
  return (
    <nav aria-label={label}>
      <p className="mb-1 text-sm font-medium text-slate-900" aria-hidden="true">
        {label}
      </p>
      <ul className={listClassName}>{children}</ul>
    </nav>
  );
}
