import { createTranslator } from "next-intl";
import { isLocale, defaultLocale } from "./config";
import { loadMessages } from "./load-messages";

/** Translations outside a page request (e-mails, background jobs), in a given language. */
export async function translator<NS extends string>(locale: string | null | undefined, namespace: NS) {
  const l = isLocale(locale) ? locale : defaultLocale;
  return createTranslator({ locale: l, messages: await loadMessages(l), namespace: namespace as never }) as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
}
