"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A navigation link marked as the current page (aria-current) when the path is its own or below it.
 * `exact` limits that to the path itself; `alsoCurrentFor` adds other path prefixes it owns;
 * `notCurrentFor` leaves out prefixes below it that have their own entry.
 */
export function NavLink({
  href,
  children,
  exact,
  alsoCurrentFor = [],
  notCurrentFor = [],
}: {
  href: string;
  children: React.ReactNode;
  exact?: boolean;
  alsoCurrentFor?: string[];
  notCurrentFor?: string[];
}) {
  const pathname = usePathname() ?? "";
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const active = ((href === "/" || exact ? pathname === href : under(href)) || alsoCurrentFor.some(under)) && !notCurrentFor.some(under);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-sky-800 text-white" : "text-slate-800 hover:bg-slate-100"}`}
    >
      {children}
    </Link>
  );
}
