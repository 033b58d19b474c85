import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { requireStaff } from "@/server/auth/session";
import { listThirdParties } from "@/server/third-party/list-for-staff";
import { Badge } from "@/components/ui/badge";
import { RegisterThirdPartyForm } from "./third-party-forms";
import { textLink } from "@/components/ui/text-link";

/** An e-mail address that may wrap after the @ (and nowhere else in the middle of a word). */
function EmailAddress({ address }: { address: string }) {
  const at = address.indexOf("@");
  if (at < 0) return <span className="break-all">{address}</span>;
  return (
    <span className="break-words">
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </span>
  );
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("thirdPartyAdmin"))("list.title") };
}

/** Tredjeparter: the register of energy service companies, and (ADMIN) registering a new one. */
export default async function ThirdPartyRegisterPage() {
  const staff = await requireStaff();
  const [parties, t] = await Promise.all([listThirdParties(staff), getTranslations("thirdPartyAdmin")]);

  return (
    <div>
      <PageHeader title={t("list.title")} intro={t("list.intro")} />
      <div className="space-y-6">
        <Card>
          {parties.length === 0 ? (
            <p className="text-slate-700">{t("list.none")}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-700">{t("list.count", { count: parties.length })}</p>
              <Table caption={t("list.caption")}>
                <THead
                  columns={[
                    { label: t("list.name"), sub: t("list.organisationNumber") },
                    { label: t("list.contact"), sub: t("list.webhook") },
                    t("list.status"),
                    ...(["clients", "consents", "openRequests", "failedWebhooks"] as const).map((k) => ({ label: t(`list.${k}`), align: "right" as const })),
                  ]}
                />
                <TBody>
                  {parties.map((p) => (
                    <Tr key={p.id}>
                      <RowHeader>
                        <Link href={`/support/tredjeparter/${p.id}`} className={textLink}>
                          {p.name}
                        </Link>
                        <span className="block whitespace-nowrap text-slate-700 tabular-nums">{formatOrganisationNumber(p.organisationNumber)}</span>
                      </RowHeader>
                      <Td>
                        <EmailAddress address={p.contactEmail} />
                        <span className="block text-slate-700">{t("list.webhookValue", { value: p.webhookUrl ? t("yes") : t("no") })}</span>
                      </Td>
                      <Td>
                        <Badge tone={p.status === "ACTIVE" ? "ok" : "bad"}>{t(`status.${p.status}`)}</Badge>
                      </Td>
                      <Td align="right" className="tabular-nums">{p.activeClients}</Td>
                      <Td align="right" className="tabular-nums">{p.activeConsents}</Td>
                      <Td align="right" className="tabular-nums">{p.openRequests}</Td>
                      <Td align="right" className="tabular-nums">{p.failedWebhooks > 0 ? <Badge tone="bad">{p.failedWebhooks}</Badge> : 0}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </>
          )}
        </Card>

        {staff.role === "ADMIN" ? (
          <Card title={t("register.title")}>
            <p className="mb-4 max-w-2xl text-slate-700">{t("register.intro")}</p>
            <RegisterThirdPartyForm />
          </Card>
        ) : (
          <p className="text-slate-700">{t("adminOnlyNote")}</p>
        )}
      </div>
    </div>
  );
}
