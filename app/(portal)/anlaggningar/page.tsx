import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { getInstallationsView } from "@/server/installations/get-installations-view";
import { listHref, type SearchParams } from "@/server/installations/installation-list-params";
import { InstallationTable } from "./installation-table";
import { SearchSection } from "./search-section";
import { SelectionForm } from "./selection-form";
import { textLink } from "@/components/ui/text-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("installations"))("title") };
}


export default async function InstallationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const [t, tc, tg] = await Promise.all([getTranslations("installations"), getTranslations("common"), getTranslations("groups")]);
  const view = await getInstallationsView(actor, { activeCustomerId: active?.customerId ?? null, searchParams: await searchParams });
  if (view.kind === "notFound") notFound();
  if (view.kind === "redirect") redirect(`/anlaggningar/${view.installationId}`);
  if (view.kind === "noCustomer") {
    return (
      <>
        <PageHeader title={t("title")} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }

  const { result, params, group } = view;
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.items.length - 1;
  return (
    <>
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/anlaggningar/grupper" className={textLink}>
            {tg("myGroups", { count: view.groups.length })}
          </Link>
        }
      />
      <SearchSection view={view} />
      {result.total === 0 ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
          {view.filtered ? t("emptySearch") : t("emptyNone")}
        </p>
      ) : (
        <>
          <p role="status" className="mb-2 text-slate-800">
            {tc("showing", { from, to, total: result.total })}
          </p>
          <SelectionForm
            search={{ customer: params.customer, q: params.q, type: params.type ?? "", group: group?.id ?? "" }}
            total={result.total}
            groups={view.groups}
            currentGroup={group}
          >
            <InstallationTable view={view} />
            <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => listHref({ ...params, page })} label={t("pagination")} />
          </SelectionForm>
        </>
      )}
    </>
  );
}
