import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomer } from "@/server/auth/session";
import { listGroups } from "@/server/groups/list-groups";
import { GroupRowActions } from "./group-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";
const th = "px-4 py-3 font-semibold";
const td = "px-4 py-3 align-top";

/** Anläggningar → Grupper: the user's own groups with their member counts; rename, delete, use. */
export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomer();
  const [t, groups, sp] = await Promise.all([getTranslations("groups"), listGroups(actor), searchParams]);
  const deleted = typeof sp.borttagen === "string" ? sp.borttagen.slice(0, 60) : null;
  return (
    <>
      <nav aria-label={t("list.toInstallations")} className="mb-2 text-sm">
        <Link href="/anlaggningar" className={link}>
          ← {t("list.toInstallations")}
        </Link>
      </nav>
      <PageHeader title={t("title")} intro={t("intro")} />
      {deleted ? (
        <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 px-4 py-3 text-sm text-green-900">
          {t("deleted", { name: deleted })}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
          {t("list.empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{t("list.caption")}</caption>
            <thead className="bg-slate-100 text-slate-900">
              <tr>
                <th scope="col" className={th}>
                  {t("list.colName")}
                </th>
                <th scope="col" className={th}>
                  {t("list.colCount")}
                </th>
                <th scope="col" className={th}>
                  {t("list.colActions")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 text-slate-900">
              {groups.map((g) => (
                <tr key={g.id}>
                  <th scope="row" className={`${td} font-medium`}>
                    <span className="block text-base">{g.name}</span>
                    <span className="mt-1 flex flex-wrap gap-x-4 gap-y-1 font-normal">
                      <Link href={`/anlaggningar?grupp=${g.id}`} className={link} aria-label={`${t("list.showList")}: ${g.name}`}>
                        {t("list.showList")}
                      </Link>
                      {g.memberCount > 0 ? (
                        <Link href={`/forbrukning?grupp=${g.id}`} className={link} aria-label={`${t("list.showConsumption")}: ${g.name}`}>
                          {t("list.showConsumption")}
                        </Link>
                      ) : null}
                    </span>
                  </th>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{t("list.count", { count: g.memberCount })}</td>
                  <td className={td}>
                    <GroupRowActions group={{ id: g.id, name: g.name }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
