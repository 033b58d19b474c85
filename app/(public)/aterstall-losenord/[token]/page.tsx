import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isResetTokenUsable } from "@/server/accounts/password-reset";
import { PublicHeading } from "@/components/auth/public-heading";
import Link from "next/link";
import { ResetForm } from "./reset-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("resetTitle"), referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const usable = /^[A-Za-z0-9_-]{20,100}$/.test(token) && (await isResetTokenUsable(token));
  return (
    <div>
      <PublicHeading title={t("resetTitle")} />
      {usable ? (
        <ResetForm token={token} />
      ) : (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 px-4 py-3 text-red-900">
          <p>{t("resetInvalid")}</p>
          <p className="mt-2">
            <Link href="/glomt-losenord" className="underline">
              {t("orderNewLink")}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
