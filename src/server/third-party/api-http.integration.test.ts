// The third-party API over HTTP (the route handlers of app/api/v1 called with real Requests): OAuth
// client credentials, bearer tokens, rate limits, problem details with stable codes, and answers
// that match the OpenAPI document's schemas.
process.env.API_RATE_LIMIT_PER_MINUTE = "8";
process.env.API_TOKEN_RATE_LIMIT_PER_MINUTE = "5";
process.env.API_TOKEN_FAILURES_PER_ADDRESS = "10";
process.env.API_TOKEN_FAILURES_PER_CLIENT_ID = "20";

import { beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/fixtures/factories";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { householdWithValues, submission, thirdPartyWithClient } from "../../../tests/support/third-party";
import { GET as listRoute, POST as submitRoute } from "../../../app/api/v1/consent-requests/route";
import { GET as getRoute } from "../../../app/api/v1/consent-requests/[id]/route";
import { GET as valuesRoute } from "../../../app/api/v1/consent-requests/[id]/meter-values/route";
import { POST as terminateRoute } from "../../../app/api/v1/consent-requests/[id]/terminate/route";
import { GET as eventsRoute } from "../../../app/api/v1/events/route";
import { POST as tokenRoute } from "../../../app/api/v1/oauth/token/route";
import { GET as openApiRoute } from "../../../app/api/v1/openapi.json/route";
import { issueAccessToken } from "./api-credentials";
import { applyConsentEvent } from "./apply-consent-event";
import { consentRequestListSchema, consentRequestSchema, eventListSchema, meterValuesSchema, problemSchema, tokenErrorSchema, tokenSchema } from "./response-schemas";

const db = getTestDb();
const BASE = "http://localhost:3000/api/v1";
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);

beforeEach(async () => resetDatabase());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function tokenFor(clientId: string, secret: string): Promise<string> {
  const response = await tokenRoute(new Request(`${BASE}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic(clientId, secret) }, body: "grant_type=client_credentials" }));
  expect(response.status).toBe(200);
  return tokenSchema.parse(await response.json()).access_token;
}

function tokenRequest(authorization: string, address: string): Request {
  // The portal's server puts the socket's peer last in X-Forwarded-For (scripts/lib/http-server.ts).
  return new Request(`${BASE}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: authorization, "X-Forwarded-For": address },
    body: "grant_type=client_credentials",
  });
}

const auth = (token: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return problemSchema.parse(await response.json());
}

function submitBody(home: { nationalId: string; installation: { meteringPointId: string } }, reference = "ES-HTTP-1") {
  return JSON.stringify(submission(home, reference, daysFromNow(365).toISOString()));
}

describe("POST /api/v1/oauth/token", () => {
  it("gives a bearer token for client credentials sent with HTTP Basic or in the form", async () => {
    const tp = await thirdPartyWithClient(db);
    expect((await tokenFor(tp.clientId, tp.secret)).startsWith("mst_")).toBe(true);
    const form = await tokenRoute(new Request(`${BASE}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "client_credentials", client_id: tp.clientId, client_secret: tp.secret }).toString() }));
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    expect(tokenSchema.parse(await form.json()).expires_in).toBe(900);
    // Only the hash of a token is stored.
    const stored = await db.apiAccessToken.findMany();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain("mst_");
  });

  it("refuses a wrong secret, another grant type, and a revoked or suspended client", async () => {
    const tp = await thirdPartyWithClient(db);
    const post = (headers: Record<string, string>, body: string) => tokenRoute(new Request(`${BASE}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body }));
    const wrong = await post({ Authorization: basic(tp.clientId, `${tp.secret}x`) }, "grant_type=client_credentials");
    expect(wrong.status).toBe(401);
    expect(tokenErrorSchema.parse(await wrong.json()).error).toBe("invalid_client");
    const grant = await post({ Authorization: basic(tp.clientId, tp.secret) }, "grant_type=password&username=a&password=b");
    expect(grant.status).toBe(400);
    expect(tokenErrorSchema.parse(await grant.json()).error).toBe("unsupported_grant_type");

    await db.thirdParty.update({ where: { id: tp.party.id }, data: { status: "SUSPENDED" } });
    expect((await post({ Authorization: basic(tp.clientId, tp.secret) }, "grant_type=client_credentials")).status).toBe(401);
    await db.thirdParty.update({ where: { id: tp.party.id }, data: { status: "ACTIVE" } });
    await db.apiClient.update({ where: { id: tp.client.id }, data: { revokedAt: new Date() } });
    expect((await post({ Authorization: basic(tp.clientId, tp.secret) }, "grant_type=client_credentials")).status).toBe(401);
  });

  it("limits successful token requests per client and minute, and not another client's", async () => {
    const tp = await thirdPartyWithClient(db);
    const other = await thirdPartyWithClient(db);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await tokenRoute(tokenRequest(basic(tp.clientId, tp.secret), "192.0.2.1"));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(tokenErrorSchema.parse(await last!.json()).error).toBe("slow_down");
    // Refused before a token is made.
    expect(await db.apiAccessToken.count()).toBe(5);
    expect((await tokenRoute(tokenRequest(basic(other.clientId, other.secret), "192.0.2.1"))).status).toBe(200);
  });
});

// Item 7 of issue 10: an attacker who sends wrong secrets for a real client id must not lock the
// client out. Failures are counted per client address (which is locked) and per claimed client id
// (which makes wrong attempts 429 too), apart from the successful calls per verified client.
describe("failed token requests", () => {
  const ATTACKER = "203.0.113.66";

  it("lock the address that sent 30 wrong secrets, and the real client still gets a token at once from its own", async () => {
    const tp = await thirdPartyWithClient(db);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) {
      last = await tokenRoute(tokenRequest(basic(tp.clientId, `guess-${i}`), ATTACKER));
      statuses.push(last.status);
    }
    const real = await tokenRoute(tokenRequest(basic(tp.clientId, tp.secret), "198.51.100.20"));
    expect(real.status).toBe(200);
    expect(tokenSchema.parse(await real.json()).access_token.startsWith("mst_")).toBe(true);

    expect(statuses).toEqual([...Array(10).fill(401), ...Array(20).fill(429)]);
    expect(tokenErrorSchema.parse(await last!.json()).error).toBe("slow_down");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);

    // The attacker's address is refused before the secret is looked at, even the right one.
    const fromAttacker = await tokenRoute(tokenRequest(basic(tp.clientId, tp.secret), ATTACKER));
    expect(fromAttacker.status).toBe(429);
    expect(await db.apiAccessToken.count()).toBe(1);
  });

  it("answer 429 to every wrong secret once a client id has too many failures from many addresses, while the right secret still works", async () => {
    const tp = await thirdPartyWithClient(db);
    const statuses: number[] = [];
    for (let i = 1; i <= 21; i++) statuses.push((await tokenRoute(tokenRequest(basic(tp.clientId, `guess-${i}`), `203.0.113.${i}`))).status);
    expect((await tokenRoute(tokenRequest(basic(tp.clientId, tp.secret), "203.0.113.23"))).status).toBe(200);
    expect(statuses).toEqual([...Array(20).fill(401), 429]);
    expect((await tokenRoute(tokenRequest(basic(tp.clientId, "guess-22"), "203.0.113.22"))).status).toBe(429);

    // Even from an address that guessed wrong before (but is not locked).
    expect((await tokenRoute(tokenRequest(basic(tp.clientId, tp.secret), "203.0.113.1"))).status).toBe(200);
    // Another client is not concerned.
    const other = await thirdPartyWithClient(db);
    expect((await tokenRoute(tokenRequest(basic(other.clientId, `${other.secret}x`), "203.0.113.24"))).status).toBe(401);
  });
});

describe("the consent-request API", () => {
  it("takes a request, reports its state, delivers values while active, and refuses once ended — every answer as documented", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-03" });
    const tp = await thirdPartyWithClient(db);
    const token = await tokenFor(tp.clientId, tp.secret);

    const created = await submitRoute(new Request(`${BASE}/consent-requests`, { method: "POST", headers: auth(token, { "Content-Type": "application/json" }), body: submitBody(home) }));
    expect(created.status).toBe(201);
    const request = consentRequestSchema.parse(await created.json());
    expect(request.state).toBe("AWAITING_CUSTOMER");
    expect(created.headers.get("location")).toBe(`/api/v1/consent-requests/${request.id}`);
    expect(created.headers.get("x-ratelimit-limit")).toBe("8");

    const polled = await getRoute(new Request(`${BASE}/consent-requests/${request.id}`, { headers: auth(token) }), ctx(request.id));
    expect(consentRequestSchema.parse(await polled.json()).state).toBe("AWAITING_CUSTOMER");
    const early = await valuesRoute(new Request(`${BASE}/consent-requests/${request.id}/meter-values?from=2026-11-01&to=2026-11-02`, { headers: auth(token) }), ctx(request.id));
    expect(early.status).toBe(403);
    expect((await problemOf(early)).code).toBe("CONSENT_NOT_ACTIVE");

    const user = await createUser(db, { memberships: [{ customerId: home.customer.id, role: "ADMINISTRATOR" }] });
    await db.$transaction((tx) => applyConsentEvent(tx, request.id, { type: "approve" }, { kind: "customer", userId: user.id }, new Date()));

    const values = await valuesRoute(new Request(`${BASE}/consent-requests/${request.id}/meter-values?from=2026-11-01&to=2026-11-03&resolution=P1D`, { headers: auth(token) }), ctx(request.id));
    expect(values.status).toBe(200);
    const body = meterValuesSchema.parse(await values.json());
    expect(body.values.map((v) => v.value)).toEqual([24, 24]);

    const list = consentRequestListSchema.parse(await (await listRoute(new Request(`${BASE}/consent-requests?state=ACTIVE`, { headers: auth(token) }))).json());
    expect(list.items.map((i) => i.id)).toEqual([request.id]);

    const ended = await terminateRoute(new Request(`${BASE}/consent-requests/${request.id}/terminate`, { method: "POST", headers: auth(token) }), ctx(request.id));
    expect(consentRequestSchema.parse(await ended.json()).state).toBe("TERMINATED_BY_THIRD_PARTY");
    const refused = await valuesRoute(new Request(`${BASE}/consent-requests/${request.id}/meter-values?from=2026-11-01&to=2026-11-02`, { headers: auth(token) }), ctx(request.id));
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toMatchObject({ code: "CONSENT_NOT_ACTIVE", status: 403 });

    const events = eventListSchema.parse(await (await eventsRoute(new Request(`${BASE}/events`, { headers: auth(token) }))).json());
    expect(events.items.map((e) => e.data.transition.to)).toEqual(["RECEIVED", "VALIDATED", "AWAITING_CUSTOMER", "ACTIVE", "TERMINATED_BY_THIRD_PARTY"]);
  });

  it("refuses malformed requests with VALIDATION_FAILED and field messages, storing nothing", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const tp = await thirdPartyWithClient(db);
    const token = await tokenFor(tp.clientId, tp.secret);
    const good = JSON.parse(submitBody(home)) as Record<string, unknown>;
    const post = (raw: string) => submitRoute(new Request(`${BASE}/consent-requests`, { method: "POST", headers: auth(token, { "Content-Type": "application/json" }), body: raw }));

    const notJson = await problemOf(await post("{not json"));
    expect(notJson.code).toBe("VALIDATION_FAILED");
    const missing = await problemOf(await post(JSON.stringify({ reference: "X-1" })));
    expect(missing.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["customerIdentityNumber", "meteringPointId", "purpose", "resolution", "dataFrom", "validTo"]));
    const badPoint = await problemOf(await post(JSON.stringify({ ...good, meteringPointId: `${home.installation.meteringPointId.slice(0, 17)}${(Number(home.installation.meteringPointId[17]) + 1) % 10}` })));
    expect(badPoint.errors).toEqual([{ path: "meteringPointId", message: expect.stringContaining("check digit") }]);
    const tooLong = await problemOf(await post(JSON.stringify({ ...good, validTo: daysFromNow(3 * 366).toISOString() })));
    expect(tooLong.errors?.[0]?.path).toBe("validTo");
    expect(await db.consentRequest.count()).toBe(0);
    expect(await db.consentEvent.count()).toBe(0);
  });

  it("answers 401 without a valid token, and 404 for another third party's request or a malformed id", async () => {
    const home = await householdWithValues(db, { from: "2026-11-01", to: "2026-11-02" });
    const owner = await thirdPartyWithClient(db);
    const ownerToken = await tokenFor(owner.clientId, owner.secret);
    const created = consentRequestSchema.parse(await (await submitRoute(new Request(`${BASE}/consent-requests`, { method: "POST", headers: auth(ownerToken), body: submitBody(home) }))).json());

    const none = await getRoute(new Request(`${BASE}/consent-requests/${created.id}`), ctx(created.id));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await problemOf(none)).code).toBe("UNAUTHENTICATED");
    expect((await problemOf(await getRoute(new Request(`${BASE}/consent-requests/${created.id}`, { headers: auth("mst_madeup") }), ctx(created.id)))).code).toBe("INVALID_TOKEN");
    const old = await issueAccessToken(owner.clientId, owner.secret, daysFromNow(-1));
    expect((await problemOf(await getRoute(new Request(`${BASE}/consent-requests/${created.id}`, { headers: auth(old.accessToken) }), ctx(created.id)))).code).toBe("INVALID_TOKEN");

    const other = await thirdPartyWithClient(db);
    const otherToken = await tokenFor(other.clientId, other.secret);
    for (const response of [
      await getRoute(new Request(`${BASE}/consent-requests/${created.id}`, { headers: auth(otherToken) }), ctx(created.id)),
      await valuesRoute(new Request(`${BASE}/consent-requests/${created.id}/meter-values?from=2026-11-01&to=2026-11-02`, { headers: auth(otherToken) }), ctx(created.id)),
      await terminateRoute(new Request(`${BASE}/consent-requests/${created.id}/terminate`, { method: "POST", headers: auth(otherToken) }), ctx(created.id)),
      await getRoute(new Request(`${BASE}/consent-requests/not-a-uuid`, { headers: auth(otherToken) }), ctx("not-a-uuid")),
    ]) {
      expect(response.status).toBe(404);
      expect((await problemOf(response)).code).toBe("NOT_FOUND");
    }
    const list = consentRequestListSchema.parse(await (await listRoute(new Request(`${BASE}/consent-requests`, { headers: auth(otherToken) }))).json());
    expect(list.items).toEqual([]);

    await db.thirdParty.update({ where: { id: owner.party.id }, data: { status: "SUSPENDED" } });
    const suspended = await getRoute(new Request(`${BASE}/consent-requests/${created.id}`, { headers: auth(ownerToken) }), ctx(created.id));
    expect(suspended.status).toBe(403);
    expect((await problemOf(suspended)).code).toBe("THIRD_PARTY_SUSPENDED");
  });

  it("answers 429 with Retry-After beyond the client's calls per minute", async () => {
    const tp = await thirdPartyWithClient(db);
    const token = await tokenFor(tp.clientId, tp.secret);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 9; i++) {
      last = await eventsRoute(new Request(`${BASE}/events`, { headers: auth(token) }));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await problemOf(last!)).code).toBe("RATE_LIMITED");
  });

  it("serves the OpenAPI document without a token", async () => {
    const response = openApiRoute();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; servers: { url: string }[] };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]!.url).toBe("http://localhost:3000/api/v1");
  });
});
