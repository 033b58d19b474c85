/**
 * How the worker sends one third party's webhooks (issue 10, item 12): a claim takes a small batch
 * of that party's due deliveries; the batch is split into chains, one per consent request, each
 * sent one event after another in eventId order, and at most `concurrency` chains are in flight at
 * once. So one slow receiver occupies only its own lane, and the events of one request never
 * overtake each other within a batch. Pure.
 */

/** Time a send may need beyond the receiver's timeout (connecting, our bookkeeping). */
const SEND_SLACK_MS = 1_000;
/** Headroom of a claim's lease beyond the longest time its batch can take. */
const CLAIM_MARGIN_MS = 5_000;

/** Deliveries one claim takes: enough to keep every slot of the lane busy twice over. */
export function claimBatchSize(concurrency: number): number {
  return 2 * Math.max(1, concurrency);
}

/**
 * The lease of a claim of `batchSize` deliveries: long enough even when every call runs into the
 * timeout and all of them are one consent request's chain (sent one after another), so no other
 * sender may take a row while this one can still be sending it.
 */
export function claimLeaseMs(batchSize: number, timeoutMs: number): number {
  return batchSize * (timeoutMs + SEND_SLACK_MS) + CLAIM_MARGIN_MS;
}

/** How long one send holds its row: renewed just before the call, so waiting for a slot costs nothing. */
export function sendLeaseMs(timeoutMs: number): number {
  return timeoutMs + SEND_SLACK_MS + CLAIM_MARGIN_MS;
}

export type PlannedDelivery = { id: string; eventId: bigint; consentRequestId: string | null };

/**
 * The batch as chains: one per consent request (a delivery without one is a chain of its own), each
 * in eventId order, and the chains in the order of their first event.
 */
export function deliveryChains<T extends PlannedDelivery>(batch: readonly T[]): T[][] {
  const sorted = [...batch].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  const chains = new Map<string, T[]>();
  for (const row of sorted) {
    const key = row.consentRequestId ? `request:${row.consentRequestId}` : `row:${row.id}`;
    const chain = chains.get(key);
    if (chain) chain.push(row);
    else chains.set(key, [row]);
  }
  return [...chains.values()];
}
