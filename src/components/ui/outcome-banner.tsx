/**
 * The outcome of something the user did (a form sent, a signing come back): a status to screen
 * readers when it went well, an alert when it did not, and the same colours everywhere.
 */
export function OutcomeBanner({ ok, children, className = "mb-6" }: { ok: boolean; children: React.ReactNode; className?: string }) {
  return (
    <div
      role={ok ? "status" : "alert"}
      className={`${className} rounded-md border px-4 py-3 text-sm ${ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {children}
    </div>
  );
}
