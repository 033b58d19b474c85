import { getTranslations } from "next-intl/server";
import type { SharingPageView } from "@/server/third-party/get-sharing-view";

/** The banner after an action or a signing (the view read what happened from the address). */
export async function Outcome({ outcome }: { outcome: SharingPageView["outcome"] }) {
  const t = await getTranslations();
  if (!outcome) return null;
  return (
    <div
      role={outcome.ok ? "status" : "alert"}
      className={`mb-6 rounded-md border px-4 py-3 text-sm ${outcome.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {t(outcome.key, outcome.values)}
    </div>
  );
}
