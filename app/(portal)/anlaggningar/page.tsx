import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Field, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { listGroups } from "@/server/groups/list-groups";
import { listInstallations } from "@/server/installations/list-installations";
import { formatMeteringPointId } from "@/domain/identity";
import { installationTypes, isPlainList, listHref, parseListParams, typeSlugs, type SearchParams } from "./list-params";
import { SelectionForm } from "./selection-form";
import { Pagination } from "@/components/ui/pagination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("installations"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";

export default async function InstallationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const t = await getTranslations("installations");
  const tc = await getTranslations("common");
  const tg = await getTranslations("groups");
  if (!active) {
    return (
      <>
        <PageHeader title={t("title")} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }

  const sp = await searchParams;
  const params = parseListParams(sp, actor.customers.map((c) => c.customerId), active.customerId);
  const groups = await listGroups(actor);
  // A group filter is one of the user's own groups; anything else is answered like a foreign id.
  const group = params.group ? groups.find((g) => g.id === params.group) : undefined;
  if ((params.group && !group) || (sp.grupp && !params.group)) notFound();
  const result = await listInstallations(actor, { customerId: params.customer, q: params.q, type: params.type, groupId: group?.id, page: params.page });

  // Seed 001: with a single installation the details are shown directly.
  if (isPlainList(sp) && result.total <= 1) {
    const everything = actor.customers.length === 1 ? result : await listInstallations(actor, { customerId: "all", pageSize: 2 });
    if (everything.total === 1) redirect(`/anlaggningar/${everything.items[0]!.id}`);
  }

  const several = actor.customers.length > 1;
  const showCustomer = several && params.customer === "all";
  const chosen = actor.customers.find((c) => c.customerId === params.customer);
  const caption = group
    ? tg("captionGroup", { name: group.name })
    : chosen
      ? t("captionCustomer", { customer: `${chosen.customerName} (${chosen.customerNumber})` })
      : t("captionAll");
  const filtered = params.q !== "" || params.type !== undefined || group !== undefined;
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.items.length - 1;

  return (
    <>
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <Link href="/anlaggningar/grupper" className={link}>
            {tg("myGroups", { count: groups.length })}
          </Link>
        }
      />

      <section aria-labelledby="installation-search" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="installation-search" className="mb-3 text-lg font-semibold text-slate-900">
          {t("searchTitle")}
        </h2>
        <Form action="/anlaggningar" role="search" className={`grid items-end gap-x-4 ${groups.length ? "md:grid-cols-[1fr_12rem_12rem_auto]" : "md:grid-cols-[1fr_12rem_auto]"}`}>
          <Field label={t("searchLabel")} name="q" type="search" hint={t("searchHint")} defaultValue={params.q} maxLength={100} />
          <SelectField
            label={t("typeFilter")}
            name="typ"
            defaultValue={params.type ? typeSlugs[params.type] : ""}
            options={[{ value: "", label: t("allTypes") }, ...installationTypes.map((type) => ({ value: typeSlugs[type], label: t(`type.${type}`) }))]}
          />
          {groups.length ? (
            <SelectField
              label={tg("filter")}
              name="grupp"
              defaultValue={group?.id ?? ""}
              options={[{ value: "", label: tg("filterNone") }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
            />
          ) : null}
          {several ? (
            <SelectField
              label={t("customerFilter")}
              name="kund"
              defaultValue={params.customer === "all" ? "alla" : params.customer}
              options={[
                ...actor.customers.map((c) => ({ value: c.customerId, label: `${c.customerNumber} – ${c.customerName}` })),
                { value: "alla", label: t("allCustomers") },
              ]}
              className="mb-4 md:col-span-2 md:row-start-2"
            />
          ) : null}
          <div className="mb-4 flex flex-wrap items-center gap-4">
            <button
              type="submit"
              className="rounded-md bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2"
            >
              {t("searchButton")}
            </button>
            {filtered ? (
              <Link href={listHref({ customer: params.customer })} className={link}>
                {t("clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      {result.total === 0 ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
          {filtered ? t("emptySearch") : t("emptyNone")}
        </p>
      ) : (
        <>
          <p role="status" className="mb-2 text-slate-800">
            {tc("showing", { from, to, total: result.total })}
          </p>
          <SelectionForm
            search={{ customer: params.customer, q: params.q, type: params.type ?? "", group: group?.id ?? "" }}
            total={result.total}
            groups={groups}
            currentGroup={group ?? null}
          >
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
                <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{caption}</caption>
                <thead className="bg-slate-100 text-slate-900">
                  <tr>
                    <th scope="col" className="w-12 px-4 py-3 font-semibold">
                      <span className="sr-only">{tg("selectColumn")}</span>
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t("colInstallation")}
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t("colType")}
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t("colMeteringPoint")}
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t("colProperty")}
                    </th>
                    <th scope="col" className="px-4 py-3 font-semibold">
                      {t("colArea")}
                    </th>
                    {showCustomer ? (
                      <th scope="col" className="px-4 py-3 font-semibold">
                        {t("colCustomer")}
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 text-slate-900">
                  {result.items.map((i) => (
                    <tr key={i.id}>
                      <td className="px-4 py-3 align-top">
                        <input type="checkbox" name={`anl.${i.id}`} value="1" aria-label={tg("selectRow", { name: i.name ?? i.street })} className="mt-1 h-4 w-4 accent-sky-800" />
                      </td>
                      <th scope="row" className="px-4 py-3 font-normal">
                        <Link href={`/anlaggningar/${i.id}`} className={link}>
                          {i.name ?? i.street}
                        </Link>
                        <span className="block text-slate-700">
                          {i.name ? `${i.street}, ` : ""}
                          {i.postalCode} {i.city}
                        </span>
                        {i.status === "TERMINATED" ? (
                          <span className="mt-1 inline-block rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-900">{t("terminated")}</span>
                        ) : null}
                      </th>
                      <td className="px-4 py-3">{t(`type.${i.type}`)}</td>
                      <td className="whitespace-nowrap px-4 py-3 font-mono tabular-nums">{formatMeteringPointId(i.meteringPointId)}</td>
                      <td className="px-4 py-3">{i.propertyDesignation ?? tc("none")}</td>
                      <td className="px-4 py-3">{i.priceArea}</td>
                      {showCustomer ? <td className="px-4 py-3">{i.customerNumber}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => listHref({ ...params, page })} label={t("pagination")} />
          </SelectionForm>
        </>
      )}
    </>
  );
}
