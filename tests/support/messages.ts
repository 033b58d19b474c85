// Reading the message files (messages/<locale>/<namespace>.json) in tests: their keys, one message,
// a message's placeholders.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

export type Tree = { [key: string]: string | Tree };

const MESSAGES_DIR = path.resolve(import.meta.dirname, "../../messages");

/** Every message's key, dotted ("mail.new.subject"). */
export function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

/** The message or object at a dotted key, undefined when there is none. */
export const lookup = (tree: Tree, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Tree)[part] : undefined), tree);

/** The names an ICU message's elements use: its arguments and, as `<tag>`, its rich-text tags. */
function names(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((e) => {
    if (e.type === TYPE.select || e.type === TYPE.plural) return [e.value, ...Object.values(e.options).flatMap((o) => names(o.value))];
    if (e.type === TYPE.tag) return [`<${e.value}>`, ...names(e.children)];
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) return [e.value];
    return [];
  });
}

/** The {placeholders} of a message (ICU arguments, also inside plural and select branches, and `<tags>`), sorted. */
export const placeholders = (message: string) => [...new Set(names(parse(message)))].sort();

/** The language folders in messages/. */
export const localeFolders = () =>
  readdirSync(MESSAGES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** The namespaces a language folder has a file for. */
export const namespaceFiles = (locale: string) =>
  readdirSync(path.join(MESSAGES_DIR, locale))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();

const messagesPath = (locale: string, namespace: string) => path.join(MESSAGES_DIR, locale, `${namespace}.json`);
export const readMessages = (locale: string, namespace: string): Tree => JSON.parse(readFileSync(messagesPath(locale, namespace), "utf8"));
