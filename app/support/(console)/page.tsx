import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { requireStaff } from "@/server/auth/session";
import { SEARCH_MIN_LENGTH, pageSchema, searchQuerySchema } from "@/server/support/schemas";
import { searchCustomers } from "@/server/support/search-customers";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("search.title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SupportSearchPage({ searchParams }: { searchParams: Params }) {
  const staff = await requireStaff();
  const params = await searchParams;
  const q = searchQuerySchema.parse(first(params.q) ?? "");
  const page = pageSchema.parse(first(params.sida));
  const [t, tc, locale] = await Promise.all([getTranslations("support"), getTranslations("common"), getLocale()]);
  const result = q ? await searchCustomers(staff, q, page) : null;
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
                        <div className="mt-3 overflow-x-auto">
                          <table className="w-full text-left text-sm">
                            <caption className="sr-only">{t("search.usersCaption", { customerNumber: c.customerNumber })}</caption>
                            <thead className="border-b border-slate-300 text-slate-700">
                              <tr>
                                <th scope="col" className="py-2 pr-4 font-medium">{t("col.name")}</th>
                                <th scope="col" className="py-2 pr-4 font-medium">{t("col.email")}</th>
                                <th scope="col" className="py-2 pr-4 font-medium">{t("col.status")}</th>
                                <th scope="col" className="py-2 pr-4 font-medium">{t("col.role")}</th>
                                <th scope="col" className="py-2 font-medium">{t("col.lastLogin")}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {c.users.map((u) => (
                                <tr key={u.id} className="border-b border-slate-100 last:border-0">
                                  <th scope="row" className="py-2 pr-4 font-normal">{u.name}</th>
                                  <td className="py-2 pr-4 break-all">
                                    {u.email ?? (u.voidedEmail ? t("formerEmail", { email: u.voidedEmail }) : t("noEmail"))}
                                  </td>
                                  <td className="py-2 pr-4">
                                    <Badge tone={u.status === "ACTIVE" ? "ok" : "bad"}>{t(`status.${u.status}`)}</Badge>
                                  </td>
                                  <td className="py-2 pr-4">{t(`role.${u.role}`)}</td>
                                  <td className="py-2">
                                    {u.lastLoginAt ? <time dateTime={u.lastLoginAt.toISOString()}>{formatDateTime(u.lastLoginAt, locale)}</time> : t("neverSignedIn")}
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      )}
                    </article>
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
