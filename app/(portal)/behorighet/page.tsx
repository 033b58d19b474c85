import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getAccessView } from "@/server/access/get-access-view";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { CustomerAccessSection } from "./customer-access-section";
import { MyCustomersCard } from "./my-customers-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Behörighet (seed 001): the customer numbers the user may see and at which level; for a customer
 * the user administers, who has access, open invitations, management companies and the access log.
 */
export default async function AccessPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCustomer();
  const [t, locale, active, sp] = await Promise.all([getTranslations("access"), getLocale(), activeCustomer(actor), searchParams]);
  const view = await getAccessView(actor, { customerId: typeof sp.kund === "string" ? sp.kund : undefined, activeCustomerId: active?.customerId });
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <MyCustomersCard customers={view.customers} />
      {view.selected ? (
        <CustomerAccessSection access={view.selected} locale={locale} />
      ) : view.customers.length > 0 ? (
        <p role="note" className="rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-sm text-slate-900">
          {t("notAdmin")}
        </p>
      ) : null}
    </>
  );
}
