/**
 * Payment files from the bank or payment service: `reference;amount;currency;paid_on`, one
 * payment per line (docs/payment-csv.md). Pure TypeScript: parses and checks, converts the
 * amount exactly to integer minor units. Matching against invoices happens in the server import.
 *
 * - reference: the payment reference as paid (OCR, Finnish reference, RF reference, FI-kort +71
 *   payment id or the whole "+71<…+…<" line); spaces are ignored.
 * - amount: major units with "." or "," and at most 2 decimals ("1234,50"), greater than zero;
 *   no thousands separators.
 * - currency: SEK, DKK or EUR.
 * - paid_on: the date the money was paid, YYYY-MM-DD.
 */

import type { Currency } from "./price-list";
import { splitCsvLine } from "../csv/split-line";

export type PaymentRow = { reference: string; amountMinor: number; currency: Currency; paidOn: string; line: number };
export type PaymentProblem = { line?: number; field?: string; code: string; message: string; reference?: string };
export type ParsedPayments = { rows: PaymentRow[]; problems: PaymentProblem[]; received: number };

const HEADER = ["reference", "amount", "currency", "paid_on"] as const;
const CURRENCIES: readonly Currency[] = ["SEK", "DKK", "EUR"];
const AMOUNT = /^(\d+)(?:[.,](\d{1,2}))?$/;

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** "1234,5" → 123450 minor units; null when not a positive amount with at most 2 decimals. */
export function parseAmountMinor(text: string): number | null {
  const m = AMOUNT.exec(text.trim());
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

export function parsePaymentCsv(text: string): ParsedPayments {
  const problems: PaymentProblem[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.replace(/[;,\s]/g, "") !== "");
  if (headerIndex < 0) return { rows: [], problems: [{ code: "EMPTY_FILE", message: "The file has no header row and no payments." }], received: 0 };
  const separator = lines[headerIndex]!.includes(";") ? ";" : ",";
  const header = splitCsvLine(lines[headerIndex]!, separator).map((h) => h.toLowerCase());
  const columns = new Map(header.map((h, i) => [h, i]));
  const missing = HEADER.filter((h) => !columns.has(h));
  const unknown = header.filter((h) => !(HEADER as readonly string[]).includes(h));
  if (missing.length || unknown.length || columns.size !== header.length) {
    return {
      rows: [],
      problems: [{ line: headerIndex + 1, code: "HEADER", message: `The header must be ${HEADER.join(";")} (any order)${missing.length ? `; missing ${missing.join(", ")}` : ""}${unknown.length ? `; unknown ${unknown.join(", ")}` : ""}.` }],
      received: 0,
    };
  }
  const rows: PaymentRow[] = [];
  const seen = new Map<string, number>();
  let received = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.replace(/[;,\s]/g, "") === "") continue;
    received++;
    const lineNo = i + 1;
    const f = splitCsvLine(raw, separator);
    if (f.length !== header.length) {
      problems.push({ line: lineNo, code: "FIELD_COUNT", message: `Line has ${f.length} fields, the header ${header.length}${separator === "," ? " (a decimal comma must be quoted in a comma-separated file)" : ""}.` });
      continue;
    }
    const get = (name: (typeof HEADER)[number]) => f[columns.get(name)!]!;
    const reference = get("reference").replace(/\s+/g, "");
    const amountMinor = parseAmountMinor(get("amount"));
    const currency = get("currency").toUpperCase() as Currency;
    const paidOn = get("paid_on");
    const before = problems.length;
    if (reference === "") problems.push({ line: lineNo, field: "reference", code: "NO_REFERENCE", message: "The payment has no reference." });
    if (amountMinor === null) {
      problems.push({ line: lineNo, field: "amount", code: "INVALID_AMOUNT", message: `Amount must be a number above zero with at most 2 decimals, e.g. 1234,50; got ${JSON.stringify(get("amount"))}.` });
    }
    if (!CURRENCIES.includes(currency)) {
      problems.push({ line: lineNo, field: "currency", code: "INVALID_CURRENCY", message: `Currency must be SEK, DKK or EUR, got ${JSON.stringify(get("currency"))}.` });
    }
    if (!isCalendarDate(paidOn)) problems.push({ line: lineNo, field: "paid_on", code: "INVALID_DATE", message: `paid_on must be a date YYYY-MM-DD, got ${JSON.stringify(paidOn)}.` });
    if (problems.length > before) continue;
    const key = `${reference}|${amountMinor}|${paidOn}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line: lineNo, code: "DUPLICATE_PAYMENT", message: `The same payment (reference, amount and date) is on line ${first}; a file holds each payment once.`, reference });
      continue;
    }
    seen.set(key, lineNo);
    rows.push({ reference, amountMinor: amountMinor!, currency, paidOn, line: lineNo });
  }
  return { rows, problems, received };
}
