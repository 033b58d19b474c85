import Link from "next/link";

/**
 * The end of a search or filter form (installations, invoices, the sharing log): the submit
 * button and, while something is filtered, the link that clears the filters.
 */
export function FilterActions({ submitLabel, clear, className }: { submitLabel: string; clear: { href: string; label: string } | null; className: string }) {
  return (
    <div className={className}>
      <button
        type="submit"
        className="rounded-md bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2"
      >
        {submitLabel}
      </button>
      {clear ? (
        <Link href={clear.href} className="font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950">
          {clear.label}
        </Link>
      ) : null}
    </div>
  );
}
