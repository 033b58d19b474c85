import Link from "next/link";
import { Button } from "@/components/ui/button";
import { textLink } from "@/components/ui/text-link";

/**
 * The end of a search or filter form (installations, invoices, the sharing log): the submit
 * button and, while something is filtered, the link that clears the filters.
 */
export function FilterActions({ submitLabel, clear, className }: { submitLabel: string; clear: { href: string; label: string } | null; className: string }) {
  return (
    <div className={className}>
      <Button type="submit">{submitLabel}</Button>
      {clear ? (
        <Link href={clear.href} className={textLink}>
          {clear.label}
        </Link>
      ) : null}
    </div>
  );
}

/** Said under a filter form when some of its filters could not be used (each such field says why). */
export function IgnoredFilters({ errors, message, className }: { errors: Record<string, unknown>; message: string; className?: string }) {
  if (Object.keys(errors).length === 0) return null;
  return (
    <p role="alert" className={`${className ?? ""} text-sm font-medium text-red-700`.trimStart()}>
      {message}
    </p>
  );
}
