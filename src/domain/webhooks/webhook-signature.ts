/**
 * Signatures of outgoing webhooks: `Minasidor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`
 * over `<t>.<raw body>` with the third party's webhook secret (the scheme Stripe and others use, so
 * receivers know it). The timestamp is signed too, so a captured request cannot be replayed later
 * than the receiver's tolerance. Pure apart from node:crypto.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Minasidor-Signature";
const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(body: string, secret: string, atSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${atSeconds}.${body}`, "utf8").digest("hex");
  return `t=${atSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "mismatch" | "stale" };

/** What a receiver does (and what our tests do): check the header against the body and the clock. */
export function verifyWebhookSignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  const parts = new Map((header ?? "").split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1");
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signWebhook(body, secret, t).split("v1=")[1]!, "hex");
  if (!timingSafeEqual(expected, Buffer.from(v1, "hex"))) return { ok: false, reason: "mismatch" };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: "stale" };
  return { ok: true, timestamp: t };
}

/**
 * Seconds to wait before attempt `attempt + 1` after `attempt` failed ones: 30 s doubling up to
 * 6 hours, with up to 20 % jitter so that many deliveries to one receiver that comes back do not
 * arrive at once. `random` is in [0, 1).
 */
export function retryDelaySeconds(attempt: number, random: number): number {
  const base = Math.min(30 * 2 ** Math.max(0, attempt - 1), 6 * 3600);
  return Math.round(base * (1 + 0.2 * random));
}

/** After this long without an acknowledgement a delivery is marked FAILED (kept; staff can send it again). */
export const GIVE_UP_AFTER_SECONDS = 3 * 24 * 3600;
