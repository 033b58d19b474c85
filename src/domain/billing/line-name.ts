/**
 * A line's name in a language, from its code and parameters through the message files
 * (`messages/<language>/invoiceDocument.json`: `lineName.<CODE>`, `lineSuffix.*`, `lineName.quarter`,
 * `lineName.credit`). The translator is injected, so this stays plain TypeScript: the invoice page
 * passes next-intl's, the PDF and the billing run (the issued Swedish snapshot) one made from the
 * same files. The catalogue (./line-catalogue.ts) says which parameters and suffix a code has.
 */

import { LINE_CATALOGUE, isCatalogueCode, type LineParams } from "./line-catalogue";

/** A message lookup: key below the `invoices` namespace and ICU values. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The languages invoices are worded in: the portal's (sv, en) and the PDF's (sv, da, fi). */
export type InvoiceLanguage = "sv" | "en" | "da" | "fi";

export interface NameableLine {
  code: string;
  params: LineParams;
  /** The issued text (InvoiceLine.description): the name of a code outside the catalogue. */
  description: string;
  /**
   * Lines of invoices written before the catalogue, whose explanation recorded the run's texts
   * (explanation version 1): those texts are their names in sv, en and da.
   */
  texts?: { sv: string; en: string; da: string | null } | null;
}

export function lineName(line: NameableLine, language: InvoiceLanguage, t: Translate): string {
  const recorded = language === "fi" ? null : line.texts?.[language];
  if (recorded) return recorded;
  if (!isCatalogueCode(line.code)) return line.description;
  const p = line.params;
  const entry: { suffix: string | null } = LINE_CATALOGUE[line.code];
  const period = p.year !== undefined && p.quarter !== undefined ? t("lineName.quarter", { year: p.year, quarter: String(p.quarter) }) : "";
  let name = t(`lineName.${line.code}`, { variant: p.variant ?? "standard", period }).trim();
  const suffix = suffixOf(entry.suffix, p, t);
  if (suffix) name = `${name} ${suffix}`;
  if (p.creditedInvoiceNumber) name = t("lineName.credit", { number: p.creditedInvoiceNumber, name });
  return name;
}

function suffixOf(suffix: string | null, p: LineParams, t: Translate): string | null {
  switch (suffix) {
    case "season":
      return p.season ? t("lineSuffix.season", { season: p.season }) : null;
    case "powerFeeMonth":
      return p.month
        ? t("lineSuffix.powerFeeMonth", { month: p.month, share: p.days !== undefined && p.daysInMonth !== undefined ? "part" : "whole", days: p.days ?? 0, daysInMonth: p.daysInMonth ?? 0 })
        : null;
    case "contractedPower":
      return p.kW ? t("lineSuffix.contractedPower", { kW: p.kW }) : null;
    default:
      return null;
  }
}
