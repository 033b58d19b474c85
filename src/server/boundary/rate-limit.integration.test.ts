import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../../tests/support/db";
import { consumeRateLimit, peekRateLimit } from "./rate-limit";

beforeEach(async () => resetDatabase());

const at = (iso: string) => new Date(iso);

describe("the boundary's rate limiter", () => {
  it("lets a client make its calls of the minute and refuses the next, saying when to try again", async () => {
    const first = await consumeRateLimit("api:client-a", 2, at("2026-03-01T10:00:05Z"));
    const second = await consumeRateLimit("api:client-a", 2, at("2026-03-01T10:00:20Z"));
    const third = await consumeRateLimit("api:client-a", 2, at("2026-03-01T10:00:50Z"));
    expect([first.allowed, first.remaining, second.allowed, second.remaining]).toEqual([true, 1, true, 0]);
    expect(third).toEqual({ allowed: false, limit: 2, remaining: 0, retryAfterSeconds: 10, count: 3 });
  });

  it("starts afresh in the next window, and counts each key on its own", async () => {
    await consumeRateLimit("api:client-a", 1, at("2026-03-01T10:00:05Z"));
    expect((await consumeRateLimit("api:client-b", 1, at("2026-03-01T10:00:06Z"))).allowed).toBe(true);
    expect((await consumeRateLimit("api:client-a", 1, at("2026-03-01T10:01:00Z"))).allowed).toBe(true);
  });

  it("can look at a failure counter without counting: only failures count, checked before the work", async () => {
    const window = 15 * 60;
    expect((await peekRateLimit("token-fail:address:x", 2, at("2026-03-01T10:00:00Z"), window)).allowed).toBe(true);
    await consumeRateLimit("token-fail:address:x", 2, at("2026-03-01T10:01:00Z"), window);
    await consumeRateLimit("token-fail:address:x", 2, at("2026-03-01T10:02:00Z"), window);
    const locked = await peekRateLimit("token-fail:address:x", 2, at("2026-03-01T10:03:00Z"), window);
    expect(locked).toMatchObject({ allowed: false, count: 2, retryAfterSeconds: 12 * 60 });
    expect((await peekRateLimit("token-fail:address:x", 2, at("2026-03-01T10:15:00Z"), window)).allowed).toBe(true);
  });
});
