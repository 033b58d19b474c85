import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { bodyTooLargeAnswer } from "@/domain/http/body-limits";
import { BodyTooLarge } from "@/server/boundary/read-body";
import { problemResponse } from "@/server/boundary/problem";
import { AppError } from "@/server/errors";
import { ApiError } from "./api-error";
import { apiProblems } from "./api-problem";
import { TransitionRefused } from "./apply-consent-event";

afterEach(() => vi.restoreAllMocks());

const answer = async (error: unknown, headers: Record<string, string> = {}) => {
  const response = problemResponse(error, apiProblems, "third-party API /api/v1/test", headers);
  return { status: response.status, headers: response.headers, body: await response.json() };
};

describe("a third party reads every failure as problem details with a stable code", () => {
  it("the API's own errors with their status, title and detail", async () => {
    const { status, headers, body } = await answer(new ApiError("DUPLICATE_REQUEST", "An open request exists.", { existingId: "abc" }));
    expect(status).toBe(409);
    expect(headers.get("content-type")).toBe("application/problem+json");
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({ type: "urn:minasidor:problem:DUPLICATE_REQUEST", title: "An open request exists", status: 409, code: "DUPLICATE_REQUEST", detail: "An open request exists.", existingId: "abc" });
  });

  it("a refused body as VALIDATION_FAILED with each field's path and zod's text", async () => {
    const parsed = z.object({ period: z.object({ from: z.string() }) }).safeParse({ period: {} });
    const { status, body } = await answer(parsed.error);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "VALIDATION_FAILED", detail: "Some fields are missing or not valid; see errors.", errors: [{ path: "period.from", message: expect.any(String) }] });
    const whole = await answer(z.object({}).safeParse("text").error);
    expect(whole.body.errors).toEqual([{ path: "(body)", message: expect.any(String) }]);
  });

  it("a refused state change as ILLEGAL_TRANSITION, or CONCURRENT_CHANGE when someone else was first", async () => {
    expect((await answer(new TransitionRefused("ILLEGAL_TRANSITION", "Already ended."))).body).toMatchObject({ status: 409, code: "ILLEGAL_TRANSITION", detail: "Already ended." });
    expect((await answer(new TransitionRefused("CONCURRENT_CHANGE", "Changed meanwhile."))).body).toMatchObject({ code: "CONCURRENT_CHANGE" });
  });

  it("the token's trouble with the WWW-Authenticate challenge, and a rate limit with Retry-After and the figures", async () => {
    expect((await answer(new ApiError("UNAUTHENTICATED", "Send a token."))).headers.get("www-authenticate")).toBe('Bearer realm="minasidor"');
    expect((await answer(new ApiError("INVALID_TOKEN", "Expired."))).headers.get("www-authenticate")).toBe('Bearer realm="minasidor", error="invalid_token"');
    const limited = await answer(new ApiError("RATE_LIMITED", "At most 2 calls per minute.", { retryAfterSeconds: 17 }), { "X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "0" });
    expect([limited.status, limited.headers.get("retry-after"), limited.headers.get("x-ratelimit-limit")]).toEqual([429, "17", "2"]);
  });

  it("a body over the limit as PAYLOAD_TOO_LARGE naming the limit", async () => {
    const { status, body } = await answer(new BodyTooLarge(1024));
    expect([status, body.code, body.title]).toEqual([413, "PAYLOAD_TOO_LARGE", "The request body is too large"]);
    expect(body.detail).toContain("1024 bytes");
  });

  it("a body over the limit reads the same whether the portal's server refused it before Next or the route did", async () => {
    const beforeNext = bodyTooLargeAnswer("/api/v1/consent-requests", 1024);
    const { headers, body } = await answer(new BodyTooLarge(1024));
    expect([headers.get("content-type"), body]).toEqual([beforeNext.contentType, JSON.parse(beforeNext.body)]);
  });

  it("a bug as INTERNAL without a word about it; the log gets the error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = await answer(new Error("secret internals"));
    expect(status).toBe(500);
    expect(body).toEqual({ type: "urn:minasidor:problem:INTERNAL", title: "Something went wrong", status: 500, code: "INTERNAL", detail: "An unexpected error; it has been logged. Try again later." });
    expect(log).toHaveBeenCalledWith("third-party API /api/v1/test failed", expect.any(Error));
  });

  it("a portal error the API has no code for as INTERNAL, without its text", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await answer(new AppError("FORBIDDEN", "access.errors.otherEmail"))).body).toMatchObject({ status: 500, code: "INTERNAL", detail: "An unexpected error; it has been logged. Try again later." });
    expect((await answer(new AppError("NOT_FOUND"))).body).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});
