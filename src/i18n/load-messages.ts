import { namespaces, serverOnlyNamespaces, type Locale } from "./config";

export async function loadMessages(locale: Locale) {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

/** The messages client components may use: every namespace but the server-only ones. */
export function clientMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  return Object.fromEntries(Object.entries(messages).filter(([ns]) => !(serverOnlyNamespaces as readonly string[]).includes(ns))) as Partial<M>;
}
