// Where a signing with e-legitimation sends the browser back to (issue 10, item 14): only a path in
// the portal, checked when the signing starts and again when the broker's answer comes back.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createUser } from "@/fixtures/factories";
import type { CustomerActor } from "@/server/access/actor";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";

// A broker is configured (nothing listens there: a signing that got as far as asking it would fail).
const state = vi.hoisted(() => {
  process.env.ELEG_ISSUER = "http://127.0.0.1:9";
  process.env.ELEG_CLIENT_ID = "mina-sidor";
  process.env.ELEG_CLIENT_SECRET = "test-secret";
  return { actor: null as CustomerActor | null, cookies: new Map<string, string>() };
});
vi.mock("@/server/auth/session", () => ({ currentActor: async () => state.actor }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (state.cookies.has(name) ? { name, value: state.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void state.cookies.set(name, value),
    delete: (options: string | { name: string }) => void state.cookies.delete(typeof options === "string" ? options : options.name),
  }),
}));

const { GET: signingCallback } = await import("../../../app/api/eleg/sign/callback/route");
const { requireSignature, LINK_PURPOSE } = await import("./signing");
const { seal } = await import("./sealed-cookie");

// signing.ts: the pending-signing cookie and its sealing purpose.
const PENDING_COOKIE = "ms-eleg-signering";
const PENDING_PURPOSE = "eleg-signing";
const OUTSIDE = ["//evil.example/fakturor", "/\\evil.example", "/%2F/evil.example", "/%5Cevil.example", "/.//evil.example", "https://evil.example/", "/\n/evil.example"];

const db = getTestDb();
let anna: CustomerActor;

beforeAll(async () => {
  await resetDatabase();
  anna = await customerActorOf(await createUser(db, { name: "Anna Andersson" }));
});
beforeEach(() => {
  state.cookies.clear();
  state.actor = null;
});

describe("requireSignature", () => {
  it("refuses to start a signing that would return outside the portal, and sets no cookie", async () => {
    for (const returnTo of OUTSIDE) {
      expect(await appFailure(requireSignature(anna, LINK_PURPOSE, { text: "Koppla e-legitimation" }, { returnTo })), returnTo).toEqual({ code: "VALIDATION", message: "eleg.sign.invalid", fieldErrors: undefined });
    }
    expect(state.cookies.size).toBe(0);
  });
});

describe("the signing callback (GET /api/eleg/sign/callback)", () => {
  async function callbackWith(returnTo: string) {
    const pending = { userId: anna.userId, purpose: LINK_PURPOSE, payload: { text: "x" }, payloadHash: "0", state: "s", nonce: "n", codeVerifier: "v", returnTo };
    state.cookies.set(PENDING_COOKIE, seal(pending, { secret: process.env.AUTH_SECRET!, purpose: PENDING_PURPOSE, ttlSeconds: 600 }));
    // Signed out in the meantime: the outcome is "wrong user", sent back to where the signing began.
    return signingCallback(new Request("http://localhost:3000/api/eleg/sign/callback?code=c&state=s"));
  }

  it("sends the browser back to the page the signing started from", async () => {
    const response = await callbackWith("/tredjepartsatkomst?atgard=godkann");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://localhost:3000/tredjepartsatkomst?atgard=godkann&signering=fel&orsak=fel-anvandare");
  });

  it("sends the browser to Mitt konto instead when the return address it carries points outside the portal", async () => {
    for (const returnTo of OUTSIDE) {
      const response = await callbackWith(returnTo);
      expect(response.headers.get("location"), returnTo).toBe("http://localhost:3000/mitt-konto?signering=fel&orsak=fel-anvandare");
    }
  });
});
