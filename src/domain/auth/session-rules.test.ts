import { describe, expect, it } from "vitest";
import { isTouchDue, sessionExpiry, sessionState } from "./session-rules";

const policy = { idleMs: 60 * 60_000, absoluteMs: 12 * 3600_000 };
const start = new Date("2026-12-04T08:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const session = (over: Partial<{ lastSeenAt: Date; endedAt: Date | null }> = {}) => ({
  createdAt: start,
  lastSeenAt: over.lastSeenAt ?? start,
  expiresAt: sessionExpiry(start, policy),
  endedAt: over.endedAt ?? null,
});

describe("a signed-in session", () => {
  it("is open while used within the idle time", () => {
    expect(sessionState(session(), at(59 * 60_000), policy)).toBe("open");
  });

  it("ends after the idle time without activity", () => {
    expect(sessionState(session(), at(60 * 60_000), policy)).toBe("idle");
  });

  it("ends at its absolute end even when used a minute ago", () => {
    const busy = session({ lastSeenAt: at(12 * 3600_000 - 60_000) });
    expect(sessionState(busy, at(12 * 3600_000 - 1), policy)).toBe("open");
    expect(sessionState(busy, at(12 * 3600_000), policy)).toBe("expired");
  });

  it("stays ended once signed out", () => {
    expect(sessionState(session({ endedAt: at(1000) }), at(2000), policy)).toBe("ended");
  });

  it("writes its last-seen time at most once a minute", () => {
    expect(isTouchDue(session(), at(59_999))).toBe(false);
    expect(isTouchDue(session(), at(60_000))).toBe(true);
  });
});
