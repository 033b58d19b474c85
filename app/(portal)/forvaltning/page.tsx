import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatDateTime } from "@/lib/format";
import { SubmitButton } from "@/components/ui/form-status";
import { Card, PageHeader } from "@/components/ui/page-header";
import { getManagementOverview, type ManagementCompanyOverview } from "@/server/access/get-management-overview";
import { removeManagerAction, revokeInvitationAction, revokeManagerAccessAction, signManagementRequestAction } from "@/server/actions/access-actions";
import { requireCustomer } from "@/server/auth/session";
import { ActionForm } from "@/components/ui/action-form";
import { RowHeader, Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { GrantAccessForm, InviteManagerForm, RegisterClientForm } from "./management-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access"))("management.title") };
}

const th = "py-2 pr-4 font-medium";
const td = "py-2 pr-4 align-top";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const SIGNING_FAILURES = ["utgangen", "fel-anvandare", "fel-person", "upptagen", "annan-koppling", "fel-text", "leverantor"] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * Förvaltning (seed 001): for the people of a property management company. Its administrators see
 * the company's clients, invite managers and give each of them clients or installations, and ask a
 * client for access with its customer number and organisation number (a request the client
 * answers; the check code for a client without administrators; or their own signature as the
 * client's signatory); a manager sees what they were given.
 */
export default async function ManagementPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCustomer();
  const companies = await getManagementOverview(actor);
  // Only for the people of a management company; to anyone else the page does not exist.
  if (companies.length === 0) notFound();
  const [t, sp] = await Promise.all([getTranslations("access"), searchParams]);
  return (
    <>
      <PageHeader title={t("management.title")} intro={t("management.intro")} />
      <SigningOutcome sp={sp} />
      {companies.map((company) => (
        <CompanySection key={company.id} company={company} />
      ))}
    </>
  );
}

/** The banner after a signing as the client's signatory (the address says what happened). */
async function SigningOutcome({ sp }: { sp: Awaited<SearchParams> }) {
  const [t, te] = await Promise.all([getTranslations("access.management"), getTranslations("eleg")]);
  const outcome = first(sp.utfall);
  const signing = first(sp.signering);
  let message: { ok: boolean; text: string } | null = null;
  if (outcome === "signerad") message = { ok: true, text: t("outcome.signed") };
  else if (outcome === "misslyckat") message = { ok: false, text: t(first(sp.orsak) === "ingen-signatur" ? "outcome.failed.ingen-signatur" : "outcome.failed.andrad") };
  else if (signing === "avbruten") message = { ok: false, text: t("outcome.cancelled") };
  else if (signing === "fel") message = { ok: false, text: te(`outcome.failed.${SIGNING_FAILURES.find((r) => r === first(sp.orsak)) ?? "leverantor"}`) };
  if (!message) return null;
  return (
    <div
      role={message.ok ? "status" : "alert"}
      className={`mb-6 rounded-md border px-4 py-3 text-sm ${message.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {message.text}
    </div>
  );
}

async function CompanySection({ company }: { company: ManagementCompanyOverview }) {
  const [t, locale] = await Promise.all([getTranslations("access"), getLocale()]);
  const admin = company.myRole === "ADMINISTRATOR";
  const scopeText = (count: number | null) => (count === null ? t("scope.allShort") : t("scope.someShort", { count }));
  const memberOptions = company.members.map((m) => ({ id: m.memberId, label: `${m.name} (${m.email ?? "–"})` }));

  return (
    <section aria-labelledby={`company-${company.id}`} className="mb-10">
      <h2 id={`company-${company.id}`} className="text-xl font-semibold text-slate-900">
        {company.name}
      </h2>
      <p className="mb-4 text-sm text-slate-700">
        {t("companies.orgNo", { number: company.organisationNumber })} · {t("management.myRole", { role: t(`management.roles.${company.myRole}`) })}
      </p>

      <Card title={t("management.clientsTitle")} className="mb-6">
        {company.clients.length === 0 ? (
          <p className="text-slate-800">{admin ? t("management.noClients") : t("management.noAccess")}</p>
        ) : (
          <div className="space-y-6">
            {company.clients.map((client) => {
              const label = `${client.customerName} (${client.customerNumber})`;
              return (
                <section key={client.grantId} aria-label={label} className="rounded-md border border-slate-200 p-4">
                  <h3 className="font-semibold text-slate-900">{label}</h3>
                  <p className="text-sm text-slate-700">
                    {scopeText(client.installationCount)} ·{" "}
                    {t(`management.proof.${client.proof ?? "NONE"}`, { date: formatDate(client.since, locale) })}
                  </p>
                  {client.managers.length ? (
                    // `relative`: the screen-reader text in the buttons stays inside the scroll box on a phone.
                    <div className="relative mt-3 overflow-x-auto">
                      <table className="w-full text-left text-sm">
                        <caption className="sr-only">{t("management.accessCaption", { customer: label })}</caption>
                        <thead className="border-b border-slate-300 text-slate-700">
                          <tr>
                            <th scope="col" className={th}>{t("management.manager")}</th>
                            <th scope="col" className={th}>{t("members.level")}</th>
                            <th scope="col" className={th}>{t("members.installations")}</th>
                            {admin ? <th scope="col" className={th}>{t("members.actions")}</th> : null}
                          </tr>
                        </thead>
                        <tbody>
                          {client.managers.map((m) => (
                            <tr key={m.membershipId} className="border-b border-slate-100 last:border-0">
                              <th scope="row" className={`${td} font-normal`}>
                                <span className="font-medium">{m.name}</span>
                                <span className="block break-all text-slate-700">{m.email}</span>
                              </th>
                              <td className={td}>{t(`roles.${m.role}`)}</td>
                              <td className={td}>{m.installationCount === null ? t("management.allGranted") : t("scope.someShort", { count: m.installationCount })}</td>
                              {admin ? (
                                <td className={td}>
                                  <ActionForm action={revokeManagerAccessAction}>
                                    <input type="hidden" name="membershipId" value={m.membershipId} />
                                    <SubmitButton variant="secondary">
                                      {t("management.revokeAccess")}
                                      <span className="sr-only"> {m.name}, {label}</span>
                                    </SubmitButton>
                                  </ActionForm>
                                </td>
                              ) : null}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : (
                    <p className="mt-2 text-sm text-slate-800">{t("management.noManagers")}</p>
                  )}
                  {admin ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer font-medium text-sky-900">
                        {t("management.grantTitle")}
                        <span className="sr-only"> {label}</span>
                      </summary>
                      <div className="mt-3">
                        <GrantAccessForm
                          managementCompanyId={company.id}
                          grantId={client.grantId}
                          members={memberOptions}
                          choices={client.installations.map((i) => ({
                            id: i.id,
                            label: i.name ?? i.street,
                            detail: `${i.street}, ${i.city} · ${formatMeteringPointId(i.meteringPointId)}`,
                          }))}
                        />
                      </div>
                    </details>
                  ) : null}
                </section>
              );
            })}
          </div>
        )}
      </Card>

      {admin ? (
        <>
          <Card title={t("management.peopleTitle")} className="mb-6">
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("management.peopleCaption", { company: company.name })}</caption>
                <thead className="border-b border-slate-300 text-slate-700">
                  <tr>
                    <th scope="col" className={th}>{t("members.user")}</th>
                    <th scope="col" className={th}>{t("management.role")}</th>
                    <th scope="col" className={th}>{t("members.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {company.members.map((m) => (
                    <tr key={m.memberId} className="border-b border-slate-100 last:border-0">
                      <th scope="row" className={`${td} font-normal`}>
                        <span className="font-medium">{m.name}</span>
                        {m.isSelf ? <span className="text-slate-700"> {t("members.you")}</span> : null}
                        <span className="block break-all text-slate-700">{m.email}</span>
                      </th>
                      <td className={td}>{t(`management.roles.${m.role}`)}</td>
                      <td className={td}>
                        {m.isSelf ? null : (
                          <details>
                            <summary className="cursor-pointer py-2 text-sm font-medium text-red-800">
                              {t("management.removeManager")}
                              <span className="sr-only"> {m.name}</span>
                            </summary>
                            <ActionForm action={removeManagerAction} className="mt-2 max-w-xs">
                              <input type="hidden" name="memberId" value={m.memberId} />
                              <p className="mb-2 text-sm text-slate-800">{t("management.removeConfirm", { name: m.name, company: company.name })}</p>
                              <SubmitButton variant="danger">{t("members.removeSubmit")}</SubmitButton>
                            </ActionForm>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {company.invitations.length ? (
              <>
                <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("invitations.title")}</h3>
                <ul className="space-y-2">
                  {company.invitations.map((i) => (
                    <li key={i.invitationId} className="flex flex-wrap items-center gap-3 text-sm">
                      <span className="break-all font-medium">{i.email}</span>
                      <span className="text-slate-700">
                        {i.expired ? t("invitations.expired") : t("management.invitationValidUntil", { date: formatDateTime(i.expiresAt, locale) })}
                      </span>
                      <ActionForm action={revokeInvitationAction}>
                        <input type="hidden" name="invitationId" value={i.invitationId} />
                        <SubmitButton variant="secondary">
                          {t("invitations.revoke")}
                          <span className="sr-only"> {i.email}</span>
                        </SubmitButton>
                      </ActionForm>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("management.inviteTitle")}</h3>
            <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("management.inviteIntro")}</p>
            <InviteManagerForm managementCompanyId={company.id} />
          </Card>

          <Card title={t("management.registerTitle")}>
            <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("management.registerIntro")}</p>
            <RegisterClientForm managementCompanyId={company.id} />
            {company.requests.length ? (
              <>
                <h3 className="mb-2 mt-6 font-semibold text-slate-900">{t("management.requestsTitle")}</h3>
                <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("management.requestsIntro")}</p>
                <Table caption={t("management.requestsCaption", { company: company.name })}>
                  <THead>
                    <Th>{t("management.requestCustomer")}</Th>
                    <Th>{t("management.requestStatus")}</Th>
                    <Th>{t("management.requestSent")}</Th>
                  </THead>
                  <TBody>
                    {company.requests.map((r) => (
                      <tr key={r.grantId} className="align-top">
                        <RowHeader className="font-medium tabular-nums">{r.customerNumber}</RowHeader>
                        <Td>
                          {t(`management.requestState.${r.status}`, { date: r.declinedAt ? formatDate(r.declinedAt, locale) : "" })}
                          {r.canSign ? (
                            <ActionForm action={signManagementRequestAction} className="mt-2 max-w-sm">
                              <input type="hidden" name="grantId" value={r.grantId} />
                              <p className="mb-2 text-xs text-slate-700">{t("management.signHint")}</p>
                              <SubmitButton variant="secondary">
                                {t("management.sign")}
                                <span className="sr-only"> {r.customerNumber}</span>
                              </SubmitButton>
                            </ActionForm>
                          ) : null}
                        </Td>
                        <Td className="whitespace-nowrap">{formatDate(r.requestedAt, locale)}</Td>
                      </tr>
                    ))}
                  </TBody>
                </Table>
              </>
            ) : null}
          </Card>
        </>
      ) : null}
    </section>
  );
}
