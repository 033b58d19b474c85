import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { PublicFrame } from "@/components/shell/public-frame";
import { currentActor } from "@/server/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("signIn.metaTitle") };
}

// Outside the guarded (console) group, so it has its own simple header.
export default async function StaffSignInPage() {
  const actor = await currentActor();
  if (actor?.kind === "staff") redirect("/support");
  const [t, ts, tc, path] = await Promise.all([getTranslations("auth"), getTranslations("support"), getTranslations("common"), currentPath()]);
  return (
    <PublicFrame title={`${tc("company")} · ${ts("console")}`} returnTo={path}>
      <h1 className="mb-2 text-2xl font-semibold">{t("staffSignInTitle")}</h1>
      <p className="mb-6 text-slate-700">{t("staffSignInIntro")}</p>
      <SignInForm provider="staff" redirectTo="/support" />
      <p className="mt-8 border-t border-slate-200 pt-6 text-sm">
        <Link href="/logga-in" className="text-sky-800 underline">
          {ts("signIn.customerLink")}
        </Link>
      </p>
    </PublicFrame>
  );
}
