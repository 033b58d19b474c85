import { describe, expect, it } from "vitest";
import { clientAddressFromChain, forwardedForHeader, normaliseAddress, parseTrustedProxies } from "./client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.10 fd00::/8");

describe("the client's address", () => {
  it("is the socket's peer when no proxy is configured, whatever the client wrote", () => {
    // The portal's server appends the peer: the client's own X-Forwarded-For is dropped.
    const header = forwardedForHeader("203.0.113.66, 198.51.100.1", "198.51.100.23", none);
    expect(header).toBe("198.51.100.23");
    expect(clientAddressFromChain(header, none)).toBe("198.51.100.23");
  });

  it("is the right-most untrusted hop behind configured proxies", () => {
    const header = forwardedForHeader("203.0.113.66, 198.51.100.7, 10.1.2.3", "192.0.2.10", proxies);
    expect(header).toBe("203.0.113.66, 198.51.100.7, 10.1.2.3, 192.0.2.10");
    // 198.51.100.7 is the first hop no trusted proxy vouches for: a forged 203.0.113.66 is ignored.
    expect(clientAddressFromChain(header, proxies)).toBe("198.51.100.7");
  });

  it("ignores a chain sent straight to the server by a client that is not a proxy", () => {
    const header = forwardedForHeader("10.9.9.9", "198.51.100.23", proxies);
    expect(clientAddressFromChain(header, proxies)).toBe("198.51.100.23");
  });

  it("stops at an unreadable hop and at the left end of trusted proxies", () => {
    expect(clientAddressFromChain("garbage, 10.0.0.1", proxies)).toBe("10.0.0.1");
    expect(clientAddressFromChain("10.0.0.2, 10.0.0.1", proxies)).toBe("10.0.0.2");
    expect(clientAddressFromChain("", proxies)).toBeNull();
    expect(clientAddressFromChain(null, proxies)).toBeNull();
  });

  it("reads IPv6, IPv4-mapped IPv6, brackets and ports", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseAddress("unknown")).toBeNull();
    expect(clientAddressFromChain("2001:db8::5, fd00::1", proxies)).toBe("2001:db8::5");
  });

  it("refuses a setting that is not addresses or ranges", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("proxy.example.com")).toThrow(/not an address/);
  });
});
