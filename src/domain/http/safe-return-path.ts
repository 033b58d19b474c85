/**
 * Return addresses that come from input (a hidden `returnTo` field, next-auth's `callbackUrl`, the
 * signing return kept in a cookie, the request path a layout renders) may only lead back into the
 * portal. Browsers are generous readers of a `Location`: `//host` and `/\host` are other hosts,
 * tabs and newlines are dropped before parsing, and some servers decode `%2F` and `%5C` once more
 * on the way. So only a plain path of printable ASCII is accepted, checked in its raw and in its
 * decoded forms; anything else gives the caller's fallback. Issue 10, item 14.
 */

const MAX_LENGTH = 2048;
/** Printable ASCII only: no spaces, no control characters, nothing a browser strips or maps. */
const RAW = /^[\x21-\x7e]+$/;
// Escapes can nest (`%252F` → `%2F` → `/`); a few rounds cover what any chain of servers does.
const MAX_DECODE_ROUNDS = 4;
/** An escaped ASCII character: the only kind that can turn into `/`, `\` or a control. */
const ASCII_ESCAPE = /%([0-7][0-9a-f])/gi;
const PROBE_ORIGIN = "http://return-path.invalid";

/** True when `value` is a path on this origin that is safe to redirect to as it is. */
export function isSafeReturnPath(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return false;
  if (!RAW.test(value)) return false;

  let form = value;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (!isPlainPath(form)) return false;
    // Lenient like the decoders it guards against: a lone `%` (a search for "100%") stays as it is.
    const decoded = form.replace(ASCII_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === form) break;
    if (round === MAX_DECODE_ROUNDS) return false;
    form = decoded;
  }

  return true;
}

/**
 * `value` when it is a safe same-origin path (see above), otherwise `fallback`. With `origin` (e.g.
 * `http://localhost:3000`), an absolute address on exactly that origin counts as its path: next-auth
 * hands its callbacks absolute addresses.
 */
export function safeReturnPath(value: unknown, fallback: string, options: { origin?: string } = {}): string {
  const candidate = options.origin ? pathOnOrigin(value, options.origin) : value;
  return isSafeReturnPath(candidate) ? candidate : fallback;
}

function pathOnOrigin(value: unknown, origin: string): unknown {
  if (typeof value !== "string" || !/^https?:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    // Compared as written as well as parsed, so that userinfo or odd spellings are not waved through.
    if (url.origin !== new URL(origin).origin || !value.toLowerCase().startsWith(`${url.origin.toLowerCase()}/`)) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

function isPlainPath(form: string): boolean {
  if (!form.startsWith("/") || form.startsWith("//")) return false;
  if (form.includes("\\")) return false;
  // Controls may appear only once decoded (`%09`, `%0A`); browsers drop tabs and newlines anywhere.
  if (/[\x00-\x1f\x7f]/.test(form)) return false;
  // Last word to a real URL parser: dot segments such as `/.//host` must not end up as `//host`.
  try {
    const resolved = new URL(form, PROBE_ORIGIN);
    return resolved.origin === PROBE_ORIGIN && !resolved.pathname.startsWith("//");
  } catch {
    return false;
  }
}
