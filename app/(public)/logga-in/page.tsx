import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/server/auth/session";
import { elegConfig } from "@/server/eleg/config";
import { ElegSignInButton } from "./eleg-sign-in-button";
import { PublicHeading } from "@/components/auth/public-heading";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LinkLine } from "@/components/ui/link-line";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await currentActor();
  if (actor) redirect(actor.kind === "staff" ? "/support" : "/");
  const t = await getTranslations("auth");
  const params = await searchParams;
  const notice = params.registrerad ? t("registered") : params.losenord ? t("resetDone") : params.utloggad ? t("sessionExpired") : undefined;
  const eleg = elegConfig();
  const te = await getTranslations("eleg");
  // Set by the e-legitimation sign-in: a person without an account, or a failed or cancelled attempt.
  const elegError = params.fel === "eleg-okand" ? te("signIn.unknownPerson") : params.error && params.error !== "CredentialsSignin" ? te("signIn.failed") : undefined;
  return (
    <div>
      <PublicHeading title={t("signInTitle")} intro={t("signInIntro")} />
      {elegError ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
          {elegError}
        </p>
      ) : null}
      <SignInForm provider="customer" redirectTo="/" notice={notice} />
      <LinkLine href="/glomt-losenord" className="mt-4 text-sm">
        {t("forgot")}
      </LinkLine>
      {eleg ? (
        <section aria-labelledby="eleg-sign-in" className="mt-8 border-t border-slate-200 pt-6">
          <h2 id="eleg-sign-in" className="font-semibold">
            {te("signIn.title")}
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-700">{te("signIn.intro")}</p>
          <ElegSignInButton label={te("signIn.button")} pendingLabel={te("signIn.redirecting")} />
        </section>
      ) : null}
      <div className="mt-8 border-t border-slate-200 pt-6">
        <h2 className="font-semibold">{t("newUser")}</h2>
        <LinkLine href="/registrera" className="mt-1 text-sm">
          {t("registerLink")}
        </LinkLine>
      </div>
    </div>
  );
}
