// Table primitives with the portal's one look and accessible structure (caption, column and row
// headers). New tables use these instead of repeating the class strings.

export function Table({ caption, showCaption = false, children, className }: { caption: React.ReactNode; showCaption?: boolean; children: React.ReactNode; className?: string }) {
  return (
    // `relative`: screen-reader-only text is positioned absolutely and must stay inside the scroll box.
    <div className={`relative overflow-x-auto ${className ?? ""}`}>
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className={showCaption ? "px-4 py-2 text-left font-medium text-slate-900" : "sr-only"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** The header row: pass <Th> cells. */
export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="bg-slate-100 text-slate-900">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, className }: { children?: React.ReactNode; className?: string }) {
  return (
    <th scope="col" className={`px-4 py-3 font-semibold ${className ?? ""}`}>
      {children}
    </th>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-200 text-slate-900">{children}</tbody>;
}

export function Td({ children, className, colSpan }: { children?: React.ReactNode; className?: string; colSpan?: number }) {
  return (
    <td colSpan={colSpan} className={`px-4 py-3 ${className ?? ""}`}>
      {children}
    </td>
  );
}

/** The cell that names its row (e.g. the company or installation). */
export function RowHeader({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <th scope="row" className={`px-4 py-3 font-normal ${className ?? ""}`}>
      {children}
    </th>
  );
}
