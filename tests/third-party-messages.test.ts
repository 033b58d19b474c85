// Tredjepartsåtkomst's Swedish and English texts: a word for every resolution and every ended state
// the page shows, and the mails the consent jobs send. (The same keys in every language:
// tests/message-parity.test.ts.)
import { describe, expect, it } from "vitest";
import { dataResolutions } from "@/domain/consent/data-access";
import en from "../messages/en/thirdParty.json";
import sv from "../messages/sv/thirdParty.json";
import { keys, lookup, placeholders, type Tree } from "./support/messages";

describe("messages/*/thirdParty.json", () => {
  it("uses the same placeholders in both languages", () => {
    for (const key of keys(sv as Tree)) expect(placeholders(lookup(en as Tree, key) as string), key).toEqual(placeholders(lookup(sv as Tree, key) as string));
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
