// The two places that put the security headers on responses (issue 10, item 13): proxy.ts for
// pages (a nonce per request) and next.config.ts for everything else. The e2e spec
// e2e/security-headers.spec.ts reads them from the production build's real responses.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import nextConfig from "../next.config";
import { proxy } from "../proxy";

afterEach(() => vi.unstubAllEnvs());

describe("proxy.ts", () => {
  const run = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));

  it("gives each page request a fresh nonce, in the response's CSP and in the request Next renders with", () => {
    vi.stubEnv("ELEG_ISSUER", "http://localhost:3901");
    vi.stubEnv("APP_URL", "http://localhost:3000");
    const [a, b] = [run("http://localhost:3000/fakturor?sida=2"), run("http://localhost:3000/fakturor")];
    const csp = a.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    // NextResponse.next({ request }) hands the changed request headers on as x-middleware-request-*.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-middleware-request-x-pathname")).toBe("/fakturor?sida=2");
    expect(csp).toContain("form-action 'self' http://localhost:3901;");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS and upgrade-insecure-requests over TLS: an https APP_URL or a proxy's X-Forwarded-Proto", () => {
    vi.stubEnv("APP_URL", "http://localhost:3000");
    const viaProxy = run("http://localhost:3000/", { "x-forwarded-proto": "https" });
    expect(viaProxy.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(viaProxy.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    vi.stubEnv("APP_URL", "https://minasidor.example.se");
    expect(run("http://localhost:3000/").headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("leaves form-action at 'self' when no e-legitimation broker is configured, or a malformed one", () => {
    vi.stubEnv("ELEG_ISSUER", "");
    expect(run("http://localhost:3000/").headers.get("content-security-policy")).toContain("form-action 'self';");
    vi.stubEnv("ELEG_ISSUER", "'unsafe-inline' *");
    expect(run("http://localhost:3000/").headers.get("content-security-policy")).toContain("form-action 'self';");
  });
});

describe("next.config.ts headers()", () => {
  it("gives every path the strict policy and the other headers, and HSTS when a proxy says https", async () => {
    vi.stubEnv("APP_URL", "http://localhost:3000");
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*" && !r.has);
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toMatchObject({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
    });
    const overTls = rules.find((r) => r.has?.some((h) => h.type === "header" && h.key === "x-forwarded-proto" && h.value === "https"));
    expect(overTls?.headers).toEqual([{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]);
  });
});
