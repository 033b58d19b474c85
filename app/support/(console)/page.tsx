import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { requireStaff } from "@/server/auth/session";
import { getSupportSearchView } from "@/server/support/get-support-search-view";
import { SEARCH_MIN_LENGTH } from "@/server/support/schemas";
import type { SupportSearchCustomer } from "@/server/support/search-customers";
import { LastLogin, UserNameAndEmailCells, UserStatusBadge } from "./user-cells";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("search.title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function SupportSearchPage({ searchParams }: { searchParams: Params }) {
  const staff = await requireStaff();
  const [params, t, tc] = await Promise.all([searchParams, getTranslations("support"), getTranslations("common")]);
  const { q, result } = await getSupportSearchView(staff, params);
  const pageHref = (p: number) => `/support?${new URLSearchParams({ q, ...(p > 1 ? { sida: String(p) } : {}) })}`;

  return (
    <div>
      <PageHeader title={t("search.title")} intro={t("search.intro")} />
      <form action="/support" method="get" role="search" className="mb-8 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="min-w-64 flex-1">
          <label htmlFor="support-q" className="block text-sm font-medium text-slate-900">
            {t("search.label")}
          </label>
          <p id="support-q-hint" className="mt-0.5 text-sm text-slate-600">
            {t("search.hint", { min: SEARCH_MIN_LENGTH })}
          </p>
          <input
            id="support-q"
            name="q"
            type="search"
            defaultValue={q}
            minLength={SEARCH_MIN_LENGTH}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="support-q-hint"
            className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-sky-600"
          />
        </div>
        <button type="submit" className={buttonClass()}>
          {t("search.submit")}
        </button>
      </form>

      {result ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="mb-3 text-lg font-semibold text-slate-900">
            {t("search.resultsHeading")}
          </h2>
          {result.status === "tooShort" ? (
            <p role="status" className="text-slate-700">
              {t("search.tooShort", { min: SEARCH_MIN_LENGTH })}
            </p>
          ) : result.customers.length === 0 ? (
            <p role="status" className="text-slate-700">
              {t("search.none", { q })}
            </p>
          ) : (
            <>
              <p role="status" className="mb-4 text-sm text-slate-700">
                {t("search.count", { count: result.customers.length, page: result.page })} {result.hasMore ? t("search.more") : null}
              </p>
              <ul className="space-y-4">
                {result.customers.map((c) => (
                  <li key={c.id}>
                    <CustomerResult customer={c} />
                  </li>
                ))}
              </ul>
              {result.page > 1 || result.hasMore ? (
                <nav aria-label={t("search.pagination")} className="mt-6 flex items-center gap-4">
                  {result.page > 1 ? (
                    <Link href={pageHref(result.page - 1)} className="text-sky-800 underline">
                      {tc("previous")}
                    </Link>
                  ) : null}
                  <span className="text-sm text-slate-700">{t("search.pageNumber", { page: result.page })}</span>
                  {result.hasMore ? (
                    <Link href={pageHref(result.page + 1)} className="text-sky-800 underline">
                      {tc("next")}
                    </Link>
                  ) : null}
                </nav>
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** One customer found: a link to it, what it is, and its users. */
async function CustomerResult({ customer: c }: { customer: SupportSearchCustomer }) {
  const t = await getTranslations("support");
  return (
    <article aria-labelledby={`customer-${c.id}`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id={`customer-${c.id}`} className="text-base font-semibold">
        <Link href={`/support/kunder/${c.id}`} className="text-sky-800 underline underline-offset-2 hover:text-sky-950">
          {c.customerNumber} – {c.name}
        </Link>
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        {t(`kind.${c.kind}`)} · {t(`market.${c.market}`)} · {c.city} · {t("search.installationCount", { count: c.installationCount })}
      </p>
      {c.users.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t("search.noUsers")}</p>
      ) : (
        <Table caption={t("search.usersCaption", { customerNumber: c.customerNumber })} density="compact" className="mt-3">
          <THead columns={[t("col.name"), t("col.email"), t("col.status"), t("col.role"), t("col.lastLogin")]} />
          <TBody>
            {c.users.map((u) => (
              <Tr key={u.id}>
                <UserNameAndEmailCells user={u} />
                <Td>
                  <UserStatusBadge status={u.status} />
                </Td>
                <Td>{t(`role.${u.role}`)}</Td>
                <Td>
                  <LastLogin at={u.lastLoginAt} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </article>
  );
}
