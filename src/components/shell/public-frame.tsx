import { LanguageSwitch } from "./language-switch";

/**
 * The frame of a page before sign-in (customer sign-in, registration, password reset, staff
 * sign-in): the portal's name, the language switch and a narrow main column.
 */
export function PublicFrame({ title, returnTo, children }: { title: string; returnTo: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <p className="text-lg font-semibold text-sky-900">{title}</p>
          <LanguageSwitch returnTo={returnTo} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-md flex-1 px-4 py-10">
        {children}
      </main>
    </div>
  );
}
