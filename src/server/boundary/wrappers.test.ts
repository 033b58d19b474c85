// The server-action wrapper and the customer-route wrapper answer through the boundary: the same
// field errors, the same problem table, the same client address.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { AppError } from "@/server/errors";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/session", () => ({ currentActor: async () => session.actor }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }) }));
vi.stubEnv("DATABASE_URL", "postgresql://localhost/unused");
vi.stubEnv("AUTH_SECRET", "x".repeat(32));

const { customerAction, publicAction } = await import("@/server/actions/safe-action");
const { customerRoute } = await import("./customer-route");

const anna = { kind: "customer", userId: "u1", customers: [] } as unknown as Actor;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

beforeEach(() => {
  session.actor = anna;
  vi.restoreAllMocks();
});

describe("a form action", () => {
  const schema = z.object({ name: z.string().trim().min(1, "groups.nameRequired"), password: z.string().optional() });

  it("runs with the parsed input, the signed-in actor and the client's address", async () => {
    const handler = vi.fn(async () => undefined);
    const state = await customerAction(schema, handler)({ status: "idle" }, form({ name: " Norr " }));
    expect(state).toEqual({ status: "ok", message: "common.saved" });
    expect(handler).toHaveBeenCalledWith({ name: "Norr" }, { actor: anna, ip: "198.51.100.7" });
  });

  it("asks a visitor who is not signed in to sign in, and keeps what they typed", async () => {
    session.actor = null;
    const state = await customerAction(schema, async () => undefined)({ status: "idle" }, form({ name: "Norr" }));
    expect(state).toEqual({ status: "error", message: "errors.UNAUTHENTICATED", values: { name: "Norr" } });
  });

  it("shows the field's message at the field, and never sends a password back", async () => {
    const state = await publicAction(schema, async () => undefined)({ status: "idle" }, form({ name: " ", password: "hemligt" }));
    expect(state).toMatchObject({ status: "error", message: "errors.VALIDATION", fieldErrors: { name: ["groups.nameRequired"] }, values: { name: " " } });
  });

  it("shows an application error's own message with its figures, or its code's generic one", async () => {
    const keyed = await customerAction(schema, async () => {
      throw new AppError("RATE_LIMITED", "auth.locked", undefined, { minutes: 15 });
    })({ status: "idle" }, form({ name: "Norr" }));
    expect(keyed).toMatchObject({ status: "error", message: "auth.locked", messageValues: { minutes: 15 } });
    const generic = await customerAction(schema, async () => {
      throw new AppError("NOT_FOUND");
    })({ status: "idle" }, form({ name: "Norr" }));
    expect(generic).toMatchObject({ status: "error", message: "errors.NOT_FOUND" });
  });

  it("tells the user something went wrong when a bug breaks it, and logs the bug", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = await customerAction(schema, async () => {
      throw new Error("boom");
    })({ status: "idle" }, form({ name: "Norr" }));
    expect(state).toEqual({ status: "error", message: "errors.INTERNAL", values: { name: "Norr" } });
    expect(log).toHaveBeenCalledWith("action failed", expect.any(Error));
  });
});

describe("a customer route", () => {
  const route = customerRoute(z.object({ to: z.string().min(1, "consumption.validation.dateOrder") }), (url) => ({ to: url.searchParams.get("till") ?? "" }), async (input) =>
    Response.json(input),
  );

  it("answers a signed-in customer with the handler's response", async () => {
    const response = await route(new Request("http://localhost/api/x?till=2026-01-31"));
    expect(await response.json()).toEqual({ to: "2026-01-31" });
  });

  it("answers 401 to anyone else", async () => {
    session.actor = { kind: "staff" } as unknown as Actor;
    const response = await route(new Request("http://localhost/api/x?till=2026-01-31"));
    expect([response.status, await response.json()]).toEqual([401, { error: "UNAUTHENTICATED" }]);
  });

  it("answers 400 with the same field errors a form would show", async () => {
    const response = await route(new Request("http://localhost/api/x"));
    expect([response.status, await response.json()]).toEqual([400, { error: "VALIDATION", fieldErrors: { to: ["consumption.validation.dateOrder"] } }]);
  });

  it("answers an application error with its status from the one table", async () => {
    const missing = customerRoute(z.object({}), () => ({}), async () => {
      throw new AppError("NOT_FOUND");
    });
    const response = await missing(new Request("http://localhost/api/fakturor/x/pdf"));
    expect([response.status, await response.json()]).toEqual([404, { error: "NOT_FOUND" }]);
  });
});
