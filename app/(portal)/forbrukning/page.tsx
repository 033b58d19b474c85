import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { formatMeteringPointId } from "@/domain/identity";
import { exportSize } from "@/domain/consumption/export-size";
import { clampPeriod, defaultPeriod, quickPeriods, shiftPeriod, type Period, type PeriodGranularity } from "@/domain/consumption/periods";
import { TYPICAL_PROFILES, type TypicalProfile } from "@/domain/consumption/typical-consumption";
import { addDays, localDate } from "@/domain/time/zoned";
import { formatNumber } from "@/lib/format";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { getComparison, type Comparison } from "@/server/consumption/get-comparison";
import { listConsumptionInstallations, type ConsumptionChoice } from "@/server/consumption/list-consumption-installations";
import { getGroupInstallationIds } from "@/server/groups/get-group-installation-ids";
import { listGroups } from "@/server/groups/list-groups";
import { CONSUMPTION_QUANTITIES, QUANTITY_SLUGS, type ConsumptionQuantity } from "@/server/consumption/schemas";
import { isAppError } from "@/server/errors";
import { ConsumptionChart, type ChartRow } from "./consumption-chart";
import { bucketLabels, dateLabel } from "./labels";
import { consumptionHref, granularitySlugs, jumpPeriod, parsePageParams, quantitySlugs, typicalSlugs, type HrefState, type SearchParams } from "./page-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumption"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";
const button =
  "rounded-md bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2";
const secondaryButton =
  "rounded-md border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2";
const input = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600";
const label = "block text-sm font-medium text-slate-900";
const th = "px-3 py-2 font-semibold";
const td = "px-3 py-2";

const GRANULARITY_ORDER: PeriodGranularity[] = ["year", "month", "day", "hour"];
const ELECTRICITY = new Set(["ELECTRICITY_GRID", "ELECTRICITY_SUPPLY"]);

export default async function ConsumptionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const t = await getTranslations("consumption");
  const ti = await getTranslations("installations");
  const tg = await getTranslations("groups");
  const locale = await getLocale();
  if (!active) {
    return (
      <>
        <PageHeader title={t("title")} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }

  const p = parsePageParams(await searchParams);
  if (p.malformedInstallation) notFound();
  // ?grupp=<id>: one of the user's installation groups, as far as the user can still see it.
  const groups = await listGroups(actor);
  const group = p.group ? groups.find((g) => g.id === p.group) : undefined;
  if (p.group && !group) notFound();
  const groupIds = group ? await getGroupInstallationIds(actor, group.id) : null;
  if (group && groupIds?.length === 0) {
    return (
      <>
        <PageHeader title={t("title")} intro={t("intro")} />
        <p role="status" className="text-slate-800">
          {tg("consumption.empty", { name: group.name })}
        </p>
      </>
    );
  }

  // The installations to choose from: the active customer's, or those of the customer that owns
  // the installations in the address (a link from an installation of another customer number).
  let customerId = active.customerId;
  let choices = await listConsumptionInstallations(actor, customerId);
  const wanted = groupIds ?? (Array.isArray(p.installations) ? p.installations : null);
  if (wanted && !wanted.every((id) => choices.some((c) => c.id === id))) {
    let owner: { customerId: string; list: ConsumptionChoice[] } | null = null;
    for (const c of actor.customers) {
      if (c.customerId === active.customerId) continue;
      const list = await listConsumptionInstallations(actor, c.customerId);
      if (wanted.every((id) => list.some((x) => x.id === id))) {
        owner = { customerId: c.customerId, list };
        break;
      }
    }
    if (owner) {
      customerId = owner.customerId;
      choices = owner.list;
    } else if (groupIds) {
      // A group may span customer numbers: offer the installations of every customer it touches.
      const lists = await Promise.all(actor.customers.map((c) => listConsumptionInstallations(actor, c.customerId)));
      choices = lists.filter((list) => list.some((x) => groupIds.includes(x.id))).flat();
    } else notFound();
  }
  if (choices.length === 0) {
    return (
      <>
        <PageHeader title={t("title")} intro={t("intro")} />
        <p className="text-slate-800">{t("noInstallations")}</p>
      </>
    );
  }

  const selection: string[] | "all" = p.installations === "all" && !group ? "all" : (wanted ?? [choices[0]!.id]);
  const selected = selection === "all" ? choices : choices.filter((c) => selection.includes(c.id));
  const offered = CONSUMPTION_QUANTITIES.filter((q) => q === "ENERGY_KWH" || selected.some((c) => c.quantities.includes(q)));
  const quantity: ConsumptionQuantity = offered.includes(p.quantity) ? p.quantity : "ENERGY_KWH";
  const granularity = p.granularity;
  const timeZone = selected[0]!.timeZone;
  const today = localDate(new Date(), timeZone);
  const yesterday = addDays(today, -1);

  const requested: Period = jumpPeriod(granularity, p.jump) ?? (p.from && p.to ? { from: p.from, to: p.to } : defaultPeriod(granularity, yesterday));
  const { period, clamped } = clampPeriod(requested, granularity);
  const typicalAllowed = selected.length === 1 && ELECTRICITY.has(selected[0]!.type) && quantity === "ENERGY_KWH";
  const typical = typicalAllowed ? p.typical : null;

  let comparison: Comparison | null = null;
  let tooLong = false;
  try {
    comparison = await getComparison(actor, {
      installationIds: selection,
      customerIds: selection === "all" ? [customerId] : undefined,
      quantity,
      from: period.from,
      toExclusive: addDays(period.to, 1),
      granularity,
      previousYear: p.previousYear,
      typical,
      // The page shows the selection's sum only; the export asks for each installation's rows.
      perInstallation: false,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "VALIDATION") tooLong = true;
    else throw error;
  }

  // The export route's own rule, so the page never offers a file the route would refuse.
  const exported = comparison?.current.installations.filter((i) => i.hasSeries) ?? [];
  const exportZone = exported[0]?.timeZone ?? timeZone;
  const exportRows = exportSize({
    installations: exported.length,
    granularity,
    from: period.from,
    toExclusive: addDays(period.to, 1),
    timeZone: exportZone,
    today: localDate(new Date(), exportZone),
  });
  const exportNoticeText =
    p.exportNotice === "tooLarge" ? t("export.tooLargeNotice", { max: exportRows.maxRows }) : p.exportNotice === "inProgress" ? t("export.inProgress") : null;

  const state: HrefState = { installations: selection, group: group?.id, quantity, granularity, from: period.from, to: period.to, previousYear: p.previousYear, typical: p.typical };
  const href = (over: Partial<HrefState>) => consumptionHref({ ...state, ...over });
  const range = (pp: Period) => (pp.from === pp.to ? dateLabel(pp.from, locale) : t("period.range", { from: dateLabel(pp.from, locale), to: dateLabel(pp.to, locale) }));
  const anchor = period.to < yesterday ? period.to : yesterday;
  const before = shiftPeriod(period, -1);
  const after = shiftPeriod(period, 1);
  const quantityName = t(`quantity.${quantity}`);
  const per = t(`granularity.per.${granularity}`);
  const selectionText = group
    ? tg("consumption.showing", { name: group.name, count: selected.length })
    : selection === "all"
      ? t("selection.allShort", { count: choices.length })
      : selected.length === 1
        ? `${selected[0]!.name ?? selected[0]!.street} (${formatMeteringPointId(selected[0]!.meteringPointId)})`
        : t("selection.severalShort", { count: selected.length });

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />

      <section aria-labelledby="consumption-selection" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="consumption-selection" className="mb-3 text-lg font-semibold text-slate-900">
          {t("selection.title")}
        </h2>
        {/* Keyed by the shown state: after a tab or quick-period link the fields start from it again. */}
        <Form key={consumptionHref(state)} action="/forbrukning" className="grid gap-4 lg:grid-cols-2">
          <input type="hidden" name="niva" value={granularitySlug(granularity)} />
          {groups.length ? (
            <div>
              <label htmlFor="consumption-group" className={label}>
                {tg("consumption.label")}
              </label>
              <p id="consumption-group-hint" className="mt-0.5 text-sm text-slate-600">
                {tg("consumption.hint")}
              </p>
              <select id="consumption-group" name="grupp" defaultValue={group?.id ?? ""} aria-describedby="consumption-group-hint" className={input}>
                <option value="">{tg("consumption.none")}</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {choices.length > 1 ? (
            <fieldset className="lg:row-span-3">
              <legend className={label}>{t("selection.installations")}</legend>
              <p className="mt-0.5 text-sm text-slate-600">{t("selection.installationsHint")}</p>
              <div className="mt-2 max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
                <label className="flex items-start gap-2 font-medium text-slate-900">
                  <input type="checkbox" name="anl" value="alla" defaultChecked={selection === "all"} className="mt-1 h-4 w-4" />
                  {t("selection.all", { count: choices.length })}
                </label>
                {choices.map((c) => (
                  <div key={c.id} className="flex items-start gap-2 text-slate-900">
                    <input
                      id={`anl-${c.id}`}
                      type="checkbox"
                      name="anl"
                      value={c.id}
                      defaultChecked={selection !== "all" && selection.includes(c.id)}
                      aria-describedby={`anl-${c.id}-info`}
                      className="mt-1 h-4 w-4"
                    />
                    <div>
                      <label htmlFor={`anl-${c.id}`}>{c.name ?? c.street}</label>
                      <span id={`anl-${c.id}-info`} className="block text-sm text-slate-600">
                        {ti(`type.${c.type}`)} · <span className="tabular-nums">{formatMeteringPointId(c.meteringPointId)}</span>
                      </span>
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : (
            <input type="hidden" name="anl" value={choices[0]!.id} />
          )}
          <div>
            <label htmlFor="consumption-quantity" className={label}>
              {t("selection.quantity")}
            </label>
            <select id="consumption-quantity" name="storhet" defaultValue={quantitySlug(quantity)} className={input}>
              {offered.map((q) => (
                <option key={q} value={quantitySlug(q)}>
                  {t(`quantity.${q}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="consumption-from" className={label}>
                {t("selection.from")}
              </label>
              <input id="consumption-from" type="date" name="fran" defaultValue={period.from} required className={input} />
            </div>
            <div>
              <label htmlFor="consumption-to" className={label}>
                {t("selection.to")}
              </label>
              <input id="consumption-to" type="date" name="till" defaultValue={period.to} required className={input} />
            </div>
          </div>
          <div className="space-y-3">
            <label className="flex items-center gap-2 text-slate-900">
              <input type="checkbox" name="fjol" value="1" defaultChecked={p.previousYear} className="h-4 w-4" />
              {t("selection.previousYear")}
            </label>
            {typicalAllowed ? (
              <div>
                <label htmlFor="consumption-typical" className={label}>
                  {t("selection.typical")}
                </label>
                <p id="consumption-typical-hint" className="mt-0.5 text-sm text-slate-600">
                  {t("selection.typicalHint")}
                </p>
                <select id="consumption-typical" name="normal" defaultValue={typical ? typicalSlug(typical) : ""} aria-describedby="consumption-typical-hint" className={input}>
                  <option value="">{t("selection.typicalNone")}</option>
                  {TYPICAL_PROFILES.map((profile) => (
                    <option key={profile} value={typicalSlug(profile)}>
                      {t(`typical.${profile}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
          <div className="lg:col-span-2">
            <button type="submit" className={button}>
              {t("selection.show")}
            </button>
          </div>
        </Form>
      </section>

      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <nav aria-label={t("granularity.label")}>
          <p className="mb-1 text-sm font-medium text-slate-900" aria-hidden="true">
            {t("granularity.label")}
          </p>
          <ul className="flex overflow-hidden rounded-md border border-slate-400">
            {GRANULARITY_ORDER.map((g) => {
              const current = g === granularity;
              return (
                <li key={g} className="border-l border-slate-400 first:border-l-0">
                  <Link
                    href={href({ granularity: g, ...defaultPeriod(g, anchor) })}
                    aria-current={current ? "page" : undefined}
                    className={`block px-4 py-2 text-sm font-medium ${current ? "bg-sky-800 text-white" : "bg-white text-slate-900 hover:bg-slate-100"}`}
                  >
                    {t(`granularity.${g}`)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <nav aria-label={t("quick.label")}>
          <p className="mb-1 text-sm font-medium text-slate-900" aria-hidden="true">
            {t("quick.label")}
          </p>
          <ul className="flex flex-wrap gap-2">
            {quickPeriods(today).map((q) => {
              const current = q.granularity === granularity && q.period.from === period.from && q.period.to === period.to;
              return (
                <li key={q.key}>
                  <Link
                    href={href({ granularity: q.granularity, ...q.period })}
                    aria-current={current ? "true" : undefined}
                    className={`block rounded-full border px-3 py-1 text-sm ${current ? "border-sky-800 bg-sky-800 text-white" : "border-slate-400 bg-white text-slate-900 hover:bg-slate-100"}`}
                  >
                    {t(`quick.${q.key}`)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>

      <section aria-labelledby="consumption-period" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
          <Link href={href(before)} className={secondaryButton} rel="prev">
            <span aria-hidden="true">← </span>
            {t("period.previous")}
          </Link>
          <h2 id="consumption-period" className="text-center text-lg font-semibold text-slate-900">
            {quantityName} {per}, {range(period)}
          </h2>
          {after.from <= today ? (
            <Link href={href(after)} className={secondaryButton} rel="next">
              {t("period.next")}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : (
            <span className="w-32" />
          )}
        </div>
        <p className="mb-1 text-center text-sm text-slate-700">{t("selection.showing", { installations: selectionText })}</p>
        <p className="mb-4 text-center text-sm text-slate-700">{t("period.timeZone", { timeZone })}</p>
        <JumpForm key={consumptionHref(state)} granularity={granularity} state={state} today={today} locale={locale} />

        {clamped ? (
          <p role="status" className="mb-4 rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-sm text-amber-950">
            {t("period.clamped", { period: range(period) })}
          </p>
        ) : null}

        {tooLong || !comparison ? (
          <p role="status" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-slate-800">
            {t("tooLong")}
          </p>
        ) : (
          <Results comparison={comparison} granularity={granularity} period={period} locale={locale} quantityName={quantityName} per={per} />
        )}
      </section>

      {p.exportNotice && !(comparison && comparison.current.buckets.length > 0) ? (
        <p id="export" role="alert" className="mt-6 rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-amber-950">
          {exportNoticeText}
        </p>
      ) : null}
      {comparison && comparison.current.buckets.length > 0 ? (
        <Card id="export" title={t("export.title")} className="mt-6">
          <p className="mb-4 max-w-prose text-slate-800">{t("export.intro", { per })}</p>
          {p.exportNotice ? (
            <p role="alert" className="mb-4 rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-amber-950">
              {exportNoticeText}
            </p>
          ) : null}
          {!exportRows.allowed ? (
            <p role="status" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-slate-800">
              {t("export.tooLarge", { rows: exportRows.rows, max: exportRows.maxRows })}
            </p>
          ) : (
            <form action="/api/forbrukning/export" method="get" className="space-y-4">
              <p className="text-sm text-slate-700">{t("export.limit", { rows: exportRows.rows, max: exportRows.maxRows })}</p>
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
                <button type="submit" name="format" value="csv" className={button}>
                  {t("export.csv")}
                </button>
                <button type="submit" name="format" value="xlsx" className={secondaryButton}>
                  {t("export.xlsx")}
                </button>
              </div>
            </form>
          )}
        </Card>
      ) : null}
    </>
  );
}

async function Results({
  comparison,
  granularity,
  period,
  locale,
  quantityName,
  per,
}: {
  comparison: Comparison;
  granularity: PeriodGranularity;
  period: Period;
  locale: string;
  quantityName: string;
  per: string;
}) {
  const t = await getTranslations("consumption");
  const { current, previousYear, typical } = comparison;
  const mean = current.aggregation === "mean";
  const unit = current.unit;
  const missingSeries = current.installations.filter((i) => !i.hasSeries).length;

  if (missingSeries === current.installations.length) {
    return (
      <p role="status" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-slate-800">
        {t("noSeries", { quantity: quantityName.toLocaleLowerCase(locale === "en" ? "en-GB" : "sv-SE") })}
      </p>
    );
  }

  const decimals = mean ? 1 : current.quantity === "VOLUME_M3" ? 2 : granularity === "hour" ? 2 : granularity === "day" ? 1 : 0;
  const n = (v: number) => formatNumber(v, locale, decimals);
  const occurrences = new Map<string, number>();
  for (const b of current.buckets) occurrences.set(b.localStart, (occurrences.get(b.localStart) ?? 0) + 1);
  const singleDay = period.from === period.to;
  const singleYear = period.from.slice(0, 4) === period.to.slice(0, 4);

  const rows = current.buckets.map((b, i) => {
    const labels = bucketLabels(b, granularity, locale, { singleDay, singleYear, repeated: (occurrences.get(b.localStart) ?? 0) > 1 });
    return {
      bucket: b,
      labels,
      previous: previousYear ? (previousYear.buckets[i] ?? null) : null,
      typical: typical ? (typical.values[i] ?? null) : null,
    };
  });
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

  const total = current.total;
  const prevTotal = previousYear?.total.value ?? null;
  // A change is only meaningful when last year has (nearly) as many values as this period.
  const comparable = previousYear !== null && previousYear.total.count >= 0.9 * total.count;
  const change = comparable && total.value !== null && prevTotal ? (total.value - prevTotal) / prevTotal : null;
  const note = (b: { count: number; expected: number; estimated: number }) =>
    [
      b.count === 0 ? t("note.missing") : b.count < b.expected ? t("note.incomplete", { missing: b.expected - b.count }) : null,
      b.estimated > 0 ? t("note.estimated", { count: b.estimated }) : null,
    ]
      .filter(Boolean)
      .join(". ");

  if (current.buckets.length === 0) {
    return (
      <p role="status" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-slate-800">
        {t("noData")}
      </p>
    );
  }

  return (
    <div className="space-y-6">
      {missingSeries > 0 ? (
        <p className="rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          {t("someWithoutSeries", { count: missingSeries, quantity: quantityName.toLocaleLowerCase() })}
        </p>
      ) : null}

      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-sm text-slate-700">{mean ? t("summary.mean") : t("summary.total")}</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900">
            {total.value === null ? t("table.none") : `${n(total.value)} ${unit}`}
          </dd>
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

      <ConsumptionChart
        rows={chartRows}
        unit={unit}
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

      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <caption className="mb-2 text-left font-semibold text-slate-900">
            {t("table.caption", { quantity: quantityName, per, period: period.from === period.to ? dateLabel(period.from, locale) : t("period.range", { from: dateLabel(period.from, locale), to: dateLabel(period.to, locale) }) })}
          </caption>
          <thead className="bg-slate-100 text-slate-900">
            <tr>
              <th scope="col" className={th}>
                {t("table.period")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {mean ? t("table.mean", { unit }) : t("table.value", { unit })}
              </th>
              {previousYear ? (
                <th scope="col" className={`${th} text-right`}>
                  {t("table.previousYear", { unit })}
                </th>
              ) : null}
              {typical ? (
                <th scope="col" className={`${th} text-right`}>
                  {t("table.typical", { unit })}
                </th>
              ) : null}
              <th scope="col" className={`${th} text-right`}>
                {t("table.values")}
              </th>
              <th scope="col" className={th}>
                {t("table.note")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 text-slate-900">
            {rows.map((r) => {
              const b = r.bucket;
              const flagged = b.count < b.expected || b.estimated > 0;
              return (
                <tr key={b.start} className={b.count < b.expected ? "bg-amber-50" : undefined}>
                  <th scope="row" className={`${td} whitespace-nowrap font-normal`}>
                    {r.labels.label}
                  </th>
                  <td className={`${td} text-right tabular-nums`}>{b.value === null ? t("table.none") : n(b.value)}</td>
                  {previousYear ? <td className={`${td} text-right tabular-nums`}>{r.previous?.value == null ? t("table.none") : n(r.previous.value)}</td> : null}
                  {typical ? <td className={`${td} text-right tabular-nums`}>{r.typical === null ? t("table.none") : n(r.typical)}</td> : null}
                  <td className={`${td} whitespace-nowrap text-right tabular-nums`}>
                    {t("table.valuesOf", { count: formatNumber(b.count, locale), expected: formatNumber(b.expected, locale) })}
                  </td>
                  <td className={td}>{flagged ? note(b) : ""}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 font-semibold text-slate-900">
            <tr>
              <th scope="row" className={td}>
                {mean ? t("table.average") : t("table.sum")}
              </th>
              <td className={`${td} text-right tabular-nums`}>{total.value === null ? t("table.none") : n(total.value)}</td>
              {previousYear ? <td className={`${td} text-right tabular-nums`}>{prevTotal === null ? t("table.none") : n(prevTotal)}</td> : null}
              {typical ? <td className={`${td} text-right tabular-nums`}>{n(typical.total)}</td> : null}
              <td className={`${td} whitespace-nowrap text-right tabular-nums`}>
                {t("table.valuesOf", { count: formatNumber(total.count, locale), expected: formatNumber(total.expected, locale) })}
              </td>
              <td className={td}>{total.count < total.expected || total.estimated > 0 ? note(total) : ""}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

/** "Go to" a year, a month or a day without typing dates: plain selects, no script needed. */
async function JumpForm({ granularity, state, today, locale }: { granularity: PeriodGranularity; state: HrefState; today: string; locale: string }) {
  const t = await getTranslations("consumption");
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 11 }, (_, i) => thisYear - i);
  const monthName = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { month: "long", timeZone: "UTC" });
  const hidden = (
    <>
      {state.group ? (
        <input type="hidden" name="grupp" value={state.group} />
      ) : state.installations === "all" ? (
        <input type="hidden" name="anl" value="alla" />
      ) : (
        state.installations.map((id) => <input key={id} type="hidden" name="anl" value={id} />)
      )}
      {state.quantity !== "ENERGY_KWH" ? <input type="hidden" name="storhet" value={quantitySlug(state.quantity)} /> : null}
      <input type="hidden" name="niva" value={granularitySlug(granularity)} />
      {state.previousYear ? <input type="hidden" name="fjol" value="1" /> : null}
      {state.typical ? <input type="hidden" name="normal" value={typicalSlug(state.typical)} /> : null}
    </>
  );
  const small = "mt-1 block rounded-md border border-slate-400 bg-white px-2 py-1.5 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600";
  return (
    <Form action="/forbrukning" className="mb-4 flex flex-wrap items-end justify-center gap-3">
      {hidden}
      {granularity === "hour" ? (
        <div>
          <label htmlFor="jump-day" className={label}>
            {t("period.pickDay")}
          </label>
          <input id="jump-day" type="date" name="dag" defaultValue={state.to} max={today} className={small} />
        </div>
      ) : (
        <>
          {granularity === "day" ? (
            <div>
              <label htmlFor="jump-month" className={label}>
                {t("period.pickMonth")}
              </label>
              <select id="jump-month" name="manad" defaultValue={String(Number(state.to.slice(5, 7)))} className={small}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i} value={String(i + 1)}>
                    {monthName.format(new Date(Date.UTC(2000, i, 1)))}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor="jump-year" className={label}>
              {t("period.pickYear")}
            </label>
            <select id="jump-year" name="ar" defaultValue={state.to.slice(0, 4)} className={small}>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <button type="submit" className={secondaryButton}>
        {t("period.go")}
      </button>
    </Form>
  );
}

const granularitySlug = (g: PeriodGranularity) => granularitySlugs[g];
const quantitySlug = (q: ConsumptionQuantity) => quantitySlugs[q];
const typicalSlug = (profile: TypicalProfile) => typicalSlugs[profile];
