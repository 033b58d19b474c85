export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "sv";
export const LOCALE_COOKIE = "NEXT_LOCALE";
// Each file in messages/<locale>/ is one namespace; areas own their file so they do not collide.
export const namespaces = ["common", "auth", "validation", "errors", "nav", "customer", "installations", "support", "start", "consumption", "meterImport", "access", "groups", "eleg", "invoices", "invoiceDocument", "thirdParty", "thirdPartyAdmin"] as const;
// Namespaces only server code reads (the issued invoice's line names and PDF labels): not sent to the browser.
export const serverOnlyNamespaces: readonly (typeof namespaces)[number][] = ["invoiceDocument"];
export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (locales as readonly string[]).includes(v);
