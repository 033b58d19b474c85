import { afterEach, describe, expect, it, vi } from "vitest";

// The rules of the chain are src/domain/http/client-address.ts's (tested there); this is the reader
// every route, action and sign-in uses, with the proxies configured in TRUSTED_PROXIES.
async function readerBehind(trustedProxies: string | undefined) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "postgresql://localhost/unused");
  vi.stubEnv("AUTH_SECRET", "x".repeat(32));
  vi.stubEnv("TRUSTED_PROXIES", trustedProxies ?? "");
  return (await import("./client-address")).clientAddress;
}

afterEach(() => vi.unstubAllEnvs());

describe("the client's address", () => {
  it("is the socket's peer (the last hop the portal's server wrote) when no proxy is trusted", async () => {
    const clientAddress = await readerBehind(undefined);
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.7, 203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("is the first hop left of the trusted proxies, so a client cannot choose its own", async () => {
    const clientAddress = await readerBehind("10.0.0.0/8");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.2" }))).toBe("198.51.100.7");
  });

  it("is read alike from a Headers object (routes, actions) and from next-auth's plain header record", async () => {
    const clientAddress = await readerBehind("10.0.0.0/8");
    expect(clientAddress({ "x-forwarded-for": "198.51.100.7, 10.0.0.2" })).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": ["198.51.100.7", "10.0.0.2"] })).toBe("198.51.100.7");
  });

  it("is unknown without the header or without headers at all", async () => {
    const clientAddress = await readerBehind(undefined);
    expect(clientAddress(new Headers())).toBeNull();
    expect(clientAddress(undefined)).toBeNull();
    expect(clientAddress({ "x-forwarded-for": 42 })).toBeNull();
  });
});
