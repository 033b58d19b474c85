"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

// The console's sections. "Sök kund" owns the customer pages under it but not the log, which the
// shared NavLink (prefix match on "/support") would also mark as current.
const sections = [
  { href: "/support", owns: (p: string) => p === "/support" || p.startsWith("/support/kunder") },
  { href: "/support/logg", owns: (p: string) => p === "/support/logg" || p.startsWith("/support/logg/") },
] as const;

export function SupportNav({ label, labels }: { label: string; labels: [string, string] }) {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label={label} className="md:w-56 md:shrink-0">
      <ul className="flex flex-row flex-wrap gap-1 md:flex-col">
        {sections.map((s, i) => {
          const active = s.owns(pathname);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-sky-800 text-white" : "text-slate-800 hover:bg-slate-100"}`}
              >
                {labels[i]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
