import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { LanguageSwitch } from "@/components/shell/language-switch";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <p className="text-lg font-semibold text-sky-900">
            {t("company")} · {t("appName")}
          </p>
          <LanguageSwitch returnTo={await currentPath()} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-md flex-1 px-4 py-10">
        {children}
      </main>
    </div>
  );
}
