import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireCustomer } from "@/server/auth/session";
import { getMyAccountView } from "@/server/eleg/get-my-account-view";
import { AuthorisedPersonsSection, SignaturesSection } from "./account-sections";
import { LinkElegForm } from "./link-eleg-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("eleg"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Mitt konto (seed 002): my details, "Koppla e-legitimation", my signatures, "Skapa ny användare". */
export default async function MyAccountPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const [t, locale, sp] = await Promise.all([getTranslations("eleg"), getLocale(), searchParams]);
  const view = await getMyAccountView(actor, sp);
  const { account } = view;
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {view.outcome ? <OutcomeBanner ok={view.outcome.ok}>{t(view.outcome.message)}</OutcomeBanner> : null}

      <div className={`grid gap-6 ${account.personalIdNumber === null ? "lg:grid-cols-2" : ""}`}>
        <Card title={t("account.title")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-slate-900">
            <dt className="font-medium">{t("account.name")}</dt>
            <dd>{account.name}</dd>
            <dt className="font-medium">{t("account.email")}</dt>
            <dd className="break-all">{account.email ?? t("account.emailNone")}</dd>
            <dt className="font-medium">{t("account.eleg")}</dt>
            <dd>{account.personalIdNumber ? t("account.elegLinked", { number: account.personalIdNumber }) : t("account.elegNotLinked")}</dd>
          </dl>
        </Card>

        {account.personalIdNumber === null ? (
          <Card title={t("link.title")}>
            {view.elegProvider !== null ? (
              <>
                <p className="mb-4 max-w-prose text-slate-800">{t("link.intro", { provider: view.elegProvider })}</p>
                <LinkElegForm />
              </>
            ) : (
              <p className="text-slate-800">{t("link.notConfigured")}</p>
            )}
          </Card>
        ) : null}
      </div>

      {view.signatures.length ? <SignaturesSection signatures={view.signatures} locale={locale} /> : null}
      {view.administered.length ? <AuthorisedPersonsSection administered={view.administered} authorised={view.authorised} locale={locale} /> : null}
    </>
  );
}
