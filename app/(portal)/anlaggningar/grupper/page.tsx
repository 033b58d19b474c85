import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { PageHeader } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { requireCustomer } from "@/server/auth/session";
import { listGroups } from "@/server/groups/list-groups";
import { GroupRowActions } from "./group-row-actions";
import { textLink } from "@/components/ui/text-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}


/** Anläggningar → Grupper: the user's own groups with their member counts; rename, delete, use. */
export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomer();
  const [t, groups, sp] = await Promise.all([getTranslations("groups"), listGroups(actor), searchParams]);
  const deleted = typeof sp.borttagen === "string" ? sp.borttagen.slice(0, 60) : null;
  return (
    <>
      <nav aria-label={t("list.toInstallations")} className="mb-2 text-sm">
        <Link href="/anlaggningar" className={textLink}>
          ← {t("list.toInstallations")}
        </Link>
      </nav>
      <PageHeader title={t("title")} intro={t("intro")} />
      {deleted ? (
        <OutcomeBanner ok className="mb-4">
          {t("deleted", { name: deleted })}
        </OutcomeBanner>
      ) : null}
      {groups.length === 0 ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
          {t("list.empty")}
        </p>
      ) : (
        <Table caption={t("list.caption")} showCaption className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <THead columns={[t("list.colName"), t("list.colCount"), t("list.colActions")]} />
          <TBody>
            {groups.map((g) => (
              <Tr key={g.id}>
                <RowHeader className="align-top font-medium">
                  <span className="block text-base">{g.name}</span>
                  <span className="mt-1 flex flex-wrap gap-x-4 gap-y-1 font-normal">
                    <Link href={`/anlaggningar?grupp=${g.id}`} className={textLink} aria-label={`${t("list.showList")}: ${g.name}`}>
                      {t("list.showList")}
                    </Link>
                    {g.memberCount > 0 ? (
                      <Link href={`/forbrukning?grupp=${g.id}`} className={textLink} aria-label={`${t("list.showConsumption")}: ${g.name}`}>
                        {t("list.showConsumption")}
                      </Link>
                    ) : null}
                  </span>
                </RowHeader>
                <Td className="whitespace-nowrap align-top tabular-nums">{t("list.count", { count: g.memberCount })}</Td>
                <Td className="align-top">
                  <GroupRowActions group={{ id: g.id, name: g.name }} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
