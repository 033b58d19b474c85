import Link from "next/link";

/**
 * A line holding one plain link, optionally after a short text: "Har du redan ett konto? Logga in",
 * "Glömt lösenordet?", a page's way back to the list it was opened from.
 */
export function LinkLine({ href, children, before, className = "text-sm" }: { href: string; children: React.ReactNode; before?: React.ReactNode; className?: string }) {
  return (
    <p className={className}>
      {before ? <>{before} </> : null}
      <Link href={href} className="text-sky-800 underline">
        {children}
      </Link>
    </p>
  );
}
