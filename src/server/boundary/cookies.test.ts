import { afterEach, describe, expect, it, vi } from "vitest";

// env() is read once per process; each case loads the module afresh with its own APP_URL.
async function cookiesServedAt(appUrl: string) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "postgresql://localhost/unused");
  vi.stubEnv("AUTH_SECRET", "x".repeat(32));
  vi.stubEnv("APP_URL", appUrl);
  return import("./cookies");
}

afterEach(() => vi.unstubAllEnvs());

describe("the portal's cookies", () => {
  it("are Secure when the portal is served over https, whatever NODE_ENV says", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const { cookieOptions, cookiesAreSecure } = await cookiesServedAt("https://minasidor.example.com");
    expect(cookiesAreSecure()).toBe(true);
    expect(cookieOptions()).toEqual({ path: "/", httpOnly: true, sameSite: "lax", secure: true });
  });

  it("are not Secure on a plain-http address (the demo on localhost), or the browser would drop them", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const { cookieOptions } = await cookiesServedAt("http://localhost:3000");
    expect(cookieOptions().secure).toBe(false);
  });

  it("are never readable by scripts and stay off other sites' posts", async () => {
    const { cookieOptions } = await cookiesServedAt("http://localhost:3000");
    expect(cookieOptions({ maxAgeSeconds: 60 })).toMatchObject({ httpOnly: true, sameSite: "lax" });
  });

  it("can be kept to one path and given a lifetime (the pending signing: its callback, ten minutes)", async () => {
    const { cookieOptions } = await cookiesServedAt("https://minasidor.example.com");
    expect(cookieOptions({ path: "/api/eleg/sign/callback", maxAgeSeconds: 600 })).toEqual({
      path: "/api/eleg/sign/callback",
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      maxAge: 600,
    });
  });
});
