import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { may } from "@/domain/access/permissions";
import { formatDate } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page-header";
import { countManagementRequestsToHandle } from "@/server/access/count-management-requests";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { CONTRACTS_ENDING_WITHIN_DAYS, getStartOverview } from "@/server/installations/get-start-overview";
import { countRequestsToHandle } from "@/server/third-party/list-third-party-access";
import { listHref } from "@/server/installations/installation-list-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("start"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";

export default async function StartPage() {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const t = await getTranslations("start");
  const ti = await getTranslations("installations");
  const tc = await getTranslations("customer");
  const locale = await getLocale();

  if (!active) {
    return (
      <>
        <PageHeader title={t("title")} intro={t("greeting", { name: actor.name })} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }

  // Requests for meter data the user may answer, over all their customers (seed 002), and
  // management companies' requests for access that wait for the user's answer.
  const [overview, requestsToHandle, companyRequests, tp, ta] = await Promise.all([
    getStartOverview(actor, active.customerId),
    countRequestsToHandle(actor),
    countManagementRequestsToHandle(actor),
    getTranslations("thirdParty"),
    getTranslations("access"),
  ]);
  const { customer } = overview;
  const days = CONTRACTS_ENDING_WITHIN_DAYS;
  const canEdit = may(active, "changeCustomerDetails");

  return (
    <>
      <PageHeader
        title={t("title")}
        intro={
          <>
            <span className="block font-medium text-slate-900">{t("greeting", { name: actor.name })}</span>
            {t("intro", { customer: customer.name, customerNumber: customer.customerNumber })}
          </>
        }
      />
      {companyRequests.count > 0 ? (
        <p role="note" className="mb-6 rounded-md border border-amber-700 bg-amber-50 px-4 py-3 text-slate-900">
          <Link href={`/behorighet?kund=${companyRequests.customerId}`} className={link}>
            {ta("requests.startNotice", { count: companyRequests.count })}
          </Link>
        </p>
      ) : null}
      {requestsToHandle > 0 ? (
        <p role="note" className="mb-6 rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-slate-900">
          <Link href="/tredjepartsatkomst" className={link}>
            {tp("startNotice", { count: requestsToHandle })}
          </Link>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("installationsTitle")}>
          {overview.installationTotal === 0 ? (
            <p className="text-slate-800">{t("noInstallations")}</p>
          ) : (
            <>
              <ul className="space-y-2">
                {overview.installationCounts
                  .filter((c) => c.count > 0)
                  .map((c) => (
                    <li key={c.type}>
                      <Link href={listHref({ customer: customer.id, type: c.type })} className={link}>
                        {t("typeCountLink", { type: ti(`type.${c.type}`), count: c.count })}
                      </Link>
                    </li>
                  ))}
              </ul>
              <p className="mt-4">
                <Link href={listHref({ customer: customer.id })} className={link}>
                  {t("allInstallationsLink")}
                </Link>{" "}
                <span className="text-slate-700">({t("installationCount", { count: overview.installationTotal })})</span>
              </p>
            </>
          )}
        </Card>

        <Card title={t("customerTitle")}>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-slate-900">
            <dt className="font-medium text-slate-700">{tc("name")}</dt>
            <dd>{customer.name}</dd>
            <dt className="font-medium text-slate-700">{t("customerNumber")}</dt>
            <dd>{customer.customerNumber}</dd>
            <dt className="font-medium text-slate-700">{t("email")}</dt>
            <dd className="break-all">{customer.email ?? t("notProvided")}</dd>
            <dt className="font-medium text-slate-700">{t("invoiceDelivery")}</dt>
            <dd>{tc(`delivery.${customer.invoiceDelivery}`)}</dd>
          </dl>
          <p className="mt-4">
            <Link href="/kunduppgifter" className={link}>
              {canEdit ? t("customerLink") : t("customerLinkReadOnly")}
            </Link>
          </p>
        </Card>

        <Card title={t("contractsTitle", { days })}>
          {overview.contractsEndingSoon.length === 0 ? (
            <p className="text-slate-800">{t("noContractsEnding", { days })}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {overview.contractsEndingSoon.map((c) => (
                <li key={c.id} className="py-2">
                  <Link href={`/anlaggningar/${c.installation.id}`} className={link}>
                    {c.productName}
                  </Link>
                  <span className="block text-sm text-slate-700">
                    {ti(`type.${c.installation.type}`)} · {c.installation.name ?? c.installation.street}, {c.installation.city}
                  </span>
                  <span className="block text-sm font-medium text-slate-900">{t("contractEnds", { date: formatDate(c.endDate, locale) })}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title={t("meterTitle")}>
          <p className="text-slate-800">
            {overview.latestMeterDay ? t("latestMeterDay", { date: formatDate(overview.latestMeterDay, locale) }) : t("noMeterValues")}
          </p>
        </Card>
      </div>

      <section aria-labelledby="what-you-can-do" className="mt-8">
        <h2 id="what-you-can-do" className="mb-3 text-lg font-semibold text-slate-900">
          {t("whatTitle")}
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-slate-800">
          <li>
            <Link href="/anlaggningar" className={link}>
              {t("whatInstallations")}
            </Link>
            : {t("whatInstallationsText")}
          </li>
          <li>
            <Link href="/kunduppgifter" className={link}>
              {t("whatCustomer")}
            </Link>
            : {canEdit ? t("whatCustomerText") : t("whatCustomerTextReadOnly")}
          </li>
        </ul>
      </section>
    </>
  );
}
