import { describe, expect, it } from "vitest";
import { seal, unseal } from "./sealed-cookie";

const secret = "unit-test-secret-that-is-at-least-32-characters";
const other = "another-secret-that-is-also-at-least-32-characters";
const opts = { secret, purpose: "eleg-signing", ttlSeconds: 600 };
const value = { purpose: "eleg.link", userId: "3f0c2b1e-0000-4000-8000-000000000001", nonce: "n-123", text: "Jag godkänner – åäö" };

describe("sealed cookie", () => {
  it("opens what it sealed", () => {
    expect(unseal(seal(value, opts), opts)).toEqual(value);
  });

  it("does not show the content in the sealed text", () => {
    const sealed = seal(value, opts);
    expect(sealed).not.toContain("eleg.link");
    expect(Buffer.from(sealed.split(".")[2]!, "base64url").toString("utf8")).not.toContain("userId");
  });

  it("seals the same value differently every time (random IV)", () => {
    expect(seal(value, opts)).not.toBe(seal(value, opts));
  });

  it("refuses a changed text, IV or tag", () => {
    const sealed = seal(value, opts);
    const parts = sealed.split(".");
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const changed = [...parts];
      changed[i] = bytes.toString("base64url");
      expect(unseal(changed.join("."), opts)).toBeNull();
    }
  });

  it("refuses another secret and another purpose", () => {
    const sealed = seal(value, opts);
    expect(unseal(sealed, { ...opts, secret: other })).toBeNull();
    expect(unseal(sealed, { ...opts, purpose: "something-else" })).toBeNull();
  });

  it("refuses an expired value", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const sealed = seal(value, { ...opts, now });
    expect(unseal(sealed, { ...opts, now: new Date("2026-11-22T10:09:59Z") })).toEqual(value);
    expect(unseal(sealed, { ...opts, now: new Date("2026-11-22T10:10:00Z") })).toBeNull();
  });

  it("refuses garbage", () => {
    for (const junk of [undefined, null, "", "v1", "v1.a.b", "v2.a.b.c", "v1.!!.??.**", seal(value, opts).replace(/^v1/, "v0")]) {
      expect(unseal(junk, opts)).toBeNull();
    }
  });
});
