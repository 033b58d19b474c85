import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { textLink } from "@/components/ui/text-link";

// Shown for unknown pages and for anything outside the user's access (another customer's
// installation): both look the same, so the answer does not tell what exists.
export default async function PortalNotFound() {
  const t = await getTranslations("common");
  return (
    <div className="max-w-prose">
      <h1 className="mb-2 text-2xl font-semibold text-slate-900">{t("notFoundTitle")}</h1>
      <p className="mb-4 text-slate-800">{t("notFoundText")}</p>
      <Link href="/" className={textLink}>
        {t("toStart")}
      </Link>
    </div>
  );
}
