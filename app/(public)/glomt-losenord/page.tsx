import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicHeading } from "@/components/auth/public-heading";
import { LinkLine } from "@/components/ui/link-line";
import { env } from "@/server/env";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("forgotTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <div>
      <PublicHeading title={t("forgotTitle")} intro={t("forgotIntro", { minutes: env().RESET_TOKEN_TTL_MINUTES })} />
      <ForgotForm />
      <LinkLine href="/logga-in" className="mt-6 text-sm">
        {t("signIn")}
      </LinkLine>
    </div>
  );
}
