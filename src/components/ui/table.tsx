// Table primitives with the portal's one look and accessible structure (a caption on every table,
// scope on every header cell). Tables use these instead of repeating the class strings.
//
// Two densities: "comfortable" (a shaded header row, the look of a table standing on its own) and
// "compact" (a ruled header, no side padding, top-aligned cells: a table inside a card, or one whose
// cells hold small forms). The cells read the density from the table through a Tailwind group, so
// they work in server and client components alike.

export type TableDensity = "comfortable" | "compact";
export type CellAlign = "left" | "right" | "center";

const alignClass: Record<CellAlign, string> = { left: "", right: "text-right", center: "text-center" };

const tableClass: Record<TableDensity, string> = {
  comfortable: "min-w-full divide-y divide-slate-200",
  compact: "w-full divide-y divide-slate-300",
};

export function Table({
  caption,
  showCaption = false,
  density = "comfortable",
  empty,
  children,
  className,
}: {
  /** Names the table for screen readers; shown above it with `showCaption`. */
  caption: React.ReactNode;
  showCaption?: boolean;
  density?: TableDensity;
  /** When given, shown instead of the table (the list has no rows). */
  empty?: React.ReactNode;
  children: React.ReactNode;
  /** Classes of the scrolling wrapper (margins, a border). */
  className?: string;
}) {
  if (empty !== undefined && empty !== null && empty !== false) return <p className="text-slate-800">{empty}</p>;
  const captionClass =
    density === "compact" ? "mb-2 text-left text-sm text-slate-700" : "px-4 py-2 text-left font-medium text-slate-900";
  return (
    // `relative`: screen-reader-only text is positioned absolutely and must stay inside the scroll box.
    <div className={`relative overflow-x-auto ${className ?? ""}`}>
      <table data-density={density} className={`group/table text-left text-sm ${tableClass[density]}`}>
        <caption className={showCaption ? captionClass : "sr-only"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/**
 * A column of the header row: its label, or the label with how the column is shown; `sub` is a
 * second line under the label, for a column whose cells hold two things (name and number).
 */
export type Column = React.ReactNode | { label: React.ReactNode; sub?: React.ReactNode; align?: CellAlign; hidden?: boolean; className?: string };

const isColumnSpec = (c: Column): c is Exclude<Column, React.ReactNode> => typeof c === "object" && c !== null && "label" in c;

/** The header row: `columns` for plain headers, or <Th> cells as children when a header needs markup. */
export function THead({ columns, children }: { columns?: Column[]; children?: React.ReactNode }) {
  return (
    <thead className="bg-slate-100 text-slate-900 group-data-[density=compact]/table:bg-transparent group-data-[density=compact]/table:text-slate-700">
      <tr>
        {columns?.map((c, i) =>
          isColumnSpec(c) ? (
            <Th key={i} align={c.align} hidden={c.hidden} className={c.className}>
              {c.label}
              {c.sub ? <span className="block font-normal">{c.sub}</span> : null}
            </Th>
          ) : (
            <Th key={i}>{c}</Th>
          ),
        )}
        {children}
      </tr>
    </thead>
  );
}

/** A column header. `hidden`: the header is read to screen readers only (an actions column). */
export function Th({ children, className, align = "left", hidden = false }: { children?: React.ReactNode; className?: string; align?: CellAlign; hidden?: boolean }) {
  return (
    <th
      scope="col"
      className={`px-4 py-3 font-semibold group-data-[density=compact]/table:py-2 group-data-[density=compact]/table:pl-0 group-data-[density=compact]/table:font-medium ${alignClass[align]} ${className ?? ""}`}
    >
      {hidden ? <span className="sr-only">{children}</span> : children}
    </th>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-200 text-slate-900 group-data-[density=compact]/table:divide-slate-100">{children}</tbody>;
}

/** A body row (or a footer row); `className` for a highlighted row. */
export function Tr({ children, className }: { children: React.ReactNode; className?: string }) {
  return <tr className={className}>{children}</tr>;
}

const cellClass = "px-4 py-3 group-data-[density=compact]/table:py-2 group-data-[density=compact]/table:pl-0 group-data-[density=compact]/table:align-top";

export function Td({ children, className, colSpan, align = "left" }: { children?: React.ReactNode; className?: string; colSpan?: number; align?: CellAlign }) {
  return (
    <td colSpan={colSpan} className={`${cellClass} ${alignClass[align]} ${className ?? ""}`}>
      {children}
    </td>
  );
}

/** The cell that names its row (e.g. the company or installation); normal weight unless `className` says otherwise. */
export function RowHeader({ children, className, align = "left" }: { children: React.ReactNode; className?: string; align?: CellAlign }) {
  const weight = className && /\bfont-(light|normal|medium|semibold|bold)\b/.test(className) ? "" : "font-normal";
  return (
    <th scope="row" className={`${cellClass} ${weight} ${alignClass[align]} ${className ?? ""}`}>
      {children}
    </th>
  );
}
