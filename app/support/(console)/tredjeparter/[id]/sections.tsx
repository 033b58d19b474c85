import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { consentStates } from "@/domain/consent/state-machine";
import { formatDateTime } from "@/lib/format";
import type { getThirdPartyForStaff } from "@/server/third-party/list-for-staff";
import { ROTATION_GRACE_HOURS } from "@/server/third-party/staff-schemas";
import { CreateApiClientForm, ResendWebhookForm, RevokeClientForm, RotateClientSecretForm } from "../third-party-forms";

type StaffThirdParty = Awaited<ReturnType<typeof getThirdPartyForStaff>>;

const webhookTone = { DELIVERED: "ok", PENDING: "warn", FAILED: "bad" } as const;

/** An instant as the reader's local date and time, machine-readable too. */
export async function When({ at }: { at: Date }) {
  const locale = await getLocale();
  return <time dateTime={at.toISOString()}>{formatDateTime(at, locale)}</time>;
}

/** The company's API clients with their secrets; for administrators, rotate, revoke and create. */
export async function ClientsCard({ party, admin }: { party: StaffThirdParty; admin: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("thirdPartyAdmin"), getLocale()]);
  const now = new Date();
  const activeClients = party.clients.filter((c) => !c.revokedAt);
  return (
  <Card title={t("clients.title")}>
    <p className="mb-4 max-w-3xl text-slate-700">{t("clients.intro")}</p>
    {party.clients.length === 0 ? (
      <p className="mb-4 text-slate-700">{t("clients.none")}</p>
    ) : (
      <Table caption={t("clients.caption")}>
        <THead columns={[t("clients.clientId"), t("clients.name"), t("clients.created"), t("clients.lastUsed"), t("clients.secrets"), t("clients.status")]} />
        <TBody>
          {party.clients.map((c) => (
            <Tr key={c.id} className="align-top">
              <RowHeader className="font-mono text-sm break-all">{c.clientId}</RowHeader>
              <Td>{c.name}</Td>
              <Td className="whitespace-nowrap"><When at={c.createdAt} /></Td>
              <Td className="whitespace-nowrap">{c.lastUsedAt ? <When at={c.lastUsedAt} /> : t("never")}</Td>
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
            </Tr>
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
  );
}

/** How many consent requests the company has in each state. */
export async function RequestsCard({ party }: { party: StaffThirdParty }) {
  const t = await getTranslations("thirdPartyAdmin");
  const totalRequests = Object.values(party.requestsByState).reduce((a, b) => a + b, 0);
  return (
  <Card title={t("requests.title")}>
    <Table caption={t("requests.caption")} className="max-w-md">
      <THead columns={[t("requests.state"), { label: t("requests.count"), align: "right" }]} />
      <TBody>
        {consentStates.map((s) => (
          <Tr key={s}>
            <RowHeader>{t(`state.${s}`)}</RowHeader>
            <Td align="right" className="tabular-nums">{party.requestsByState[s] ?? 0}</Td>
          </Tr>
        ))}
        <Tr>
          <RowHeader className="font-semibold">{t("requests.total")}</RowHeader>
          <Td align="right" className="font-semibold tabular-nums">{totalRequests}</Td>
        </Tr>
      </TBody>
    </Table>
  </Card>
  );
}

/** The latest webhook deliveries, with "Skicka igen" for those not delivered. */
export async function WebhooksCard({ party }: { party: StaffThirdParty }) {
  const t = await getTranslations("thirdPartyAdmin");
  return (
  <Card title={t("webhooks.title")}>
    <p className="mb-4 max-w-3xl text-slate-700">{t("webhooks.intro")}</p>
    {party.webhooks.length === 0 ? (
      <p className="text-slate-700">{t("webhooks.none")}</p>
    ) : (
      <Table caption={t("webhooks.caption")}>
        <THead
          columns={[
            { label: t("webhooks.eventId"), sub: t("webhooks.type") },
            t("webhooks.status"),
            { label: t("webhooks.attempts"), align: "right" },
            t("webhooks.lastResult"),
            t("webhooks.nextAttempt"),
            t("webhooks.delivered"),
            t("webhooks.action"),
          ]}
        />
        <TBody>
          {party.webhooks.map((w) => (
            <Tr key={w.id} className="align-top">
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
              <Td align="right" className="tabular-nums">{w.attempts}</Td>
              <Td>
                {w.lastAttemptAt ? (
                  <>
                    {w.lastStatusCode !== null ? t("webhooks.httpStatus", { code: w.lastStatusCode }) : null}
                    {w.lastError && w.lastError !== `HTTP ${w.lastStatusCode}` ? <span className="block text-xs break-words text-slate-700">{w.lastError}</span> : null}
                    <span className="block text-xs text-slate-700"><When at={w.lastAttemptAt} /></span>
                  </>
                ) : (
                  t("webhooks.noAttempt")
                )}
              </Td>
              <Td className="whitespace-nowrap">{w.status === "PENDING" ? <When at={w.nextAttemptAt} /> : "–"}</Td>
              <Td className="whitespace-nowrap">{w.deliveredAt ? <When at={w.deliveredAt} /> : "–"}</Td>
              <Td>{w.status === "FAILED" || w.status === "PENDING" ? <ResendWebhookForm deliveryId={w.id} eventId={w.eventId.toString()} /> : "–"}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    )}
  </Card>
  );
}
