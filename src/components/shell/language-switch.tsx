import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/server/actions/preferences";

/** Plain forms, so the switch works without JavaScript and by keyboard. */
export async function LanguageSwitch({ returnTo }: { returnTo: string }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const other = locale === "sv" ? { code: "en", label: t("english") } : { code: "sv", label: t("swedish") };
  return (
    <form action={setLocale}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <button
        type="submit"
        name="locale"
        value={other.code}
        lang={other.code}
        className="rounded-md px-2 py-1 text-sm font-medium underline underline-offset-2 hover:bg-slate-100"
      >
        {other.label}
      </button>
    </form>
  );
}
