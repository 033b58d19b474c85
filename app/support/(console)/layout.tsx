import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireStaff } from "@/server/auth/session";
import { SupportNav } from "./support-nav";

// Every console page sits under this guard: staff only. Customers are sent to their start page,
// anonymous visitors to the staff sign-in. Each server function checks the actor again.
export default async function SupportConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const [t, tn, tc, path] = await Promise.all([getTranslations("support"), getTranslations("nav"), getTranslations("common"), currentPath()]);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <p className="text-lg font-semibold text-sky-900">
            {tc("company")} · {t("console")}
          </p>
          <div className="flex flex-wrap items-center gap-4">
            <p className="text-sm text-slate-700">{t("signedInAs", { name: staff.name, role: t(`staffRole.${staff.role}`) })}</p>
            <LanguageSwitch returnTo={path} />
            <SignOutButton label={tn("signOut")} to="/support/logga-in" />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <SupportNav label={t("navLabel")} labels={[tn("supportCustomers"), tn("supportAudit")]} />
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
