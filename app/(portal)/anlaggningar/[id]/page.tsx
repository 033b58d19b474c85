import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Card, PageHeader } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDate, formatNumber } from "@/lib/format";
import { requireCustomer } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { getInstallation, type InstallationDetail, type SeriesSummary } from "@/server/installations/get-installation";
import { formatMeteringPointId } from "@/domain/identity";
import { listHref } from "@/server/installations/installation-list-params";
import { LinkButton } from "@/components/ui/button";
import { textLink } from "@/components/ui/text-link";

type Props = { params: Promise<{ id: string }> };

// Shared by the metadata and the page within one request. Out of scope, unknown and malformed ids
// all become the same 404, so the page never tells whether another customer's installation exists.
const load = cache(async (id: string): Promise<InstallationDetail> => {
  const actor = await requireCustomer();
  try {
    return await getInstallation(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const installation = await load((await params).id);
  return { title: installation.name ?? installation.street };
}

const dl = "grid gap-x-6 gap-y-2 text-slate-900 sm:grid-cols-[max-content_1fr]";
const dt = "font-medium text-slate-700";

export default async function InstallationPage({ params }: Props) {
  const i = await load((await params).id);
  const t = await getTranslations("installations");
  const tConsumption = await getTranslations("consumption");
  const locale = await getLocale();
  const electricity = i.type === "ELECTRICITY_GRID" || i.type === "ELECTRICITY_SUPPLY";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={listHref({ customer: i.customerId })} className={textLink}>
          <span aria-hidden="true">← </span>
          {t("backToList")}
        </Link>
      </p>
      <PageHeader
        title={i.name ?? i.street}
        intro={`${t(`type.${i.type}`)} · ${i.street}, ${i.postalCode} ${i.city}`}
        actions={
          <div className="flex flex-wrap gap-3">
            <LinkButton href={`/forbrukning?anl=${i.id}`}>{tConsumption("showConsumption")}</LinkButton>
            <LinkButton href={`/fakturor?anl=${i.meteringPointId}`} variant="secondary">
              {(await getTranslations("invoices"))("invoicesForInstallation")}
            </LinkButton>
          </div>
        }
      />

      <div className="grid gap-6">
        <Card title={t("factsTitle")}>
          <dl className={dl}>
            <dt className={dt}>{t("customer")}</dt>
            <dd>
              {i.customer.name} ({i.customer.customerNumber})
            </dd>
            <dt className={dt}>{t("typeLabel")}</dt>
            <dd>{t(`type.${i.type}`)}</dd>
            <dt className={dt}>{t("statusLabel")}</dt>
            <dd>{t(`status.${i.status}`)}</dd>
            <dt className={dt}>{t("meteringPointId")}</dt>
            <dd>
              <span className="font-mono tabular-nums">{formatMeteringPointId(i.meteringPointId)}</span>
              <span className="mt-1 block max-w-prose text-sm text-slate-700">{t("meteringPointIdNote")}</span>
            </dd>
            <dt className={dt}>{t("address")}</dt>
            <dd>
              {i.street}, {i.postalCode} {i.city}
            </dd>
            <dt className={dt}>{t("propertyDesignation")}</dt>
            <dd>{i.propertyDesignation ?? "–"}</dd>
            <dt className={dt}>{electricity ? t("priceArea") : t("networkArea")}</dt>
            <dd>{i.priceArea}</dd>
            <dt className={dt}>{t("meterNumber")}</dt>
            <dd className="tabular-nums">{i.meterNumber}</dd>
            <dt className={dt}>{t("resolution")}</dt>
            <dd>{t(`resolutions.${i.resolution}`)}</dd>
            <dt className={dt}>{t("timeZone")}</dt>
            <dd>{i.timeZone}</dd>
            <dt className={dt}>{t("startDate")}</dt>
            <dd>{formatDate(i.startDate, locale)}</dd>
            {i.endDate ? (
              <>
                <dt className={dt}>{t("endDate")}</dt>
                <dd>{formatDate(i.endDate, locale)}</dd>
              </>
            ) : null}
          </dl>
        </Card>

        <Card title={t("contractsTitle")}>
          <Table caption={t("contractsCaption")} empty={i.contracts.length === 0 ? t("noContracts") : null}>
            <THead columns={[t("product"), t("contractNumber"), t("pricingLabel"), t("billingCycleLabel"), t("contractStart"), t("contractEnd")]} />
            <TBody>
              {i.contracts.map((c) => (
                <Tr key={c.id}>
                  <RowHeader className="font-medium">{c.productName}</RowHeader>
                  <Td className="tabular-nums">{c.contractNumber}</Td>
                  <Td>{t(`pricing.${c.pricing}`)}</Td>
                  <Td>{t(`billingCycle.${c.billingCycle}`)}</Td>
                  <Td className="whitespace-nowrap">{formatDate(c.startDate, locale)}</Td>
                  <Td className="whitespace-nowrap">{c.endDate ? formatDate(c.endDate, locale) : t("openEnded")}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>

        <Card title={t("meterTitle")}>
          <MeterValues series={i.series} timeZone={i.timeZone} locale={locale} />
        </Card>
      </div>
    </>
  );
}

async function MeterValues({ series, timeZone, locale }: { series: SeriesSummary[]; timeZone: string; locale: string }) {
  const t = await getTranslations("installations");
  const withValues = series.filter((s) => s.lastDay);
  if (withValues.length === 0) return <p className="text-slate-800">{t("noMeterValues")}</p>;
  const latest = withValues.map((s) => s.lastDay!).sort().at(-1)!;

  return (
    <div className="space-y-6">
      <p className="text-slate-800">
        {t("valuesUntil", { date: formatDate(latest, locale) })} {t("timeZoneNote", { timeZone })}
      </p>

      {series
        .filter((s) => s.recentDays)
        .map((s) => {
          const days = s.recentDays!;
          const sum = days.reduce((acc, d) => acc + (d.total ?? 0), 0);
          return (
            <Table key={s.id} caption={t("recentCaption", { unit: s.unit })} showCaption>
              <THead columns={[t("recentDate"), { label: t("recentTotal", { unit: s.unit }), align: "right" }, t("recentNote")]} />
              <TBody>
                {days.map((d) => (
                  <Tr key={d.date}>
                    <RowHeader className="whitespace-nowrap">{formatDate(d.date, locale)}</RowHeader>
                    <Td align="right" className="tabular-nums">
                      {d.total === null ? t("missing") : formatNumber(d.total, locale, 1)}
                    </Td>
                    <Td>{[d.total !== null && d.incomplete ? t("incomplete") : null, d.estimated ? t("estimated") : null].filter(Boolean).join(", ")}</Td>
                  </Tr>
                ))}
              </TBody>
              <tfoot className="border-t-2 border-slate-300 font-semibold text-slate-900">
                <Tr>
                  <RowHeader className="font-semibold">{t("recentSum")}</RowHeader>
                  <Td align="right" className="tabular-nums">
                    {formatNumber(sum, locale, 1)}
                  </Td>
                  <Td />
                </Tr>
              </tfoot>
            </Table>
          );
        })}

      <Table caption={t("seriesCaption")} showCaption>
        <THead columns={[t("seriesQuantity"), t("seriesResolution"), t("seriesLastDay")]} />
        <TBody>
          {series.map((s) => (
            <Tr key={s.id}>
              <RowHeader>
                {t(`quantity.${s.quantity}`)} ({s.unit})
              </RowHeader>
              <Td>{t(`resolutions.${s.resolution}`)}</Td>
              <Td className="whitespace-nowrap">{s.lastDay ? formatDate(s.lastDay, locale) : t("noValuesYet")}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
