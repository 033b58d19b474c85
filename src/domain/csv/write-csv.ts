/**
 * Writing CSV that spreadsheets open safely: the one cell and row writer of every CSV the portal
 * produces (consumption export, sharing log). Reading is split-line.ts.
 *
 * A text cell that begins with `=`, `+`, `-` or `@` (or a tab, carriage return or line feed, which
 * Excel and LibreOffice skip before looking for those) is read as a formula when the file is opened:
 * `=HYPERLINK("http://…")` in an installation or company name would become a link that leaks data
 * (CSV injection). Such a cell gets a single quote in front, as OWASP recommends; the quote shows,
 * the formula does not run. Numbers the portal writes itself are not text: they go in as numbers
 * (`-1,5` stays a negative number), so the guard is on text cells only.
 */

/** Where a text cell would start a formula (OWASP "CSV Injection"; LF added, as some readers skip it too). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** The text with a leading `'` when a spreadsheet would read it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvSeparator = ";" | ",";
export type CsvDecimal = "comma" | "point";

/** A cell: text (neutralised and quoted as needed), a number (formatted, never neutralised), or empty. */
export type CsvCell = string | number | null | undefined;

export type CsvOptions = {
  separator: CsvSeparator;
  /** Decimal separator of numbers (default point). With `;` between fields a comma is what Swedish Excel reads. */
  decimal?: CsvDecimal;
  /** Most fraction digits of a number (default 3); trailing zeros are dropped. */
  fractionDigits?: number;
};

/** Byte order mark: Excel then reads the file as UTF-8 (å, ä, ö). */
export const CSV_BOM = "\uFEFF";
export const CSV_LINE_END = "\r\n";

/** A number without grouping or exponent, rounded to `fractionDigits`, with the decimal separator asked for. */
export function csvNumber(value: number, decimal: CsvDecimal = "point", fractionDigits = 3): string {
  if (!Number.isFinite(value)) return "";
  const scale = 10 ** fractionDigits;
  const rounded = Math.round(value * scale) / scale;
  const fixed = (Object.is(rounded, -0) ? 0 : rounded).toFixed(fractionDigits);
  const text = fractionDigits > 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  return decimal === "comma" ? text.replace(".", ",") : text;
}

/** One text field: neutralised, then quoted when it holds the separator, a quote or a line break. */
export function csvText(value: string, separator: CsvSeparator): string {
  const safe = neutraliseFormula(value);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line of cells joined by the separator, without the line end. */
export function csvRow(cells: readonly CsvCell[], options: CsvOptions): string {
  const out = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined) out[i] = "";
    else if (typeof c === "number") {
      const n = csvNumber(c, options.decimal, options.fractionDigits);
      out[i] = n.includes(options.separator) ? `"${n}"` : n;
    } else out[i] = csvText(c, options.separator);
  }
  return out.join(options.separator);
}
