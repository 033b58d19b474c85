import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { retryDelaySeconds, signWebhook, verifyWebhookSignature } from "./webhook-signature";

const secret = "whsec_test";
const body = '{"id":"42","type":"consent_request.active"}';

describe("webhook signatures", () => {
  it("signs the timestamp and the raw body with HMAC-SHA256", () => {
    const header = signWebhook(body, secret, 1_800_000_000);
    const expected = createHmac("sha256", secret).update(`1800000000.${body}`).digest("hex");
    expect(header).toBe(`t=1800000000,v1=${expected}`);
  });

  it("verifies what was signed and nothing else", () => {
    const header = signWebhook(body, secret, 1_800_000_000);
    expect(verifyWebhookSignature(body, header, secret, 1_800_000_010)).toEqual({ ok: true, timestamp: 1_800_000_000 });
    expect(verifyWebhookSignature(`${body} `, header, secret, 1_800_000_010)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(body, header, "whsec_other", 1_800_000_010)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(body, header.replace("t=1800000000", "t=1800000001"), secret, 1_800_000_010)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(body, "v1=abc", secret, 1_800_000_010)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyWebhookSignature(body, null, secret, 1_800_000_010)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a replay outside the tolerance", () => {
    const header = signWebhook(body, secret, 1_800_000_000);
    expect(verifyWebhookSignature(body, header, secret, 1_800_000_301)).toEqual({ ok: false, reason: "stale" });
    expect(verifyWebhookSignature(body, header, secret, 1_800_000_300).ok).toBe(true);
  });

  it("backs off from 30 seconds, doubling, to at most six hours (plus up to 20 % jitter)", () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, 0))).toEqual([30, 60, 120, 240, 480]);
    expect(retryDelaySeconds(20, 0)).toBe(6 * 3600);
    expect(retryDelaySeconds(1, 0.999)).toBe(36);
    expect(retryDelaySeconds(30, 0.999)).toBeLessThanOrEqual(6 * 3600 * 1.2);
  });
});
