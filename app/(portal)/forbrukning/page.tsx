import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import type { SearchParams } from "@/server/consumption/consumption-page-params";
import { getConsumptionView } from "@/server/consumption/get-consumption-view";
import { ExportSection } from "./export-section";
import { PeriodLinks } from "./period-links";
import { PeriodSection } from "./period-section";
import { SelectionSection } from "./selection-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumption"))("title") };
}

export default async function ConsumptionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const [t, tg] = await Promise.all([getTranslations("consumption"), getTranslations("groups")]);
  const view = await getConsumptionView(actor, { activeCustomerId: active?.customerId ?? null, searchParams: await searchParams });

  switch (view.kind) {
    case "notFound":
      notFound();
    case "noCustomer":
      return (
        <>
          <PageHeader title={t("title")} />
          <p className="text-slate-800">{t("noCustomer")}</p>
        </>
      );
    case "emptyGroup":
      return (
        <>
          <PageHeader title={t("title")} intro={t("intro")} />
          <p role="status" className="text-slate-800">
            {tg("consumption.empty", { name: view.groupName })}
          </p>
        </>
      );
    case "noInstallations":
      return (
        <>
          <PageHeader title={t("title")} intro={t("intro")} />
          <p className="text-slate-800">{t("noInstallations")}</p>
        </>
      );
    case "ready":
      return (
        <>
          <PageHeader title={t("title")} intro={t("intro")} />
          <SelectionSection view={view} />
          <PeriodLinks view={view} />
          <PeriodSection view={view} />
          <ExportSection view={view} />
        </>
      );
  }
}
