import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { consentStates } from "@/domain/consent/state-machine";
import { localDate } from "@/domain/time/zoned";
import { formatDate, formatDateTime } from "@/lib/format";
import { requireStaff } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { isUuid } from "@/server/support/schemas";
import { getThirdPartyForStaff } from "@/server/third-party/list-for-staff";
import { ROTATION_GRACE_HOURS } from "@/server/third-party/staff-schemas";
import { Badge } from "@/components/ui/badge";
import { CreateApiClientForm, EditThirdPartyForm, ResendWebhookForm, RevokeClientForm, RotateClientSecretForm, RotateWebhookSecretForm } from "../third-party-forms";

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

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="break-words text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

const webhookTone = { DELIVERED: "ok", PENDING: "warn", FAILED: "bad" } as const;

export default async function ThirdPartyPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const party = await loadParty(id);
  if (!party) notFound();
  const [staff, t, locale] = await Promise.all([requireStaff(), getTranslations("thirdPartyAdmin"), getLocale()]);
  const admin = staff.role === "ADMIN";
  const now = new Date();
  const when = (d: Date) => <time dateTime={d.toISOString()}>{formatDateTime(d, locale)}</time>;
  const organisationNumber = formatOrganisationNumber(party.organisationNumber);
  const activeClients = party.clients.filter((c) => !c.revokedAt);
  const totalRequests = Object.values(party.requestsByState).reduce((a, b) => a + b, 0);

  return (
    <div>
      <p className="mb-4 text-sm">
        <Link href="/support/tredjeparter" className="text-sky-800 underline">
          {t("company.back")}
        </Link>
      </p>
      <PageHeader
        title={party.name}
        intro={t("company.intro", { organisationNumber, date: formatDate(localDate(party.createdAt, "Europe/Stockholm"), locale) })}
        actions={<Badge tone={party.status === "ACTIVE" ? "ok" : "bad"}>{t(`status.${party.status}`)}</Badge>}
      />
      {query.aterkallad === "1" ? (
        <p role="status" className="mb-6 rounded-md border border-green-700 bg-green-50 px-4 py-3 text-sm text-green-900">
          {t("revoke.revoked")}
        </p>
      ) : null}
      {party.status === "SUSPENDED" ? (
        <p className="mb-6 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">{t("company.suspendedNotice")}</p>
      ) : null}
      {admin ? null : <p className="mb-6 text-slate-700">{t("adminOnlyNote")}</p>}

      <div className="space-y-6">
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title={t("company.detailsTitle")}>
            <dl className="divide-y divide-slate-100">
              <Row label={t("company.name")}>{party.name}</Row>
              <Row label={t("company.organisationNumber")}>{organisationNumber}</Row>
              <Row label={t("company.contactEmail")}>{party.contactEmail}</Row>
              <Row label={t("company.contactPhone")}>{party.contactPhone ?? "–"}</Row>
              <Row label={t("company.webhookUrl")}>{party.webhookUrl ? <span className="font-mono text-sm break-all">{party.webhookUrl}</span> : t("company.noWebhook")}</Row>
              <Row label={t("company.status")}>{t(`status.${party.status}`)}</Row>
              <Row label={t("company.registered")}>{when(party.createdAt)}</Row>
            </dl>
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

        <Card title={t("clients.title")}>
          <p className="mb-4 max-w-3xl text-slate-700">{t("clients.intro")}</p>
          {party.clients.length === 0 ? (
            <p className="mb-4 text-slate-700">{t("clients.none")}</p>
          ) : (
            <Table caption={t("clients.caption")}>
              <THead>
                <Th>{t("clients.clientId")}</Th>
                <Th>{t("clients.name")}</Th>
                <Th>{t("clients.created")}</Th>
                <Th>{t("clients.lastUsed")}</Th>
                <Th>{t("clients.secrets")}</Th>
                <Th>{t("clients.status")}</Th>
              </THead>
              <TBody>
                {party.clients.map((c) => (
                  <tr key={c.id} className="align-top">
                    <RowHeader className="font-mono text-sm break-all">{c.clientId}</RowHeader>
                    <Td>{c.name}</Td>
                    <Td className="whitespace-nowrap">{when(c.createdAt)}</Td>
                    <Td className="whitespace-nowrap">{c.lastUsedAt ? when(c.lastUsedAt) : t("never")}</Td>
                    <Td>
                      <ul className="space-y-1">
                        {c.secrets.map((s) => (
                          <li key={s.id}>
                            <span className="font-mono">{s.hint}</span> · {t("clients.secretCreated", { date: formatDateTime(s.createdAt, locale) })}
                            <span className="block text-xs text-slate-700">
                              {s.revokedAt
                                ? t("clients.secretRevoked", { date: formatDateTime(s.revokedAt, locale) })
                                : s.expiresAt
                                  ? t(s.expiresAt > now ? "clients.secretExpires" : "clients.secretExpired", { date: formatDateTime(s.expiresAt, locale) })
                                  : t("clients.secretCurrent")}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </Td>
                    <Td>
                      {c.revokedAt ? (
                        <Badge tone="neutral">{t("clients.revoked", { date: formatDateTime(c.revokedAt, locale) })}</Badge>
                      ) : (
                        <Badge tone="ok">{t("clients.active")}</Badge>
                      )}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
          {admin
            ? activeClients.map((c) => (
                <section key={c.id} aria-labelledby={`client-actions-${c.id}`} className="mt-6 border-t border-slate-200 pt-4">
                  <h3 id={`client-actions-${c.id}`} className="mb-3 font-semibold text-slate-900">
                    {t("clients.actionsTitle", { name: c.name, clientId: c.clientId })}
                  </h3>
                  <div className="grid items-start gap-4 lg:grid-cols-2">
                    <RotateClientSecretForm apiClientId={c.id} clientId={c.clientId} graceHours={ROTATION_GRACE_HOURS} />
                    <RevokeClientForm apiClientId={c.id} clientId={c.clientId} thirdPartyId={party.id} />
                  </div>
                </section>
              ))
            : null}
          {admin ? (
            <section aria-labelledby="create-client" className="mt-6 border-t border-slate-200 pt-4">
              <h3 id="create-client" className="mb-3 font-semibold text-slate-900">
                {t("clients.createTitle")}
              </h3>
              <CreateApiClientForm thirdPartyId={party.id} />
            </section>
          ) : null}
        </Card>

        <Card title={t("requests.title")}>
          <Table caption={t("requests.caption")} className="max-w-md">
            <THead>
              <Th>{t("requests.state")}</Th>
              <Th className="text-right">{t("requests.count")}</Th>
            </THead>
            <TBody>
              {consentStates.map((s) => (
                <tr key={s}>
                  <RowHeader>{t(`state.${s}`)}</RowHeader>
                  <Td className="text-right tabular-nums">{party.requestsByState[s] ?? 0}</Td>
                </tr>
              ))}
              <tr>
                <RowHeader className="font-semibold">{t("requests.total")}</RowHeader>
                <Td className="text-right font-semibold tabular-nums">{totalRequests}</Td>
              </tr>
            </TBody>
          </Table>
        </Card>

        <Card title={t("webhooks.title")}>
          <p className="mb-4 max-w-3xl text-slate-700">{t("webhooks.intro")}</p>
          {party.webhooks.length === 0 ? (
            <p className="text-slate-700">{t("webhooks.none")}</p>
          ) : (
            <Table caption={t("webhooks.caption")}>
              <THead>
                <Th>
                  {t("webhooks.eventId")}
                  <span className="block font-normal">{t("webhooks.type")}</span>
                </Th>
                <Th>{t("webhooks.status")}</Th>
                <Th className="text-right">{t("webhooks.attempts")}</Th>
                <Th>{t("webhooks.lastResult")}</Th>
                <Th>{t("webhooks.nextAttempt")}</Th>
                <Th>{t("webhooks.delivered")}</Th>
                <Th>{t("webhooks.action")}</Th>
              </THead>
              <TBody>
                {party.webhooks.map((w) => (
                  <tr key={w.id} className="align-top">
                    <RowHeader>
                      <span className="font-medium tabular-nums">{w.eventId.toString()}</span>
                      <span className="block font-mono text-xs text-slate-700">
                        {/* consent_request.<state>: may wrap after the dot */}
                        {w.type.split(".").map((part, i, parts) => (
                          <span key={i}>
                            {part}
                            {i < parts.length - 1 ? "." : null}
                            <wbr />
                          </span>
                        ))}
                      </span>
                    </RowHeader>
                    <Td>
                      <Badge tone={webhookTone[w.status]}>{t(`webhookStatus.${w.status}`)}</Badge>
                    </Td>
                    <Td className="text-right tabular-nums">{w.attempts}</Td>
                    <Td>
                      {w.lastAttemptAt ? (
                        <>
                          {w.lastStatusCode !== null ? t("webhooks.httpStatus", { code: w.lastStatusCode }) : null}
                          {w.lastError && w.lastError !== `HTTP ${w.lastStatusCode}` ? <span className="block text-xs break-words text-slate-700">{w.lastError}</span> : null}
                          <span className="block text-xs text-slate-700">{when(w.lastAttemptAt)}</span>
                        </>
                      ) : (
                        t("webhooks.noAttempt")
                      )}
                    </Td>
                    <Td className="whitespace-nowrap">{w.status === "PENDING" ? when(w.nextAttemptAt) : "–"}</Td>
                    <Td className="whitespace-nowrap">{w.deliveredAt ? when(w.deliveredAt) : "–"}</Td>
                    <Td>{w.status === "FAILED" || w.status === "PENDING" ? <ResendWebhookForm deliveryId={w.id} eventId={w.eventId.toString()} /> : "–"}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </div>
  );
}
