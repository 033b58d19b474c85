import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/shell/app-frame";
import { currentPath } from "@/components/shell/current-path";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireStaff } from "@/server/auth/session";

// Every console page sits under this guard: staff only. Customers are sent to their start page,
// anonymous visitors to the staff sign-in. Each server function checks the actor again.
export default async function SupportConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const [t, tn, tc, path] = await Promise.all([getTranslations("support"), getTranslations("nav"), getTranslations("common"), currentPath()]);
  return (
    <AppFrame
      title={`${tc("company")} · ${t("console")}`}
      navLabel={t("navLabel")}
      nav={[
        { href: "/support", label: tn("supportCustomers"), exact: true, alsoCurrentFor: ["/support/kunder"] },
        { href: "/support/logg", label: tn("supportAudit") },
        { href: "/support/import", label: (await getTranslations("meterImport"))("nav") },
      ]}
      headerItems={
        <>
          <p className="text-sm text-slate-700">{t("signedInAs", { name: staff.name, role: t(`staffRole.${staff.role}`) })}</p>
          <LanguageSwitch returnTo={path} />
          <SignOutButton label={tn("signOut")} to="/support/logga-in" />
        </>
      }
    >
      {children}
    </AppFrame>
  );
}
