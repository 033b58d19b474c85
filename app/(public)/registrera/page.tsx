import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("registerTitle") };
}

export default async function RegisterPage() {
  const t = await getTranslations("auth");
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">{t("registerTitle")}</h1>
      <p className="mb-6 text-slate-700">{t("registerIntro")}</p>
      <RegisterForm />
      <p className="mt-6 text-sm">
        {t("haveAccount")}{" "}
        <Link href="/logga-in" className="text-sky-800 underline">
          {t("signIn")}
        </Link>
      </p>
    </div>
  );
}
