import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { getInvoiceListView } from "@/server/invoices/get-invoice-list-view";
import type { SearchParams } from "@/server/invoices/invoice-list-params";
import { invoiceListHref } from "./list-params";
import { InvoiceFilter } from "./invoice-filter";
import { InvoiceTable } from "./invoice-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("title") };
}

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const [t, tc] = await Promise.all([getTranslations("invoices"), getTranslations("common")]);
  const view = await getInvoiceListView(actor, { activeCustomerId: active?.customerId ?? null, searchParams: await searchParams });
  if (view.kind === "noCustomer") {
    return (
      <>
        <PageHeader title={t("title")} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }

  const { params, result } = view;
  const unpaid = params.tab === "unpaid";
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.items.length - 1;
  const tabs = [
    { key: "all", label: t("tabAll") },
    { key: "unpaid", label: t("tabUnpaid") },
  ] as const;

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <nav aria-label={t("tabs")} className="mb-4 border-b border-slate-300">
        <ul className="-mb-px flex flex-wrap gap-2">
          {tabs.map((tab) => {
            const current = params.tab === tab.key;
            return (
              <li key={tab.key}>
                <Link
                  href={invoiceListHref({ ...params, tab: tab.key, page: 1 })}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block rounded-t-md border px-4 py-2 font-medium ${
                    current ? "border-slate-300 border-b-white bg-white text-slate-900" : "border-transparent text-sky-800 underline underline-offset-2 hover:text-sky-950"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <InvoiceFilter view={view} />
      {result.total === 0 ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
          {view.filtered ? t("emptyFiltered") : unpaid ? t("emptyUnpaid") : t("emptyNone")}
        </p>
      ) : (
        <>
          <p role="status" className="mb-1 text-slate-800">
            {tc("showing", { from, to, total: result.total })}
          </p>
          <p className="mb-3 text-sm text-slate-700">{t("noLimit")}</p>
          <InvoiceTable view={view} />
          <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => invoiceListHref({ ...params, page })} label={t("pagination")} />
        </>
      )}
    </>
  );
}
