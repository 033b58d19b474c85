import { LinkLine } from "./link-line";

/**
 * A page's heading with its introduction; `actions` at the side (a button, a status badge), and
 * `back` a link above it to the page this one was opened from (a list, a search).
 */
export function PageHeader({ title, intro, actions, back }: { title: string; intro?: React.ReactNode; actions?: React.ReactNode; back?: { href: string; label: string } }) {
  return (
    <>
      {back ? (
        <LinkLine href={back.href} className="mb-4 text-sm">
          {back.label}
        </LinkLine>
      ) : null}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          {intro ? <p className="mt-1 max-w-2xl text-slate-700">{intro}</p> : null}
        </div>
        {actions}
      </div>
    </>
  );
}

/**
 * A white card section under its heading. With `headingId` the section is named by the heading
 * itself (aria-labelledby), for a heading that is also linked to or tested by its id.
 */
export function Card({ title, children, className, id, headingId }: { title?: string; children: React.ReactNode; className?: string; id?: string; headingId?: string }) {
  return (
    <section id={id} className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className ?? ""}`} aria-label={headingId ? undefined : title} aria-labelledby={headingId}>
      {title ? (
        <h2 id={headingId} className="mb-3 text-lg font-semibold text-slate-900">
          {title}
        </h2>
      ) : null}
      {children}
    </section>
  );
}
