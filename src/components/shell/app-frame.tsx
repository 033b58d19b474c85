import { NavLink } from "./nav-link";

export type NavItem = { href: string; label: React.ReactNode; exact?: boolean; alsoCurrentFor?: string[]; notCurrentFor?: string[] };

/** The signed-in page frame shared by the customer portal and the support console. */
export function AppFrame({ title, headerItems, navLabel, nav, children }: { title: string; headerItems: React.ReactNode; navLabel: string; nav: NavItem[]; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <p className="text-lg font-semibold text-sky-900">{title}</p>
          <div className="flex flex-wrap items-center gap-4">{headerItems}</div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label={navLabel} className="md:w-56 md:shrink-0">
          <ul className="flex flex-row flex-wrap gap-1 md:flex-col">
            {nav.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} exact={item.exact} alsoCurrentFor={item.alsoCurrentFor} notCurrentFor={item.notCurrentFor}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
