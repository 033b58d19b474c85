import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { getStartView } from "@/server/installations/get-start-view";
import { ContractsAndMeterCards, InstallationsAndCustomerCards, StartNotices, WhatYouCanDo } from "./start-sections";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("start"))("title") };
}

export default async function StartPage() {
  const actor = await requireCustomer();
  const [active, t, locale] = await Promise.all([activeCustomer(actor), getTranslations("start"), getLocale()]);
  if (!active) {
    return (
      <>
        <PageHeader title={t("title")} intro={t("greeting", { name: actor.name })} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }
  const view = await getStartView(actor, active);
  const { customer } = view.overview;
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
      <StartNotices view={view} />
      <div className="grid gap-6 lg:grid-cols-2">
        <InstallationsAndCustomerCards view={view} />
        <ContractsAndMeterCards view={view} locale={locale} />
      </div>
      <WhatYouCanDo view={view} />
    </>
  );
}
