// Every message file in every language has the keys of the Swedish file of the same namespace, with
// the same {placeholders}, and no empty message. The portal's languages come from src/i18n/config.ts
// and must have every namespace; a language folder the portal does not offer yet (one being
// translated) may have only some namespaces, and each file it has must match Swedish too.
import { describe, expect, it } from "vitest";
import { defaultLocale, locales, namespaces } from "@/i18n/config";
import { keys, localeFolders, lookup, namespaceFiles, placeholders, readMessages, type Tree } from "./support/messages";

const REFERENCE = defaultLocale; // Swedish: the language every text is written in first
const otherLocales = locales.filter((l) => l !== REFERENCE);
const extraFolders = localeFolders().filter((f) => !(locales as readonly string[]).includes(f));

// Empty on purpose, each with its reason. invoices.json explain.recipient.unknown: every recipient has
// a key, and the invoice page prints no "receives" clause for an unknown one (explanation-section.tsx).
const INTENDED_EMPTY = new Set(["invoices:explain.recipient.unknown"]);

/** Where a message file is not a tree of non-empty strings: arrays, numbers, empty or blank texts. */
function badLeaves(namespace: string, tree: Tree, prefix = ""): string[] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => {
    const key = `${prefix}${k}`;
    if (typeof v === "string") return v.trim() === "" && !INTENDED_EMPTY.has(`${namespace}:${key}`) ? [`${key}: empty`] : [];
    if (v && typeof v === "object" && !Array.isArray(v)) return badLeaves(namespace, v as Tree, `${key}.`);
    return [`${key}: ${JSON.stringify(v)} is not a message`];
  });
}

function expectSameMessages(locale: string, namespace: string) {
  const reference = readMessages(REFERENCE, namespace);
  const messages = readMessages(locale, namespace);
  expect(keys(messages).sort(), `${locale}/${namespace}.json keys`).toEqual(keys(reference).sort());
  for (const key of keys(reference)) {
    expect(placeholders(lookup(messages, key) as string), `${locale}/${namespace}.json ${key}`).toEqual(placeholders(lookup(reference, key) as string));
  }
}

describe("message files", () => {
  it(`messages/${REFERENCE}/ has a file for every namespace in src/i18n/config.ts and no other`, () => {
    expect(namespaceFiles(REFERENCE)).toEqual([...namespaces].sort());
  });

  it.each(locales)("messages/%s/ has every namespace", (locale) => {
    expect(namespaceFiles(locale)).toEqual([...namespaces].sort());
  });

  describe.each(otherLocales)("the portal's language %s", (locale) => {
    it.each(namespaces)(`%s.json has the keys and placeholders of ${REFERENCE}`, (namespace) => expectSameMessages(locale, namespace));
  });

  describe.each(extraFolders)("the language folder %s, not offered yet", (folder) => {
    it("has only namespaces the portal has", () => {
      for (const namespace of namespaceFiles(folder)) expect(namespaces, `${folder}/${namespace}.json`).toContain(namespace);
    });
    it.each(namespaceFiles(folder).filter((n) => (namespaces as readonly string[]).includes(n)))(
      `%s.json has the keys and placeholders of ${REFERENCE}`,
      (namespace) => expectSameMessages(folder, namespace),
    );
  });

  it.each(localeFolders())("messages/%s/ has no empty message and nothing but texts", (folder) => {
    for (const namespace of namespaceFiles(folder)) expect(badLeaves(namespace, readMessages(folder, namespace)), `${folder}/${namespace}.json`).toEqual([]);
  });
});
