import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Short-lived state that must survive a round trip through another site (the e-legitimation
// provider) without a database table: sealed with AES-256-GCM under a key derived from AUTH_SECRET,
// so the browser can neither read nor change it. The expiry is inside the sealed text; the
// cookie's own max-age is only a hint to the browser.

const VERSION = "v1";

function keyFor(secret: string, purpose: string): Buffer {
  // A key per purpose: a value sealed for one use never opens as another.
  return Buffer.from(hkdfSync("sha256", secret, "mina-sidor/sealed-cookie", purpose, 32));
}

/** Encrypts `value` (JSON) so that only `unseal` with the same secret and purpose opens it. */
export function seal(value: unknown, options: { secret: string; purpose: string; ttlSeconds: number; now?: Date }): string {
  const iv = randomBytes(12);
  const expires = Math.floor((options.now ?? new Date()).getTime() / 1000) + options.ttlSeconds;
  const cipher = createCipheriv("aes-256-gcm", keyFor(options.secret, options.purpose), iv);
  cipher.setAAD(Buffer.from(`${VERSION}:${options.purpose}`));
  const body = Buffer.concat([cipher.update(JSON.stringify({ exp: expires, value }), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The sealed value, or null when the text was changed, sealed for something else, or expired. */
export function unseal<T = unknown>(sealed: string | undefined | null, options: { secret: string; purpose: string; now?: Date }): T | null {
  if (!sealed) return null;
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  try {
    const [, iv, body, tag] = parts as [string, string, string, string];
    const decipher = createDecipheriv("aes-256-gcm", keyFor(options.secret, options.purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`${VERSION}:${options.purpose}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const json = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    const opened = JSON.parse(json) as { exp: number; value: T };
    if (typeof opened.exp !== "number" || opened.exp * 1000 <= (options.now ?? new Date()).getTime()) return null;
    return opened.value;
  } catch {
    return null;
  }
}
