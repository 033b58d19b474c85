import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, newNonce, originOf, pageCsp, servedOverTls, STRICT_CSP } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("pageCsp", () => {
  const options = { nonce: "bm9uY2Utb2YtdGhlLXRlc3Q=", development: false, formActionOrigins: ["https://broker.example"], tls: false };

  it("lets only Next's nonced scripts run in production: no inline script, no eval", () => {
    const csp = directives(pageCsp(options));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2Utb2YtdGhlLXRlc3Q='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("allows eval for scripts in development only", () => {
    expect(directives(pageCsp({ ...options, development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("keeps inline styles (React and Recharts set style attributes) without a nonce that would switch them off", () => {
    expect(directives(pageCsp(options)).get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("lets forms lead to the e-legitimation broker, and upgrades requests over TLS only", () => {
    expect(directives(pageCsp(options)).get("form-action")).toEqual(["'self'", "https://broker.example"]);
    expect(directives(pageCsp({ ...options, formActionOrigins: [] })).get("form-action")).toEqual(["'self'"]);
    expect(directives(pageCsp(options)).has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pageCsp({ ...options, tls: true })).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("the other headers", () => {
  it("are the same for every response, with HSTS only over TLS", () => {
    const plain = Object.fromEntries(baseSecurityHeaders({ tls: false }));
    expect(plain).toMatchObject({ "Referrer-Policy": "strict-origin-when-cross-origin", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
    expect(plain["Permissions-Policy"]).toMatch(/^(?:[a-z-]+=\(\)(?:, |$))+$/);
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(Object.fromEntries(baseSecurityHeaders({ tls: true }))["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(STRICT_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("helpers", () => {
  it("newNonce gives 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("originOf takes the origin of an http(s) address and nothing else", () => {
    expect(originOf("http://localhost:3901/")).toBe("http://localhost:3901");
    expect(originOf("https://broker.example/oidc/path")).toBe("https://broker.example");
    for (const bad of [undefined, "", "not a url", "javascript:alert(1)", "data:text/html,x", "'unsafe-inline'"]) expect(originOf(bad)).toBeNull();
  });

  it("servedOverTls: an https public address, an https request, or a proxy that says so", () => {
    expect(servedOverTls({ appUrl: "https://minasidor.example.se" })).toBe(true);
    expect(servedOverTls({ appUrl: "http://localhost:3000", protocol: "https:" })).toBe(true);
    expect(servedOverTls({ appUrl: "http://localhost:3000", forwardedProto: "https, http" })).toBe(true);
    expect(servedOverTls({ appUrl: "http://localhost:3000", protocol: "http:", forwardedProto: "http" })).toBe(false);
    expect(servedOverTls({})).toBe(false);
  });
});
