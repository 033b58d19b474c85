// Tredjepartsåtkomst's Swedish and English texts: the same keys in both, a word for every
// resolution and every ended state the page shows, and the mails the consent jobs send.
import { describe, expect, it } from "vitest";
import { dataResolutions } from "@/domain/consent/data-access";
import en from "../messages/en/thirdParty.json";
import sv from "../messages/sv/thirdParty.json";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

/** The {placeholders} of a message (ICU arguments, not the plural branches' text). */
const placeholders = (message: string) => [...new Set([...message.matchAll(/\{(\w+)(?:\}|,\s*(?:plural|select|selectordinal|number|date|time)\b)/g)].map((m) => m[1]))].sort();

describe("messages/*/thirdParty.json", () => {
  it("has the same keys in Swedish and English", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(sv as Tree).sort());
  });

  it("uses the same placeholders in both languages", () => {
    const lookup = (tree: Tree, key: string) => key.split(".").reduce<string | Tree>((node, part) => (node as Tree)[part]!, tree) as string;
    for (const key of keys(sv as Tree)) expect(placeholders(lookup(en as Tree, key)), key).toEqual(placeholders(lookup(sv as Tree, key)));
  });

  it("words every resolution and every way a consent ends", () => {
    for (const messages of [sv, en]) {
      for (const r of dataResolutions) {
        expect(messages.resolution).toHaveProperty(r);
        expect(messages.resolutionPlural).toHaveProperty(r);
      }
      for (const s of ["DECLINED", "TERMINATED_BY_CUSTOMER", "TERMINATED_BY_THIRD_PARTY", "UNANSWERED", "EXPIRED"]) expect(messages.inactive.state).toHaveProperty(s);
    }
  });

  it("has the consent jobs' mails with every value they pass", () => {
    for (const messages of [sv, en]) {
      for (const kind of ["new", "reminder"] as const) {
        expect(placeholders(messages.mail[kind].subject)).toEqual(["company"]);
        expect(placeholders(messages.mail[kind].body)).toEqual(["address", "company", "date", "link", "meteringPoint"]);
      }
    }
  });
});
