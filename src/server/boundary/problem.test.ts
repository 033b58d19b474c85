import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { bodyTooLargeAnswer } from "@/domain/http/body-limits";
import { AppError } from "@/server/errors";
import { problem, problemOf, problemResponse, portalProblems, type ProblemShape } from "./problem";
import { BodyTooLarge } from "./read-body";

afterEach(() => vi.restoreAllMocks());

const zodError = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error;
};

describe("what a thrown error means to the client", () => {
  it("an application error answers with its code's status, its message and its field errors", () => {
    const error = new AppError("CONFLICT", "groups.nameTaken", { name: ["groups.nameTaken"] }, { name: "Norr" });
    expect(problemOf(error)).toEqual({ status: 409, code: "CONFLICT", message: "groups.nameTaken", messageValues: { name: "Norr" }, fieldErrors: { name: ["groups.nameTaken"] } });
    expect(problemOf(new AppError("NOT_FOUND"))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(problemOf(new AppError("RATE_LIMITED"))).toMatchObject({ status: 429 });
  });

  it("a refused input is VALIDATION with the form's field errors and zod's own texts for APIs", () => {
    const error = zodError(z.object({ email: z.email("validation.email"), from: z.string() }), { email: "x" });
    expect(problemOf(error)).toEqual({
      status: 400,
      code: "VALIDATION",
      fieldErrors: { email: ["validation.email"], from: ["validation.invalid"] },
      issues: [
        { path: "email", message: "validation.email" },
        { path: "from", message: expect.any(String) },
      ],
    });
  });

  it("a body over its route's limit is 413 with the limit named", () => {
    expect(problemOf(new BodyTooLarge(4096))).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("4096 bytes") });
  });

  it("anything else is not the client's business: it has no problem of its own", () => {
    expect(problemOf(new TypeError("boom"))).toBeNull();
    expect(problemOf("a string")).toBeNull();
  });
});

describe("the portal's routes answer", () => {
  it("{ error: code } with the status, never cached", async () => {
    const response = problemResponse(new AppError("NOT_FOUND"), portalProblems, "route /api/fakturor/x/pdf");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "NOT_FOUND" });
  });

  it("a refused query with its field errors", async () => {
    const response = problemResponse(zodError(z.object({ to: z.string().min(1, "consumption.validation.dateOrder") }), { to: "" }), portalProblems, "route /api/forbrukning/export");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "VALIDATION", fieldErrors: { to: ["consumption.validation.dateOrder"] } });
  });

  it("a bug as INTERNAL, and the bug goes to the log with the route's name, not to the client", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = problemResponse(new Error("database password is hunter2"), portalProblems, "route /api/tredjepartsatkomst/logg");
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(JSON.stringify({ error: "INTERNAL" }));
    expect(log).toHaveBeenCalledWith("route /api/tredjepartsatkomst/logg failed", expect.any(Error));
  });

  it("a body over the limit as the portal's server answers it before Next: { error: PAYLOAD_TOO_LARGE }", async () => {
    const response = problemResponse(new BodyTooLarge(4096), portalProblems, "route /api/support/meter-imports");
    expect([response.status, await response.text()]).toEqual([413, bodyTooLargeAnswer("/api/support/meter-imports", 4096).body]);
  });

  it("extra figures and headers where a route has more to say", async () => {
    const response = problem(429, "EXPORT_IN_PROGRESS", undefined, { body: { message: "Vänta" }, headers: { "Retry-After": "10" } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(await response.json()).toEqual({ error: "EXPORT_IN_PROGRESS", message: "Vänta" });
  });
});

describe("another API writes the same problems in its own shape", () => {
  class TeapotError extends Error {}
  const shape: ProblemShape = {
    recognise: (error) => (error instanceof TeapotError ? { status: 418, code: "TEAPOT", message: error.message } : null),
    write: (p) => Response.json({ kind: p.code, text: p.message ?? null }, { status: p.status, headers: p.headers }),
  };

  it("its own errors first, then the common table, with the headers every answer carries", async () => {
    const own = problemResponse(new TeapotError("short and stout"), shape, "teapot", { "X-RateLimit-Remaining": "3" });
    expect([own.status, own.headers.get("x-ratelimit-remaining"), await own.json()]).toEqual([418, "3", { kind: "TEAPOT", text: "short and stout" }]);
    const common = problemResponse(new AppError("FORBIDDEN"), shape, "teapot");
    expect([common.status, await common.json()]).toEqual([403, { kind: "FORBIDDEN", text: "FORBIDDEN" }]);
  });
});
