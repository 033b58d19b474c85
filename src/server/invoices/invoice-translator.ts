import "server-only";
import { createTranslator } from "next-intl";
import { lineName, type InvoiceLanguage, type NameableLine, type Translate } from "@/domain/billing/line-name";
import da from "../../../messages/da/invoiceDocument.json";
import en from "../../../messages/en/invoiceDocument.json";
import fi from "../../../messages/fi/invoiceDocument.json";
import sv from "../../../messages/sv/invoiceDocument.json";

/**
 * The texts of the issued invoice (`messages/<language>/invoiceDocument.json`: line names and PDF labels) outside a page request: for the PDF,
 * whose language is the customer's market language (sv, da, fi), and for the billing run, which
 * stores the Swedish text of each line as issued. One translator per language, kept: compiled
 * messages are cached inside it.
 */
const MESSAGES: Record<InvoiceLanguage, Record<string, unknown>> = { sv, en, da, fi };
const translators = new Map<InvoiceLanguage, Translate>();

export function invoiceTranslator(language: InvoiceLanguage): Translate {
  let t = translators.get(language);
  if (!t) {
    t = createTranslator({ locale: language, messages: { invoiceDocument: MESSAGES[language] }, namespace: "invoiceDocument" as never }) as unknown as Translate;
    translators.set(language, t);
  }
  return t;
}

/**
 * The text a line is issued with (`InvoiceLine.description`): its Swedish name from code and
 * parameters. Lines of a run repeat a few names many times, so each name is worded once. The run
 * passes the parameters' JSON it stores anyway, so they are serialised once per line.
 */
const issuedNames = new Map<string, string>();

export function issuedLineText(line: Pick<NameableLine, "code" | "params">, paramsJson: string = JSON.stringify(line.params)): string {
  const key = `${line.code}|${paramsJson}`;
  let text = issuedNames.get(key);
  if (text === undefined) {
    text = lineName({ ...line, description: line.code }, "sv", invoiceTranslator("sv"));
    if (issuedNames.size > 10_000) issuedNames.clear();
    issuedNames.set(key, text);
  }
  return text;
}
