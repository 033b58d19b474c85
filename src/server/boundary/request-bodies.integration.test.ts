// Issue 10, item 8: a client streams 200 MB at the token endpoint, the consent-request API and
// next-auth's sign-in. Each route handler (called in this process with real Requests) answers 413
// after reading no more than its limit, at once when Content-Length says so, and this process's
// memory does not grow by the body; a body just under the limit still works.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { BODY_LIMITS } from "@/domain/http/body-limits";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { householdWithValues, thirdPartyWithClient } from "../../../tests/support/third-party";
import { POST as authRoute } from "../../../app/api/auth/[...nextauth]/route";
import { POST as submitRoute } from "../../../app/api/v1/consent-requests/route";
import { POST as terminateRoute } from "../../../app/api/v1/consent-requests/[id]/terminate/route";
import { POST as tokenRoute } from "../../../app/api/v1/oauth/token/route";
import { problemSchema, tokenSchema } from "../third-party/response-schemas";

const db = getTestDb();
const BASE = "http://localhost:3000";
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

beforeEach(async () => resetDatabase());

/** 200 MB made up as they are pulled (never held), counting how much the handler pulled. */
function hugeBody(total = 200 * MB) {
  const chunk = new Uint8Array(CHUNK).fill(0x61);
  const counter = { pulled: 0 };
  // highWaterMark 0: nothing is made up before the handler asks for it.
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += CHUNK;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  return { stream, counter };
}

type Sent = { response: Response; text: string; ms: number; pulled: number; rssGrowthMb: number };

async function send(route: (r: Request) => Promise<Response>, url: string, headers: Record<string, string>, declare?: number): Promise<Sent> {
  const { stream, counter } = hugeBody();
  const request = new NextRequest(url, { method: "POST", headers: { ...headers, ...(declare ? { "Content-Length": String(declare) } : {}) }, body: stream, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const response = await route(request);
  const ms = performance.now() - started;
  const text = await response.text();
  return { response, text, ms, pulled: counter.pulled, rssGrowthMb: (process.memoryUsage().rss - rssBefore) / MB };
}

function expectRefusedEarly(sent: Sent, limit: number) {
  expect(sent.response.status).toBe(413);
  // Read at most the limit and the stream's read-ahead, never the 200 MB.
  expect(sent.pulled).toBeLessThanOrEqual(limit + 4 * CHUNK);
  expect(sent.ms).toBeLessThan(1000);
  expect(sent.rssGrowthMb).toBeLessThan(50);
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

describe("a 200 MB body streamed without Content-Length", () => {
  it("is refused by the token endpoint with 413 problem details after its few KB", async () => {
    const sent = await send(tokenRoute, `${BASE}/api/v1/oauth/token`, { "Content-Type": "application/x-www-form-urlencoded" });
    expectRefusedEarly(sent, BODY_LIMITS.token);
    expect(sent.response.headers.get("content-type")).toBe("application/problem+json");
    expect(problemSchema.parse(JSON.parse(sent.text))).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("is refused by POST /api/v1/consent-requests after its tens of KB, and by terminate after 1 KB", async () => {
    const tp = await thirdPartyWithClient(db);
    const token = await tokenFor(tp.clientId, tp.secret);
    const submitted = await send(submitRoute, `${BASE}/api/v1/consent-requests`, { "Content-Type": "application/json", Authorization: `Bearer ${token}` });
    expectRefusedEarly(submitted, BODY_LIMITS.consentRequest);
    const terminated = await send((r) => terminateRoute(r, { params: Promise.resolve({ id: "0b3c2a7e-8a4e-4c59-9d64-0f7c1d5e9a11" }) }), `${BASE}/api/v1/consent-requests/0b3c2a7e-8a4e-4c59-9d64-0f7c1d5e9a11/terminate`, { Authorization: `Bearer ${token}` });
    expectRefusedEarly(terminated, BODY_LIMITS.apiWithoutBody);
    // Nothing was stored for the refused submission.
    expect(await db.consentRequest.count()).toBe(0);
  });

  it("is refused by next-auth's sign-in with 413 before next-auth reads it", async () => {
    const sent = await send((r) => authRoute(r, { params: Promise.resolve({ nextauth: ["callback", "customer"] }) }), `${BASE}/api/auth/callback/customer`, { "Content-Type": "application/x-www-form-urlencoded" });
    expectRefusedEarly(sent, BODY_LIMITS.auth);
    expect(JSON.parse(sent.text)).toEqual({ error: "PAYLOAD_TOO_LARGE" });
  });
});

describe("a body that declares 200 MB in Content-Length", () => {
  it("is refused before a byte of it is read", async () => {
    const tp = await thirdPartyWithClient(db);
    const token = await tokenFor(tp.clientId, tp.secret);
    for (const [route, url, headers] of [
      [tokenRoute, `${BASE}/api/v1/oauth/token`, { "Content-Type": "application/x-www-form-urlencoded" }],
      [submitRoute, `${BASE}/api/v1/consent-requests`, { "Content-Type": "application/json", Authorization: `Bearer ${token}` }],
      [(r: Request) => authRoute(r, { params: Promise.resolve({ nextauth: ["callback", "customer"] }) }), `${BASE}/api/auth/callback/customer`, {}],
    ] as const) {
      const sent = await send(route, url, headers, 200 * MB);
      expect(sent.response.status, url).toBe(413);
      expect(sent.pulled, url).toBe(0);
    }
  });
});

async function tokenFor(clientId: string, secret: string): Promise<string> {
  const response = await tokenRoute(new Request(`${BASE}/api/v1/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic(clientId, secret) }, body: "grant_type=client_credentials" }));
  expect(response.status).toBe(200);
  return tokenSchema.parse(await response.json()).access_token;
}

describe("a body just under the limit", () => {
  it("still gets a token", async () => {
    const tp = await thirdPartyWithClient(db);
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: tp.clientId, client_secret: tp.secret }).toString();
    const body = `${form}&padding=${"x".repeat(BODY_LIMITS.token - form.length - 9)}`;
    expect(Buffer.byteLength(body)).toBe(BODY_LIMITS.token);
    const response = await tokenRoute(new Request(`${BASE}/api/v1/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body }));
    expect(response.status).toBe(200);
    const over = await tokenRoute(new Request(`${BASE}/api/v1/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `${body}x` }));
    expect(over.status).toBe(413);
    expect(problemSchema.parse(await over.json()).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("still submits a consent request (JSON padded with white space to the limit)", async () => {
    const tp = await thirdPartyWithClient(db);
    const token = await tokenFor(tp.clientId, tp.secret);
    const home = await householdWithValues(db);
    const json = JSON.stringify({
      reference: "ES-BODY-1",
      customerIdentityNumber: home.nationalId,
      meteringPointId: home.installation.meteringPointId,
      purpose: "Energy advice from hourly values.",
      resolution: "PT1H",
      dataFrom: "2026-01-01",
      validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    const body = `${json}${" ".repeat(BODY_LIMITS.consentRequest - Buffer.byteLength(json))}`;
    const response = await submitRoute(new Request(`${BASE}/api/v1/consent-requests`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body }));
    expect(response.status).toBe(201);
    const over = await submitRoute(new Request(`${BASE}/api/v1/consent-requests`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: `${body} ` }));
    expect(over.status).toBe(413);
    expect(problemSchema.parse(await over.json())).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(await db.consentRequest.count()).toBe(1);
  });
});
