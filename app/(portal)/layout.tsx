import { getTranslations } from "next-intl/server";
import { currentPath } from "@/components/shell/current-path";
import { CustomerSwitcher } from "@/components/shell/customer-switcher";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { NavLink } from "@/components/shell/nav-link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { activeCustomer, requireCustomer } from "@/server/auth/session";

// The sections that exist; a section joins this list when its pages do (no placeholders).
const sections = [
  { href: "/", key: "start" },
  { href: "/anlaggningar", key: "installations" },
  { href: "/kunduppgifter", key: "customer" },
] as const;

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  const path = await currentPath();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <p className="text-lg font-semibold text-sky-900">
            {tc("company")} · {tc("appName")}
          </p>
          <div className="flex flex-wrap items-center gap-4">
            {active ? <CustomerSwitcher customers={actor.customers} activeId={active.customerId} returnTo={path} /> : null}
            <p className="text-sm text-slate-700">{t("signedInAs", { name: actor.name })}</p>
            <LanguageSwitch returnTo={path} />
            <SignOutButton label={t("signOut")} />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label={t("label")} className="md:w-56 md:shrink-0">
          <ul className="flex flex-row flex-wrap gap-1 md:flex-col">
            {sections.map((s) => (
              <li key={s.href}>
                <NavLink href={s.href}>{t(s.key)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
