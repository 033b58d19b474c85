import { describe, expect, it } from "vitest";
import { claimBatchSize, claimLeaseMs, deliveryChains, sendLeaseMs } from "./delivery-plan";

const row = (eventId: number, consentRequestId: string | null) => ({ id: `d${eventId}`, eventId: BigInt(eventId), consentRequestId });

describe("the webhook delivery plan", () => {
  it("sends each consent request's events one after another in event order, requests side by side", () => {
    const chains = deliveryChains([row(7, "b"), row(3, "a"), row(5, "b"), row(4, "a"), row(6, null), row(8, null)]);
    expect(chains.map((c) => c.map((r) => Number(r.eventId)))).toEqual([[3, 4], [5, 7], [6], [8]]);
  });

  it("gives a claim a lease that covers its batch even if every call times out in one chain", () => {
    const timeoutMs = 5_000;
    const batch = claimBatchSize(2);
    expect(batch).toBe(4);
    // Four calls of up to 5 s one after another: the lease outlasts them.
    expect(claimLeaseMs(batch, timeoutMs)).toBeGreaterThanOrEqual(batch * timeoutMs);
    expect(claimLeaseMs(batch, timeoutMs)).toBeLessThanOrEqual(60_000);
    expect(sendLeaseMs(timeoutMs)).toBeGreaterThan(timeoutMs);
  });
});
