// Locale-correct formatting of money, numbers and dates. Swedish uses sv-SE (1 234,56 kr,
// 2026-11-22); English uses en-GB (1,234.56, 22 Nov 2026) which suits a Nordic audience better than US.
import type { Locale } from "@/i18n/config";

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : locale === "da" ? "da-DK" : locale === "fi" ? "fi-FI" : "sv-SE");

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** Formats integer minor units exactly (no float division): 123456 öre → "1 234,56 kr". */
export function formatMoney(minor: number | bigint, currency: string, locale: Locale | string): string {
  const n = BigInt(minor);
  const sign = n < 0n ? "-" : "";
  const abs = n < 0n ? -n : n;
  const decimal = `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  const f = memo(`money:${locale}:${currency}`, () => new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }));
  return (f as Intl.NumberFormat).format(decimal as unknown as number);
}

export function formatNumber(value: number, locale: Locale | string, maximumFractionDigits = 2): string {
  const f = memo(`num:${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }));
  return (f as Intl.NumberFormat).format(value);
}

/** A calendar date (YYYY-MM-DD or a Date at UTC midnight) without time-zone drift. */
export function formatDate(value: string | Date, locale: Locale | string, style: "short" | "long" = "short"): string {
  const iso = typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  const f = memo(`date:${locale}:${style}`, () =>
    new Intl.DateTimeFormat(intlLocale(locale), style === "short" ? { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" } : { dateStyle: "long", timeZone: "UTC" }),
  );
  return (f as Intl.DateTimeFormat).format(new Date(`${iso}T00:00:00Z`));
}

/** An instant shown as wall time in a time zone (default the installation's or Stockholm). */
export function formatDateTime(value: Date, locale: Locale | string, timeZone = "Europe/Stockholm"): string {
  const f = memo(`dt:${locale}:${timeZone}`, () =>
    new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "short", timeStyle: "short", timeZone }),
  );
  return (f as Intl.DateTimeFormat).format(value);
}
