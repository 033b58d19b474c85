import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { may } from "@/domain/access/permissions";
import { formatDateTime } from "@/lib/format";
import { requireCustomer } from "@/server/auth/session";
import { elegConfig } from "@/server/eleg/config";
import { getMyAccount } from "@/server/eleg/get-my-account";
import { listAuthorisedPersons } from "@/server/eleg/list-authorised-persons";
import { LINK_PURPOSE } from "@/server/eleg/record-signature";
import { APPROVE_PURPOSE } from "@/server/third-party/approve-consent-requests";
import { AuthorisedPersonForm } from "./authorised-person-form";
import { LinkElegForm } from "./link-eleg-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("eleg"))("title") };
}

const th = "px-4 py-3 font-semibold";
const td = "px-4 py-3";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const FAILURES = ["utgangen", "fel-anvandare", "fel-person", "upptagen", "annan-koppling", "fel-text", "leverantor"] as const;

/** Mitt konto (seed 002): my details, "Koppla e-legitimation", my signatures, "Skapa ny användare". */
export default async function MyAccountPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const [t, locale, account, authorised, sp] = await Promise.all([getTranslations("eleg"), getLocale(), getMyAccount(actor), listAuthorisedPersons(actor), searchParams]);
  const eleg = elegConfig();
  const administered = actor.customers.filter((c) => may(c, "manageUsers"));

  // Back from a signing (src/server/eleg/signing.ts → /api/eleg/sign/callback).
  const outcome = first(sp.signering);
  const reason = FAILURES.find((r) => r === first(sp.orsak)) ?? "leverantor";
  const message =
    outcome === "klar"
      ? { ok: true, text: account.signatures[0]?.purpose === LINK_PURPOSE ? t("outcome.linked") : t("outcome.signed") }
      : outcome === "avbruten"
        ? { ok: false, text: t("outcome.cancelled") }
        : outcome === "fel"
          ? { ok: false, text: t(`outcome.failed.${reason}`) }
          : null;

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {message ? (
        <div
          role={message.ok ? "status" : "alert"}
          className={`mb-6 rounded-md border px-4 py-3 text-sm ${message.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
        >
          {message.text}
        </div>
      ) : null}

      <div className={`grid gap-6 ${account.personalIdNumber === null ? "lg:grid-cols-2" : ""}`}>
        <Card title={t("account.title")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-slate-900">
            <dt className="font-medium">{t("account.name")}</dt>
            <dd>{account.name}</dd>
            <dt className="font-medium">{t("account.email")}</dt>
            <dd>{account.email ?? t("account.emailNone")}</dd>
            <dt className="font-medium">{t("account.eleg")}</dt>
            <dd>{account.personalIdNumber ? t("account.elegLinked", { number: account.personalIdNumber }) : t("account.elegNotLinked")}</dd>
          </dl>
        </Card>

        {account.personalIdNumber === null ? (
          <Card title={t("link.title")}>
            {eleg ? (
              <>
                <p className="mb-4 max-w-prose text-slate-800">{t("link.intro", { provider: eleg.providerName })}</p>
                <LinkElegForm />
              </>
            ) : (
              <p className="text-slate-800">{t("link.notConfigured")}</p>
            )}
          </Card>
        ) : null}
      </div>

      {account.signatures.length ? (
        <section aria-labelledby="my-signatures" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="my-signatures" className="mb-3 text-lg font-semibold text-slate-900">
            {t("signatures.title")}
          </h2>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="sr-only">{t("signatures.caption")}</caption>
              <thead className="bg-slate-100 text-slate-900">
                <tr>
                  <th scope="col" className={th}>
                    {t("signatures.when")}
                  </th>
                  <th scope="col" className={th}>
                    {t("signatures.what")}
                  </th>
                  <th scope="col" className={th}>
                    {t("signatures.text")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 text-slate-900">
                {account.signatures.map((s) => (
                  <tr key={s.id}>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{formatDateTime(s.signedAt, locale)}</td>
                    <th scope="row" className={`${td} font-normal`}>
                      {s.purpose === LINK_PURPOSE
                        ? t("signatures.purpose.link")
                        : s.purpose === APPROVE_PURPOSE
                          ? t("signatures.purpose.consentApprove")
                          : t("signatures.purpose.other", { purpose: s.purpose })}
                    </th>
                    <td className={`${td} max-w-xl`}>{s.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {administered.length ? (
        <section aria-labelledby="create-user" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="create-user" className="mb-1 text-lg font-semibold text-slate-900">
            {t("register.title")}
          </h2>
          <p className="mb-4 max-w-prose text-slate-800">{t("register.intro")}</p>
          <AuthorisedPersonForm customers={administered.map((c) => ({ id: c.customerId, label: `${c.customerNumber} – ${c.customerName}` }))} />

          <h3 className="mb-2 mt-8 text-base font-semibold text-slate-900">{t("register.listTitle")}</h3>
          {authorised.map((c) => (
            <div key={c.customerId} className="mb-6 overflow-x-auto rounded-md border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
                <caption className="px-4 py-2 text-left font-medium text-slate-900">{t("register.caption", { customer: `${c.customerName} (${c.customerNumber})` })}</caption>
                {c.persons.length ? (
                  <>
                    <thead className="bg-slate-100 text-slate-900">
                      <tr>
                        <th scope="col" className={th}>
                          {t("register.colName")}
                        </th>
                        <th scope="col" className={th}>
                          {t("register.colNumber")}
                        </th>
                        <th scope="col" className={th}>
                          {t("register.colRole")}
                        </th>
                        <th scope="col" className={th}>
                          {t("register.colSignIn")}
                        </th>
                        <th scope="col" className={th}>
                          {t("register.colLastLogin")}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-200 text-slate-900">
                      {c.persons.map((p) => (
                        <tr key={p.userId}>
                          <th scope="row" className={`${td} font-normal`}>
                            {p.name}
                          </th>
                          <td className={`${td} whitespace-nowrap tabular-nums`}>{p.personalIdNumber}</td>
                          <td className={td}>{t(`roles.${p.role}`)}</td>
                          <td className={td}>{p.hasPassword ? t("register.elegAndPassword") : t("register.elegOnly")}</td>
                          <td className={`${td} whitespace-nowrap tabular-nums`}>{p.lastLoginAt ? formatDateTime(p.lastLoginAt, locale) : t("register.never")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </>
                ) : (
                  <tbody>
                    <tr>
                      <td className={`${td} text-slate-700`}>{t("register.none")}</td>
                    </tr>
                  </tbody>
                )}
              </table>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
