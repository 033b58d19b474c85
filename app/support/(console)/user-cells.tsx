import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";

/** A user's e-mail address, or the former one of a voided account, or "no e-mail". */
export async function UserEmail({ email, voidedEmail }: { email: string | null; voidedEmail: string | null }) {
  const t = await getTranslations("support");
  return <>{email ?? (voidedEmail ? t("formerEmail", { email: voidedEmail }) : t("noEmail"))}</>;
}

/** When the user last signed in (Swedish time of the reader's locale), or "never". */
export async function LastLogin({ at }: { at: Date | null }) {
  const [t, locale] = await Promise.all([getTranslations("support"), getLocale()]);
  return at ? <time dateTime={at.toISOString()}>{formatDateTime(at, locale)}</time> : <>{t("neverSignedIn")}</>;
}
