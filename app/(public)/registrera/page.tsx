import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicHeading } from "@/components/auth/public-heading";
import { LinkLine } from "@/components/ui/link-line";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("registerTitle") };
}

export default async function RegisterPage() {
  const t = await getTranslations("auth");
  return (
    <div>
      <PublicHeading title={t("registerTitle")} intro={t("registerIntro")} />
      <RegisterForm />
      <LinkLine href="/logga-in" before={t("haveAccount")} className="mt-6 text-sm">
        {t("signIn")}
      </LinkLine>
    </div>
  );
}
