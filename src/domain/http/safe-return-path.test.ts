import { describe, expect, it } from "vitest";
import { isSafeReturnPath, safeReturnPath } from "./safe-return-path";

const FALLBACK = "/start";

describe("safeReturnPath", () => {
  it("keeps the portal's own paths, with their query and fragment", () => {
    for (const path of ["/", "/fakturor", "/fakturor/abc-123?sida=2&sortera=datum", "/anlaggningar?q=Kv.%20Bj%C3%B6rken", "/forbrukning#diagram", "/anlaggningar?q=100%25", "/sok?q=50%"]) {
      expect(safeReturnPath(path, FALLBACK)).toBe(path);
    }
  });

  it("falls back for another host written as a protocol-relative or backslashed path", () => {
    for (const path of ["//evil.example", "//evil.example/fakturor", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example", "/fakturor\\..\\\\evil.example"]) {
      expect(safeReturnPath(path, FALLBACK), path).toBe(FALLBACK);
    }
  });

  it("falls back for absolute addresses and schemes, also our own origin written out", () => {
    for (const path of ["https://evil.example/", "http://localhost:3000/fakturor", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "evil.example", "fakturor", "mailto:a@b.se"]) {
      expect(safeReturnPath(path, FALLBACK), path).toBe(FALLBACK);
    }
  });

  it("falls back for tabs, newlines, spaces and other controls that browsers strip or stop at", () => {
    for (const path of ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", " //evil.example", "/ /evil.example", "/fakturor\u0000", "/\u007f", "/fakturor\u2028"]) {
      expect(safeReturnPath(path, FALLBACK), JSON.stringify(path)).toBe(FALLBACK);
    }
  });

  it("falls back for encoded slashes, backslashes and controls, also encoded twice", () => {
    for (const path of ["/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5cevil.example", "/%252F/evil.example", "/%25252F%25252Fevil.example", "/%09/evil.example", "/%0A/evil.example", "/%0d%0aSet-Cookie:x=1", "/fakturor?q=a%5Cb"]) {
      expect(safeReturnPath(path, FALLBACK), path).toBe(FALLBACK);
    }
  });

  it("falls back for dot segments that a browser turns into a path starting with //", () => {
    for (const path of ["/.//evil.example", "/..//evil.example", "/a/..//evil.example", "/%2e%2e//evil.example", "/%2E//evil.example"]) {
      expect(safeReturnPath(path, FALLBACK), path).toBe(FALLBACK);
    }
  });

  it("falls back for what is not a string, empty, non-ASCII or very long", () => {
    for (const value of [undefined, null, 42, ["/fakturor"], { toString: () => "/" }, "", "/fakturor/å", "/％2F", `/${"a".repeat(2048)}`]) {
      expect(safeReturnPath(value, FALLBACK)).toBe(FALLBACK);
    }
  });

  it("answers the same question as a type guard", () => {
    expect(isSafeReturnPath("/mitt-konto")).toBe(true);
    expect(isSafeReturnPath("//evil.example")).toBe(false);
  });
});

describe("safeReturnPath with the portal's origin (next-auth's callbackUrl)", () => {
  const origin = "http://localhost:3000";
  it("turns an absolute address on exactly this origin into its path", () => {
    expect(safeReturnPath("http://localhost:3000/fakturor?sida=2#x", FALLBACK, { origin })).toBe("/fakturor?sida=2#x");
    expect(safeReturnPath("http://localhost:3000/", FALLBACK, { origin })).toBe("/");
    expect(safeReturnPath("/tredjepartsatkomst", FALLBACK, { origin })).toBe("/tredjepartsatkomst");
  });
  it("falls back for other origins, userinfo tricks and paths that would leave it", () => {
    for (const url of [
      "https://localhost:3000/",
      "http://localhost:3001/",
      "http://localhost:3000.evil.example/",
      "http://localhost:3000@evil.example/",
      "http://evil.example@localhost:3000/",
      "http://localhost:3000",
      "http://localhost:3000//evil.example",
      "http://localhost:3000/\\evil.example",
      "//localhost:3000/",
      "//evil.example",
      "/\\evil.example",
    ]) {
      expect(safeReturnPath(url, FALLBACK, { origin }), url).toBe(FALLBACK);
    }
  });
});
