import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { PublicFrame } from "@/components/shell/public-frame";
import { currentActor } from "@/server/auth/session";
import { PublicHeading } from "@/components/auth/public-heading";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LinkLine } from "@/components/ui/link-line";

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
      <PublicHeading title={t("staffSignInTitle")} intro={t("staffSignInIntro")} />
      <SignInForm provider="staff" redirectTo="/support" />
      <LinkLine href="/logga-in" className="mt-8 border-t border-slate-200 pt-6 text-sm">
        {ts("signIn.customerLink")}
      </LinkLine>
    </PublicFrame>
  );
}
