import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { currentActor } from "@/server/auth/session";
import { SignInForm } from "../../(public)/logga-in/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("signIn.metaTitle") };
}

// Outside the guarded (console) group, so it has its own simple header.
export default async function StaffSignInPage() {
  const actor = await currentActor();
  if (actor?.kind === "staff") redirect("/support");
  const [t, ts, tc, path] = await Promise.all([getTranslations("auth"), getTranslations("support"), getTranslations("common"), currentPath()]);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <p className="text-lg font-semibold text-sky-900">
            {tc("company")} · {ts("console")}
          </p>
          <LanguageSwitch returnTo={path} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-md flex-1 px-4 py-10">
        <h1 className="mb-2 text-2xl font-semibold">{t("staffSignInTitle")}</h1>
        <p className="mb-6 text-slate-700">{t("staffSignInIntro")}</p>
        <SignInForm provider="staff" redirectTo="/support" />
        <p className="mt-8 border-t border-slate-200 pt-6 text-sm">
          <Link href="/logga-in" className="text-sky-800 underline">
            {ts("signIn.customerLink")}
          </Link>
        </p>
      </main>
    </div>
  );
}
