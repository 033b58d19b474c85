// Issue 6, the whole story: an energy service company asks for Anna's meter data through the API,
// the utility validates it, Anna approves in the browser by signing with e-legitimation, the
// company fetches values, Anna sees the delivery in her sharing log, ends the consent, and the
// company's next call is refused — with every change announced by a signed webhook.
//
// Changes: a new Energismart consent on Anna's grid installation (ended again at the end). No other
// spec reads Energismart's requests for Anna (e2e/support/personas.ts).
import { expect, test } from "@playwright/test";
import { makeMeteringPointId } from "../src/domain/identity";
import { verifyWebhookSignature } from "../src/domain/webhooks/webhook-signature";
import { ELEG_TEST_PERSONS } from "../src/fixtures/eleg-test-persons";
import { signIn } from "./support/auth";
import { actAtProvider } from "./support/eleg";
import { ANNA } from "./support/personas";
import { webhooksFor } from "./support/webhooks";

// The demo third party (src/fixtures/demo-third-party.ts; README).
const CLIENT = { id: "msc_demo_energismart", secret: "mss_demo_energismart_2026_hemlig", webhookSecret: "whsec_demo_energismart_2026" };
const COMPANY = "Energismart Sverige AB";
// Anna's grid installation: the demo's first Swedish metering point.
const ANNA_GRID = makeMeteringPointId("73599900000000001");

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

test("a third party's request goes from the API to Anna's approval and back, until she ends it", async ({ page, request }) => {
  // ---- The company gets a token and asks for hourly values -----------------------------------
  const tokenResponse = await request.post("/api/v1/oauth/token", {
    headers: { Authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString("base64")}` },
    form: { grant_type: "client_credentials" },
  });
  expect(tokenResponse.status()).toBe(200);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const api = { Authorization: `Bearer ${token}` };

  const reference = `ES-E2E-${Date.now()}`;
  const submitted = await request.post("/api/v1/consent-requests", {
    headers: api,
    data: {
      reference,
      customerIdentityNumber: ANNA.nationalId,
      meteringPointId: ANNA_GRID,
      purpose: "Energirådgivning: vi jämför din elanvändning timme för timme med liknande villor.",
      resolution: "PT1H",
      dataFrom: isoDay(new Date(Date.now() - 365 * 86_400_000)),
      validTo: new Date(Date.now() + 2 * 365 * 86_400_000).toISOString(),
    },
  });
  expect(submitted.status()).toBe(201);
  const consent = (await submitted.json()) as { id: string; state: string };
  // Validated by the rules at once: it waits for Anna.
  expect(consent.state).toBe("AWAITING_CUSTOMER");
  const presented = await webhooksFor(consent.id, "consent_request.awaiting_customer");
  expect(presented.map((h) => h.eventType)).toEqual(["consent_request.received", "consent_request.validated", "consent_request.awaiting_customer"]);

  // Nothing to fetch before Anna has answered.
  const month = { from: isoDay(new Date(Date.now() - 40 * 86_400_000)).slice(0, 8) + "01" };
  const to = isoDay(new Date(Date.parse(`${month.from}T00:00:00Z`) + 7 * 86_400_000));
  const valuesUrl = `/api/v1/consent-requests/${consent.id}/meter-values?from=${month.from}&to=${to}`;
  const early = await request.get(valuesUrl, { headers: api });
  expect(early.status()).toBe(403);
  expect(((await early.json()) as { code: string }).code).toBe("CONSENT_NOT_ACTIVE");

  // ---- Anna approves in the browser, signing with e-legitimation ------------------------------
  await signIn(page, ANNA.email);
  await page.goto("/tredjepartsatkomst");
  await expect(page.getByRole("heading", { level: 1, name: "Tredjepartsåtkomst" })).toBeVisible();
  const pending = page.getByRole("table", { name: "Begäranden om mätvärden som väntar på ditt svar" });
  const row = pending.getByRole("row").filter({ hasText: COMPANY });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Timvärden");
  await row.getByRole("link", { name: /^Godkänn/ }).click();
  await page.getByRole("button", { name: "Signera med e-legitimation" }).click();
  await actAtProvider(page, ELEG_TEST_PERSONS.anna, "Signera");
  await page.waitForURL((url) => url.pathname === "/tredjepartsatkomst" && url.port !== "");
  await expect(page.getByRole("status").filter({ hasText: "Klart! Begäran är godkänd." })).toBeVisible();
  const active = page.getByRole("table", { name: "Aktiva medgivanden", exact: true });
  await expect(active.getByRole("row").filter({ hasText: COMPANY })).toHaveCount(1);
  await webhooksFor(consent.id, "consent_request.active");

  // ---- The company fetches a week of hourly values ---------------------------------------------
  const polled = (await (await request.get(`/api/v1/consent-requests/${consent.id}`, { headers: api })).json()) as { state: string; validTo: string };
  expect(polled.state).toBe("ACTIVE");
  const values = await request.get(valuesUrl, { headers: api });
  expect(values.status()).toBe(200);
  const body = (await values.json()) as { valueCount: number; values: { value: number | null }[]; unit: string };
  expect(body.unit).toBe("kWh");
  expect(body.values.length).toBeGreaterThanOrEqual(7 * 24 - 1);
  expect(body.valueCount).toBeGreaterThan(150);

  // ---- Anna sees the delivery in her sharing log -------------------------------------------------
  await page.goto("/tredjepartsatkomst");
  const log = page.getByRole("table", { name: "Delningslogg: leveranser av mätvärden till företag" });
  const delivery = log.getByRole("row").filter({ hasText: COMPANY }).first();
  await expect(delivery).toContainText(String(body.valueCount));
  await expect(delivery).toContainText("Timvärden");

  // ---- Anna ends the consent ("Avsluta") ---------------------------------------------------------
  await active.getByRole("row").filter({ hasText: COMPANY }).getByRole("link", { name: /^Avsluta/ }).click();
  await page.getByRole("button", { name: "Ja, avsluta medgivandet" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Medgivandet för ${COMPANY} är avslutat.` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Aktiva medgivanden", exact: true }).getByRole("row").filter({ hasText: COMPANY })).toHaveCount(0);

  // ---- The company's next call is refused, and it was told ------------------------------------
  const refused = await request.get(valuesUrl, { headers: api });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { code: string }).code).toBe("CONSENT_NOT_ACTIVE");
  const hooks = await webhooksFor(consent.id, "consent_request.terminated_by_customer");
  expect(hooks.map((h) => h.eventType)).toEqual([
    "consent_request.received",
    "consent_request.validated",
    "consent_request.awaiting_customer",
    "consent_request.active",
    "consent_request.terminated_by_customer",
  ]);
  const now = Math.floor(Date.now() / 1000);
  for (const hook of hooks) expect(verifyWebhookSignature(hook.raw, hook.signature, CLIENT.webhookSecret, now, 600)).toMatchObject({ ok: true });
  // A company that missed webhooks finds the same story in the event feed.
  const events = (await (await request.get("/api/v1/events", { headers: api })).json()) as { items: { data: { consentRequest: { id: string } }; type: string }[] };
  expect(events.items.filter((e) => e.data.consentRequest.id === consent.id).map((e) => e.type).at(-1)).toBe("consent_request.terminated_by_customer");
});
