import { beforeEach, describe, expect, it, vi } from "vitest";

// The layouts' return address for the language switch and the customer switcher (issue 10, item 14).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
const { currentPath } = await import("./current-path");

describe("currentPath", () => {
  beforeEach(() => {
    request.headers = new Headers();
  });

  it("is the path and query proxy.ts passed on", async () => {
    request.headers.set("x-pathname", "/fakturor?status=betald");
    expect(await currentPath()).toBe("/fakturor?status=betald");
  });

  it("is the start page when the header is missing or does not name a path in the portal", async () => {
    expect(await currentPath()).toBe("/");
    for (const value of ["//evil.example/", "/\\evil.example", "/%2F/evil.example", "https://evil.example/"]) {
      request.headers.set("x-pathname", value);
      expect(await currentPath(), value).toBe("/");
    }
  });
});
