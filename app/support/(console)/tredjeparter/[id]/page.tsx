import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { localDate } from "@/domain/time/zoned";
import { formatDate } from "@/lib/format";
import { requireStaff } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { isUuid } from "@/server/support/schemas";
import { getThirdPartyForStaff } from "@/server/third-party/list-for-staff";
import { Badge } from "@/components/ui/badge";
import { EditThirdPartyForm, RotateWebhookSecretForm } from "../third-party-forms";
import { ClientsCard, RequestsCard, WebhooksCard, When } from "./sections";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Metadata and page read the same company once per request; an unknown id is a 404.
const loadParty = cache(async (id: string) => {
  if (!isUuid(id)) return null;
  try {
    return await getThirdPartyForStaff(await requireStaff(), id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const party = await loadParty((await params).id);
  return { title: party?.name ?? (await getTranslations("thirdPartyAdmin"))("list.title") };
}

export default async function ThirdPartyPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const party = await loadParty(id);
  if (!party) notFound();
  const [staff, t, locale] = await Promise.all([requireStaff(), getTranslations("thirdPartyAdmin"), getLocale()]);
  const admin = staff.role === "ADMIN";
  const organisationNumber = formatOrganisationNumber(party.organisationNumber);

  return (
    <div>
      <PageHeader
        back={{ href: "/support/tredjeparter", label: t("company.back") }}
        title={party.name}
        intro={t("company.intro", { organisationNumber, date: formatDate(localDate(party.createdAt, "Europe/Stockholm"), locale) })}
        actions={<Badge tone={party.status === "ACTIVE" ? "ok" : "bad"}>{t(`status.${party.status}`)}</Badge>}
      />
      {query.aterkallad === "1" ? (
        <OutcomeBanner ok>{t("revoke.revoked")}</OutcomeBanner>
      ) : null}
      {party.status === "SUSPENDED" ? (
        <p className="mb-6 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">{t("company.suspendedNotice")}</p>
      ) : null}
      {admin ? null : <p className="mb-6 text-slate-700">{t("adminOnlyNote")}</p>}

      <div className="space-y-6">
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title={t("company.detailsTitle")}>
            <DetailList>
              <DetailRow label={t("company.name")}>{party.name}</DetailRow>
              <DetailRow label={t("company.organisationNumber")}>{organisationNumber}</DetailRow>
              <DetailRow label={t("company.contactEmail")}>{party.contactEmail}</DetailRow>
              <DetailRow label={t("company.contactPhone")}>{party.contactPhone ?? "–"}</DetailRow>
              <DetailRow label={t("company.webhookUrl")}>{party.webhookUrl ? <span className="font-mono text-sm break-all">{party.webhookUrl}</span> : t("company.noWebhook")}</DetailRow>
              <DetailRow label={t("company.status")}>{t(`status.${party.status}`)}</DetailRow>
              <DetailRow label={t("company.registered")}><When at={party.createdAt} /></DetailRow>
            </DetailList>
          </Card>
          {admin ? (
            <Card title={t("edit.title")}>
              <EditThirdPartyForm party={{ id: party.id, name: party.name, contactEmail: party.contactEmail, contactPhone: party.contactPhone, webhookUrl: party.webhookUrl, status: party.status }} />
            </Card>
          ) : null}
        </div>

        <Card title={t("webhookSecret.title")}>
          <p className="mb-4 max-w-3xl text-slate-700">{t("webhookSecret.intro")}</p>
          {admin ? <RotateWebhookSecretForm thirdPartyId={party.id} /> : null}
        </Card>

        <ClientsCard party={party} admin={admin} />

        <RequestsCard party={party} />

        <WebhooksCard party={party} />
      </div>
    </div>
  );
}
