import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { env } from "@/server/env";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("forgotTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">{t("forgotTitle")}</h1>
      <p className="mb-6 text-slate-700">{t("forgotIntro", { minutes: env().RESET_TOKEN_TTL_MINUTES })}</p>
      <ForgotForm />
      <p className="mt-6 text-sm">
        <Link href="/logga-in" className="text-sky-800 underline">
          {t("signIn")}
        </Link>
      </p>
    </div>
  );
}
