import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { may } from "@/domain/access/permissions";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatDateTime } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/form-status";
import { listAccessLog, type AccessLogEntry } from "@/server/access/list-access-log";
import { listCustomerAccess } from "@/server/access/list-customer-access";
import { listInstallationChoices } from "@/server/access/list-installation-choices";
import { listMyCustomers } from "@/server/access/list-my-customers";
import {
  changeMemberRoleAction,
  declineManagementRequestAction,
  removeMemberAction,
  revokeInvitationAction,
  revokeManagementGrantAction,
} from "@/server/actions/access-actions";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { ActionForm } from "@/components/ui/action-form";
import { AcceptRequestForm, AddCustomerForm, InviteCompanyForm, InviteUserForm, type Choice } from "./access-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";
const th = "py-2 pr-4 font-medium";
const td = "py-2 pr-4 align-top";
const roles = ["ADMINISTRATOR", "FULL", "READ"] as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Behörighet (seed 001): the customer numbers the user may see and at which level; for a customer
 * the user administers, who has access, open invitations, management companies and the access log.
 */
export default async function AccessPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCustomer();
  const [t, locale, active, sp] = await Promise.all([getTranslations("access"), getLocale(), activeCustomer(actor), searchParams]);
  const mine = await listMyCustomers(actor);

  const administered = actor.customers.filter((c) => may(c, "manageUsers"));
  const asked = typeof sp.kund === "string" ? sp.kund : undefined;
  const selected =
    administered.find((c) => c.customerId === asked) ?? administered.find((c) => c.customerId === active?.customerId) ?? administered[0] ?? null;

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />

      <Card title={t("myCustomers.title")} className="mb-6">
        {mine.length === 0 ? (
          <p className="text-slate-800">{t("myCustomers.none")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("myCustomers.caption")}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className={th}>{t("myCustomers.customerNumber")}</th>
                  <th scope="col" className={th}>{t("myCustomers.name")}</th>
                  <th scope="col" className={th}>{t("myCustomers.level")}</th>
                  <th scope="col" className={th}>{t("myCustomers.installations")}</th>
                  <th scope="col" className={th}><span className="sr-only">{t("myCustomers.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {mine.map((c) => (
                  <tr key={c.customerId} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className={`${td} font-medium tabular-nums`}>{c.customerNumber}</th>
                    <td className={td}>
                      {c.customerName}
                      {c.viaCompany ? <span className="block text-xs text-slate-600">{t("myCustomers.via", { company: c.viaCompany })}</span> : null}
                    </td>
                    <td className={td}>{t(`roles.${c.role}`)}</td>
                    <td className={td}>{c.allInstallations ? t("myCustomers.allInstallations", { count: c.installationCount }) : t("myCustomers.someInstallations", { count: c.installationCount })}</td>
                    <td className={td}>
                      {administered.some((a) => a.customerId === c.customerId) ? (
                        selected?.customerId === c.customerId ? (
                          <span className="text-slate-700">{t("myCustomers.shownBelow")}</span>
                        ) : (
                          <Link href={`/behorighet?kund=${c.customerId}`} className={link}>
                            {t("myCustomers.manage")}
                            <span className="sr-only"> {c.customerNumber}</span>
                          </Link>
                        )
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <details className="mt-4 rounded-md border border-slate-200 p-4" open={mine.length === 0}>
          <summary className="cursor-pointer font-medium text-sky-900">{t("addCustomer.toggle")}</summary>
          <p className="my-3 max-w-2xl text-sm text-slate-700">{t("addCustomer.intro")}</p>
          <AddCustomerForm />
        </details>
      </Card>

      {selected ? (
        <CustomerAccessSection customerId={selected.customerId} locale={locale} />
      ) : mine.length > 0 ? (
        <p role="note" className="rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-sm text-slate-900">
          {t("notAdmin")}
        </p>
      ) : null}
    </>
  );
}

async function CustomerAccessSection({ customerId, locale }: { customerId: string; locale: string }) {
  const actor = await requireCustomer();
  const t = await getTranslations("access");
  const [access, installations, log] = await Promise.all([
    listCustomerAccess(actor, customerId),
    listInstallationChoices(actor, customerId),
    listAccessLog(actor, customerId),
  ]);
  const { customer } = access;
  const label = `${customer.name} (${customer.customerNumber})`;
  const choices: Choice[] = installations.map((i) => ({
    id: i.id,
    label: i.name ?? i.street,
    detail: `${i.street}, ${i.city} · ${formatMeteringPointId(i.meteringPointId)}`,
  }));
  const scopeText = (count: number | null) => (count === null ? t("scope.allShort") : t("scope.someShort", { count }));
  const requests = access.grants.filter((g) => g.status === "REQUESTED");
  const companies = access.grants.filter((g) => g.status !== "REQUESTED");

  return (
    <section aria-labelledby="customer-access-title">
      <h2 id="customer-access-title" className="mb-4 text-xl font-semibold text-slate-900">
        {t("members.sectionTitle", { customer: label })}
      </h2>

      {requests.length ? (
        <Card title={t("requests.title")} className="mb-6">
          <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("requests.intro")}</p>
          {/* One block per request (a form in each), which reads on a phone as well as on a desktop. */}
          <ul className="space-y-4" aria-label={t("requests.caption", { customer: label })}>
            {requests.map((g) => {
              const company = g.companyName ?? g.organisationNumber;
              return (
                <li key={g.grantId}>
                  <section aria-labelledby={`request-${g.grantId}`} className="rounded-md border border-slate-300 p-4">
                    <h3 id={`request-${g.grantId}`} className="font-semibold text-slate-900">
                      {company}
                    </h3>
                    <dl className="mb-4 mt-1 grid gap-x-4 gap-y-1 text-sm text-slate-800 sm:grid-cols-[max-content_1fr]">
                      <dt className="font-medium text-slate-700">{t("requests.organisationNumber")}</dt>
                      <dd>{g.organisationNumber}</dd>
                      <dt className="font-medium text-slate-700">{t("requests.requestedBy")}</dt>
                      <dd className="break-words">{g.requestedBy ? `${g.requestedBy.name} (${g.requestedBy.email ?? "–"})` : "–"}</dd>
                      <dt className="font-medium text-slate-700">{t("requests.requestedAt")}</dt>
                      <dd>{formatDate(g.since, locale)}</dd>
                    </dl>
                    <div className="space-y-2">
                      <AcceptRequestForm grantId={g.grantId} company={company} choices={choices} />
                      <details>
                        <summary className="cursor-pointer py-2 text-sm font-medium text-red-800">
                          {t("requests.decline")}
                          <span className="sr-only"> {company}</span>
                        </summary>
                        <ActionForm action={declineManagementRequestAction} className="mt-2 max-w-xs">
                          <input type="hidden" name="grantId" value={g.grantId} />
                          <p className="mb-2 text-sm text-slate-800">{t("requests.declineConfirm", { company })}</p>
                          <SubmitButton variant="danger">{t("requests.declineSubmit")}</SubmitButton>
                        </ActionForm>
                      </details>
                    </div>
                  </section>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}

      <Card title={t("members.title")} className="mb-6">
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("members.caption", { customer: label })}</caption>
            <thead className="border-b border-slate-300 text-slate-700">
              <tr>
                <th scope="col" className={th}>{t("members.user")}</th>
                <th scope="col" className={th}>{t("members.level")}</th>
                <th scope="col" className={th}>{t("members.installations")}</th>
                <th scope="col" className={th}>{t("members.lastLogin")}</th>
                <th scope="col" className={th}>{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {access.members.map((m) => {
                const lastAdmin = m.role === "ADMINISTRATOR" && access.administratorCount <= 1;
                return (
                  <tr key={m.membershipId} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className={`${td} font-normal`}>
                      <span className="font-medium">{m.name}</span>
                      {m.isSelf ? <span className="text-slate-700"> {t("members.you")}</span> : null}
                      <span className="block break-all text-slate-700">{m.email}</span>
                      {m.viaCompany ? <span className="block text-xs text-slate-600">{t("members.via", { company: m.viaCompany })}</span> : null}
                    </th>
                    <td className={td}>{t(`roles.${m.role}`)}</td>
                    <td className={td}>{scopeText(m.installationCount)}</td>
                    <td className={`${td} whitespace-nowrap`}>{m.lastLoginAt ? formatDate(m.lastLoginAt, locale) : t("members.never")}</td>
                    <td className={td}>
                      {m.viaCompany ? (
                        <span className="text-slate-700">{t("members.managedByCompany")}</span>
                      ) : lastAdmin ? (
                        <span className="text-slate-700">{t("members.lastAdministrator")}</span>
                      ) : (
                        <div className="flex flex-wrap items-start gap-3">
                          <ActionForm action={changeMemberRoleAction} className="flex flex-wrap items-end gap-2">
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <div>
                              <label htmlFor={`role-${m.membershipId}`} className="block text-xs font-medium text-slate-700">
                                {t("members.changeLabel")}
                                <span className="sr-only"> {m.name}</span>
                              </label>
                              <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role} className="mt-0.5 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm">
                                {/* Nobody is offered a level above their own (the server refuses it anyway). */}
                                {roles
                                  .filter((r) => !m.isSelf || r === m.role || r !== "ADMINISTRATOR")
                                  .map((r) => (
                                    <option key={r} value={r}>
                                      {t(`roles.${r}`)}
                                    </option>
                                  ))}
                              </select>
                            </div>
                            <SubmitButton variant="secondary">{t("members.change")}</SubmitButton>
                          </ActionForm>
                          <details>
                            <summary className="cursor-pointer py-2 text-sm font-medium text-red-800">
                              {t("members.remove")}
                              <span className="sr-only"> {m.name}</span>
                            </summary>
                            <ActionForm action={removeMemberAction} className="mt-2 max-w-xs">
                              <input type="hidden" name="membershipId" value={m.membershipId} />
                              <p className="mb-2 text-sm text-slate-800">{t("members.removeConfirm", { name: m.name, customer: label })}</p>
                              <SubmitButton variant="danger">{t("members.removeSubmit")}</SubmitButton>
                            </ActionForm>
                          </details>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      {access.invitations.length ? (
        <Card title={t("invitations.title")} className="mb-6">
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("invitations.caption", { customer: label })}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className={th}>{t("invitations.email")}</th>
                  <th scope="col" className={th}>{t("invitations.level")}</th>
                  <th scope="col" className={th}>{t("invitations.installations")}</th>
                  <th scope="col" className={th}>{t("invitations.validUntil")}</th>
                  <th scope="col" className={th}>{t("invitations.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {access.invitations.map((i) => (
                  <tr key={i.invitationId} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className={`${td} break-all font-medium`}>
                      {i.email}
                      <span className="block text-xs font-normal text-slate-600">{t("invitations.invitedBy", { name: i.invitedBy })}</span>
                    </th>
                    <td className={td}>{i.role ? t(`roles.${i.role}`) : "–"}</td>
                    <td className={td}>{scopeText(i.installationCount)}</td>
                    <td className={`${td} whitespace-nowrap`}>{i.expired ? <span className="font-medium text-red-800">{t("invitations.expired")}</span> : formatDateTime(i.expiresAt, locale)}</td>
                    <td className={td}>
                      <ActionForm action={revokeInvitationAction}>
                        <input type="hidden" name="invitationId" value={i.invitationId} />
                        <SubmitButton variant="secondary">
                          {t("invitations.revoke")}
                          <span className="sr-only"> {i.email}</span>
                        </SubmitButton>
                      </ActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}

      <Card title={t("invite.title")} className="mb-6">
        <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("invite.intro", { customer: label })}</p>
        <InviteUserForm customerId={customer.id} choices={choices} />
      </Card>

      <Card title={t("companies.title")} className="mb-6">
        <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("companies.intro")}</p>
        {companies.length === 0 ? (
          <p className="mb-4 text-slate-800">{t("companies.none")}</p>
        ) : (
          <div className="relative mb-6 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("companies.caption", { customer: label })}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className={th}>{t("companies.company")}</th>
                  <th scope="col" className={th}>{t("companies.adminEmail")}</th>
                  <th scope="col" className={th}>{t("companies.status")}</th>
                  <th scope="col" className={th}>{t("companies.since")}</th>
                  <th scope="col" className={th}>{t("companies.installations")}</th>
                  <th scope="col" className={th}>{t("companies.managers")}</th>
                  <th scope="col" className={th}>{t("companies.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {companies.map((g) => {
                  const company = g.companyName ?? g.organisationNumber;
                  return (
                    <tr key={g.grantId} className="border-b border-slate-100 last:border-0">
                      <th scope="row" className={`${td} font-normal`}>
                        <span className="font-medium">{g.companyName ?? t("companies.unregistered")}</span>
                        <span className="block text-slate-700">{t("companies.orgNo", { number: g.organisationNumber })}</span>
                        {g.registered ? null : <span className="block text-xs text-slate-600">{t("companies.unregisteredNote")}</span>}
                        {g.invitedAs ? <span className="block text-xs font-medium text-red-800">{t("companies.invitedAs", { name: g.invitedAs })}</span> : null}
                      </th>
                      <td className={`${td} break-all`}>{g.adminEmails.length ? g.adminEmails.join(", ") : "–"}</td>
                      <td className={td}>
                        {t(`companies.statusLabel.${g.status}`)}
                        <span className="block text-xs text-slate-600">
                          {g.status === "PENDING"
                            ? t("companies.invitedBy", { name: g.grantedBy ?? "–" })
                            : t(`companies.proof.${g.proof ?? "NONE"}`, { name: g.grantedBy ?? "–" })}
                        </span>
                      </td>
                      <td className={`${td} whitespace-nowrap`}>{formatDate(g.since, locale)}</td>
                      <td className={td}>{scopeText(g.installationCount)}</td>
                      <td className={td}>{g.managers}</td>
                      <td className={td}>
                        <details>
                          <summary className="cursor-pointer py-2 text-sm font-medium text-red-800">
                            {g.status === "PENDING" ? t("companies.withdraw") : t("companies.revoke")}
                            <span className="sr-only"> {company}</span>
                          </summary>
                          <ActionForm action={revokeManagementGrantAction} className="mt-2 max-w-xs">
                            <input type="hidden" name="grantId" value={g.grantId} />
                            <p className="mb-2 text-sm text-slate-800">{t("companies.revokeConfirm", { company })}</p>
                            <SubmitButton variant="danger">{t("companies.revokeSubmit")}</SubmitButton>
                          </ActionForm>
                        </details>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <h3 className="mb-3 font-semibold text-slate-900">{t("companies.inviteTitle")}</h3>
        <InviteCompanyForm customerId={customer.id} choices={choices} />
      </Card>

      <Card title={t("log.title")}>
        <p className="mb-3 text-sm text-slate-700">{t("log.intro")}</p>
        <AccessLog entries={log} locale={locale} />
      </Card>
    </section>
  );
}

async function AccessLog({ entries, locale }: { entries: AccessLogEntry[]; locale: string }) {
  const t = await getTranslations("access");
  if (!entries.length) return <p className="text-slate-800">{t("log.none")}</p>;
  const describe = (e: AccessLogEntry) => {
    const d = e.details;
    const parts: string[] = [];
    if (typeof d.email === "string") parts.push(d.email);
    if (typeof d.companyName === "string") parts.push(d.companyName);
    if (typeof d.role === "string" && t.has(`roles.${d.role}` as never)) parts.push(t(`roles.${d.role}` as never));
    if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${t(`roles.${d.from}` as never)} → ${t(`roles.${d.to}` as never)}`);
    if (d.installations === "all") parts.push(t("scope.allShort"));
    else if (typeof d.installations === "number") parts.push(t("scope.someShort", { count: d.installations }));
    return parts.join(" · ");
  };
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("log.caption")}</caption>
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            <th scope="col" className={th}>{t("log.time")}</th>
            <th scope="col" className={th}>{t("log.who")}</th>
            <th scope="col" className={th}>{t("log.what")}</th>
            <th scope="col" className={th}>{t("log.details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 last:border-0">
              <td className={`${td} whitespace-nowrap`}>
                <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, locale)}</time>
              </td>
              <td className={`${td} break-words`}>{e.actor.kind === "user" ? (e.actor.email ?? e.actor.name ?? "–") : t(`log.${e.actor.kind}`)}</td>
              <th scope="row" className={`${td} font-medium`}>
                {/^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(e.action) && t.has(`log.actions.${e.action}` as never) ? t(`log.actions.${e.action}` as never) : e.action}
              </th>
              <td className={`${td} break-words`}>{describe(e) || "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
