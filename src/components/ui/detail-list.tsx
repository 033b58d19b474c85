const grid = {
  3: { row: "sm:grid-cols-3", value: "sm:col-span-2" },
  4: { row: "sm:grid-cols-4", value: "sm:col-span-3" },
} as const;

/**
 * A label and its value in a definition list, side by side from the small breakpoint on; the label
 * takes one of `columns` (a third by default, a quarter for long values).
 */
export function DetailRow({ label, children, columns = 3 }: { label: string; children: React.ReactNode; columns?: 3 | 4 }) {
  return (
    <div className={`grid gap-1 py-2 sm:gap-4 ${grid[columns].row}`}>
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className={`break-words text-slate-900 ${grid[columns].value}`}>{children}</dd>
    </div>
  );
}

/** Details of one thing (a customer, a company) as ruled label-value rows: pass <DetailRow>s. */
export function DetailList({ children, className }: { children: React.ReactNode; className?: string }) {
  return <dl className={`divide-y divide-slate-100 ${className ?? ""}`}>{children}</dl>;
}
