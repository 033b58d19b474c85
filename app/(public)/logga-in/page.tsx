import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/server/auth/session";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await currentActor();
  if (actor) redirect(actor.kind === "staff" ? "/support" : "/");
  const t = await getTranslations("auth");
  const params = await searchParams;
  const notice = params.registrerad ? t("registered") : params.losenord ? t("resetDone") : params.utloggad ? t("sessionExpired") : undefined;
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">{t("signInTitle")}</h1>
      <p className="mb-6 text-slate-700">{t("signInIntro")}</p>
      <SignInForm provider="customer" redirectTo="/" notice={notice} />
      <p className="mt-4 text-sm">
        <Link href="/glomt-losenord" className="text-sky-800 underline">
          {t("forgot")}
        </Link>
      </p>
      <div className="mt-8 border-t border-slate-200 pt-6">
        <h2 className="font-semibold">{t("newUser")}</h2>
        <p className="mt-1 text-sm">
          <Link href="/registrera" className="text-sky-800 underline">
            {t("registerLink")}
          </Link>
        </p>
      </div>
    </div>
  );
}
