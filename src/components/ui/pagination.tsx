import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { textLink } from "@/components/ui/text-link";


/** Previous / "Sida 2 av 5" / next for a paginated list; nothing when everything fits one page. */
export async function Pagination({ page, pageCount, hrefFor, label }: { page: number; pageCount: number; hrefFor: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  const tc = await getTranslations("common");
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={textLink}>
          {tc("previous")}
        </Link>
      ) : null}
      <span className="text-slate-800" aria-current="page">
        {tc("page", { page, pages: pageCount })}
      </span>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} rel="next" className={textLink}>
          {tc("next")}
        </Link>
      ) : null}
    </nav>
  );
}
