import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/shell/app-frame";
import { currentPath } from "@/components/shell/current-path";
import { CustomerSwitcher } from "@/components/shell/customer-switcher";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { activeCustomer, requireCustomer } from "@/server/auth/session";

// The sections that exist; a section joins this list when its pages do (no placeholders).
const sections = [
  { href: "/", key: "start" },
  { href: "/anlaggningar", key: "installations" },
  { href: "/forbrukning", key: "consumption" },
  { href: "/fakturor", key: "invoices" },
  { href: "/kunduppgifter", key: "customer" },
  { href: "/tredjepartsatkomst", key: "thirdParty" },
  { href: "/behorighet", key: "access" },
  { href: "/mitt-konto", key: "myAccount" },
] as const;

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireCustomer();
  const [active, t, tc, path, ta] = await Promise.all([activeCustomer(actor), getTranslations("nav"), getTranslations("common"), currentPath(), getTranslations("access")]);
  // Förvaltning only for the people of a property management company.
  const management = actor.managementCompanies?.length ? [{ href: "/forvaltning", label: ta("management.nav") }] : [];
  return (
    <AppFrame
      title={`${tc("company")} · ${tc("appName")}`}
      navLabel={t("label")}
      nav={[...sections.map((s) => ({ href: s.href, label: t(s.key) })), ...management]}
      headerItems={
        <>
          {active ? <CustomerSwitcher customers={actor.customers} activeId={active.customerId} returnTo={path} /> : null}
          <p className="text-sm text-slate-700">{t("signedInAs", { name: actor.name })}</p>
          <LanguageSwitch returnTo={path} />
          <SignOutButton label={t("signOut")} />
        </>
      }
    >
      {children}
    </AppFrame>
  );
}
