// The support console's third-party texts: no key twice, a wording for every state, status, reason
// code and grace period the pages can show, and a label in the audit log for every audit action the
// console knows. (The same keys in every language: tests/message-parity.test.ts.)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { consentStates } from "@/domain/consent/state-machine";
import { KNOWN_AUDIT_ACTIONS } from "@/server/support/schemas";
import { ROTATION_GRACE_HOURS } from "@/server/third-party/staff-schemas";
import en from "../messages/en/thirdPartyAdmin.json";
import sv from "../messages/sv/thirdPartyAdmin.json";
import supportEn from "../messages/en/support.json";
import supportSv from "../messages/sv/support.json";
import { lookup, type Tree } from "./support/messages";

/** Every key in the tree, objects included: a duplicate key in the file would be one fewer. */
function allKeys(tree: Tree): number {
  return Object.values(tree).reduce<number>((n, v) => n + 1 + (typeof v === "string" ? 0 : allKeys(v)), 0);
}

/** JSON.parse keeps the last of two equal keys silently; count the keys in the text instead. */
const keysInFile = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8").match(/"(?:[^"\\]|\\.)*"\s*:/g)?.length ?? 0;

describe("messages/*/thirdPartyAdmin.json", () => {
  it("has no key twice in an object", () => {
    expect(keysInFile("../messages/sv/thirdPartyAdmin.json")).toBe(allKeys(sv as Tree));
    expect(keysInFile("../messages/en/thirdPartyAdmin.json")).toBe(allKeys(en as Tree));
  });

  it("has every key the server functions use", () => {
    for (const messages of [sv, en]) {
      for (const key of ["errors.adminOnly", "errors.webhookUrl", "errors.organisationNumber", "errors.exists", "errors.clientRevoked", "errors.reasonRequired", "review.alreadyDecided"]) {
        expect(typeof lookup(messages as Tree, key), key).toBe("string");
      }
    }
  });

  it("words every consent state, webhook status, resolution, reason code and grace period", () => {
    for (const messages of [sv, en]) {
      for (const s of consentStates) expect(messages.state).toHaveProperty(s);
      for (const s of ["PENDING", "DELIVERED", "FAILED"]) expect(messages.webhookStatus).toHaveProperty(s);
      for (const s of ["ACTIVE", "SUSPENDED"]) expect(messages.status).toHaveProperty(s);
      for (const r of ["PT15M", "PT1H", "P1D", "P1M"]) expect(messages.resolution).toHaveProperty(r);
      for (const c of ["INSTALLATION_ENDED", "HISTORY_BEFORE_CUSTOMER_START", "CUSTOMER_INSTALLATION_MISMATCH", "RESOLUTION_NOT_AVAILABLE", "REJECTED_BY_REVIEW"]) {
        expect(messages.reasonCode).toHaveProperty(c);
      }
      for (const h of ROTATION_GRACE_HOURS) expect(messages.grace).toHaveProperty(`h${h}`);
    }
  });
});

describe("audit log labels (messages/*/support.json)", () => {
  it("names every known audit action in Swedish and English", () => {
    for (const messages of [supportSv, supportEn]) {
      for (const action of KNOWN_AUDIT_ACTIONS) expect(typeof lookup(messages.actions as Tree, action), action).toBe("string");
    }
  });

  it("has no key twice in an object", () => {
    expect(keysInFile("../messages/sv/support.json")).toBe(allKeys(supportSv as Tree));
    expect(keysInFile("../messages/en/support.json")).toBe(allKeys(supportEn as Tree));
  });
});
