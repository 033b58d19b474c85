import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { formatDate } from "@/lib/format";
import { CONTRACTS_ENDING_WITHIN_DAYS } from "@/server/installations/get-start-overview";
import type { StartView } from "@/server/installations/get-start-view";
import { listHref } from "@/server/installations/installation-list-params";
import { textLink } from "@/components/ui/text-link";


/** What waits for the user's answer: management companies' requests and requests for meter data. */
export async function StartNotices({ view }: { view: StartView }) {
  const [tp, ta] = await Promise.all([getTranslations("thirdParty"), getTranslations("access")]);
  return (
    <>
      {view.companyRequests.count > 0 ? (
        <p role="note" className="mb-6 rounded-md border border-amber-700 bg-amber-50 px-4 py-3 text-slate-900">
          <Link href={`/behorighet?kund=${view.companyRequests.customerId}`} className={textLink}>
            {ta("requests.startNotice", { count: view.companyRequests.count })}
          </Link>
        </p>
      ) : null}
      {view.meterDataRequests > 0 ? (
        <p role="note" className="mb-6 rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-slate-900">
          <Link href="/tredjepartsatkomst" className={textLink}>
            {tp("startNotice", { count: view.meterDataRequests })}
          </Link>
        </p>
      ) : null}
    </>
  );
}

/** The installations by type (each a link to the filtered list) and the customer's details. */
export async function InstallationsAndCustomerCards({ view }: { view: StartView }) {
  const [t, ti, tc] = await Promise.all([getTranslations("start"), getTranslations("installations"), getTranslations("customer")]);
  const { overview } = view;
  const { customer } = overview;
  return (
    <>
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
                    <Link href={listHref({ customer: customer.id, type: c.type })} className={textLink}>
                      {t("typeCountLink", { type: ti(`type.${c.type}`), count: c.count })}
                    </Link>
                  </li>
                ))}
            </ul>
            <p className="mt-4">
              <Link href={listHref({ customer: customer.id })} className={textLink}>
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
          <Link href="/kunduppgifter" className={textLink}>
            {view.canEditCustomer ? t("customerLink") : t("customerLinkReadOnly")}
          </Link>
        </p>
      </Card>
    </>
  );
}

/** Contracts ending soon and the latest day with meter values. */
export async function ContractsAndMeterCards({ view, locale }: { view: StartView; locale: string }) {
  const [t, ti] = await Promise.all([getTranslations("start"), getTranslations("installations")]);
  const { overview } = view;
  const days = CONTRACTS_ENDING_WITHIN_DAYS;
  return (
    <>
      <Card title={t("contractsTitle", { days })}>
        {overview.contractsEndingSoon.length === 0 ? (
          <p className="text-slate-800">{t("noContractsEnding", { days })}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {overview.contractsEndingSoon.map((c) => (
              <li key={c.id} className="py-2">
                <Link href={`/anlaggningar/${c.installation.id}`} className={textLink}>
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
        <p className="text-slate-800">{overview.latestMeterDay ? t("latestMeterDay", { date: formatDate(overview.latestMeterDay, locale) }) : t("noMeterValues")}</p>
      </Card>
    </>
  );
}

/** "Det här kan du göra": the main ways on. */
export async function WhatYouCanDo({ view }: { view: StartView }) {
  const t = await getTranslations("start");
  return (
    <section aria-labelledby="what-you-can-do" className="mt-8">
      <h2 id="what-you-can-do" className="mb-3 text-lg font-semibold text-slate-900">
        {t("whatTitle")}
      </h2>
      <ul className="list-disc space-y-1 pl-5 text-slate-800">
        <li>
          <Link href="/anlaggningar" className={textLink}>
            {t("whatInstallations")}
          </Link>
          : {t("whatInstallationsText")}
        </li>
        <li>
          <Link href="/kunduppgifter" className={textLink}>
            {t("whatCustomer")}
          </Link>
          : {view.canEditCustomer ? t("whatCustomerText") : t("whatCustomerTextReadOnly")}
        </li>
      </ul>
    </section>
  );
}
