// Security headers (issue 10, item 13; docs/decisions/012-security-headers.md): every kind of
// response the production build sends carries them, and the portal works under its
// Content-Security-Policy, walked as a user and failing on any violation the browser reports.
//
// Personas (read only): Anna, Erik Eleg, support@. Anna starts approving Värmeanalys Norr AB's
// request and cancels at the provider, twice (with and without JavaScript): nothing changes.
import { expect, test, type APIResponse, type BrowserContext, type Page, type Response } from "@playwright/test";
import { ELEG_TEST_PERSONS } from "../src/fixtures/eleg-test-persons";
import { signIn, signInStaff, signOut } from "./support/auth";
import { actAtProvider } from "./support/eleg";
import { ANNA, SUPPORT_STAFF } from "./support/personas";

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'";
const ELEG_BUTTON = "Logga in med BankID / e-legitimation";
const VARMEANALYS = "Värmeanalys Norr AB";

type AnyResponse = APIResponse | Response;

async function headerValues(response: AnyResponse, name: string): Promise<string[]> {
  const all = "headersArray" in response ? await response.headersArray() : [];
  return all.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
}

/** The one Content-Security-Policy of a response, as directive → values (two policies would both apply). */
async function csp(response: AnyResponse, what: string): Promise<Map<string, string[]>> {
  const policies = await headerValues(response, "content-security-policy");
  expect(policies, `exactly one Content-Security-Policy on ${what}`).toHaveLength(1);
  return new Map(
    policies[0]!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

async function expectCommonHeaders(response: AnyResponse, what: string, { tls = false } = {}) {
  const one = async (name: string) => {
    const values = await headerValues(response, name);
    expect(values, `one ${name} on ${what}`).toHaveLength(1);
    return values[0]!;
  };
  expect(await one("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(await one("x-content-type-options"), what).toBe("nosniff");
  expect(await one("x-frame-options"), what).toBe("DENY");
  const permissions = await one("permissions-policy");
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(permissions, what).toContain(`${feature}=()`);
  if (tls) expect(await one("strict-transport-security"), what).toMatch(/^max-age=31536000; includeSubDomains$/);
  // Served over plain http: HSTS would be ignored at best, and wrong on a developer's machine.
  else expect(await headerValues(response, "strict-transport-security"), what).toEqual([]);
}

/** Route handlers, files, PDFs and exports: a policy that allows nothing at all. */
async function expectStrictHeaders(response: AnyResponse, what: string, options: { tls?: boolean } = {}) {
  expect((await headerValues(response, "content-security-policy")).join(" | "), what).toBe(STRICT_CSP);
  await expectCommonHeaders(response, what, options);
}

/** Pages: a nonce for Next's scripts, never inline or eval'd script; returns the nonce. */
async function expectPageHeaders(response: AnyResponse, what: string, options: { tls?: boolean; elegOrigin?: string } = {}): Promise<string> {
  const policy = await csp(response, what);
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v));
  expect(nonce, `a nonce in script-src on ${what}`).toBeTruthy();
  expect(scripts, what).toContain("'strict-dynamic'");
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  expect(policy.get("default-src"), what).toEqual(["'self'"]);
  expect(policy.get("object-src"), what).toEqual(["'none'"]);
  expect(policy.get("base-uri"), what).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors"), what).toEqual(["'none'"]);
  const formAction = policy.get("form-action") ?? [];
  expect(formAction[0], what).toBe("'self'");
  if (options.elegOrigin) expect(formAction, what).toEqual(["'self'", options.elegOrigin]);
  expect(policy.has("upgrade-insecure-requests"), what).toBe(Boolean(options.tls));
  await expectCommonHeaders(response, what, options);
  return nonce!.slice("'nonce-".length, -1);
}

/** Where the e-legitimation sign-in sends the browser: the provider's origin, from next-auth itself. */
/** The response, after checking its status. */
function withStatus(response: APIResponse, status: number): APIResponse {
  expect(response.status()).toBe(status);
  return response;
}

async function elegOrigin(page: Page): Promise<string> {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const answer = await page.request.post("/api/auth/signin/eleg", { form: { csrfToken, callbackUrl: "/", json: "true" } });
  return new URL((await answer.json()).url).origin;
}

test("every kind of response carries the security headers: pages, redirects, errors, route handlers, files, PDFs and exports", async ({ page, request, baseURL }) => {
  const eleg = await elegOrigin(page);
  expect(eleg).not.toBe(new URL(baseURL!).origin);

  // A page: its nonce is on every script Next writes, and a new one comes with every request.
  const signInPage = await request.get("/logga-in");
  expect(signInPage.status()).toBe(200);
  const nonce = await expectPageHeaders(signInPage, "/logga-in", { elegOrigin: eleg });
  const html = await signInPage.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(3);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
  expect(await expectPageHeaders(await request.get("/logga-in"), "/logga-in again")).not.toBe(nonce);

  // A redirect (signed out → /logga-in), a page that does not exist, a support page.
  await expectPageHeaders(withStatus(await request.get("/fakturor", { maxRedirects: 0 }), 307), "redirect from /fakturor");
  await expectPageHeaders(withStatus(await request.get("/finns-inte"), 404), "404 page");
  await expectPageHeaders(await request.get("/support/logga-in"), "/support/logga-in");

  // Route handlers: JSON, an error answer, next-auth, and a static file of the build.
  await expectStrictHeaders(withStatus(await request.get("/api/v1/openapi.json"), 200), "/api/v1/openapi.json");
  await expectStrictHeaders(withStatus(await request.get("/api/fakturor/finns-inte/pdf"), 401), "401 from a route handler");
  await expectStrictHeaders(await request.get("/api/auth/session"), "/api/auth/session");
  await expectStrictHeaders(await request.post("/api/v1/oauth/token", { form: { grant_type: "client_credentials" } }), "/api/v1/oauth/token");
  const script = html.match(/<script src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  expect(script).toBeTruthy();
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  await expectStrictHeaders(asset, script!);
  const css = html.match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1];
  await expectStrictHeaders(await request.get(css!), css!);

  // Only a configured proxy may say the request came in over TLS (decision 010): the portal's
  // server drops X-Forwarded-Proto from anybody else, so a client's claim changes nothing. What a
  // TLS-terminating proxy's "https" brings (HSTS, upgrade-insecure-requests) is pinned in
  // tests/security-headers.test.ts.
  const https = { "x-forwarded-proto": "https" };
  await expectPageHeaders(await request.get("/logga-in", { headers: https }), "/logga-in claiming https", { tls: false });
  await expectStrictHeaders(await request.get(script!, { headers: https }), `${script} claiming https`, { tls: false });
  await expectStrictHeaders(await request.get("/api/v1/openapi.json", { headers: https }), "API claiming https", { tls: false });

  // Signed in: an invoice PDF shown in the browser, and the sharing log as CSV and Excel.
  await signIn(page, ANNA.email);
  const start = await page.request.get("/");
  await expectPageHeaders(start, "start page, signed in", { elegOrigin: eleg });
  await page.goto("/fakturor");
  const pdfHref = await page.getByRole("link", { name: /^Öppna faktura \d+ som PDF$/ }).first().getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await expectStrictHeaders(pdf, "invoice PDF");
  await page.goto("/tredjepartsatkomst");
  const log = page.locator("#delningslogg");
  for (const format of ["CSV", "Excel"]) {
    const file = await page.request.get((await log.getByRole("link", { name: `Ladda ner ${format}` }).getAttribute("href"))!);
    expect(file.status()).toBe(200);
    await expectStrictHeaders(file, `sharing log as ${format}`);
  }
});

/**
 * Records every Content-Security-Policy violation in the pages of `context`: the browser's event
 * in each document, and its console message ("Refused to ...") for what happens before any script.
 */
async function watchForViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`),
      true,
    );
  });
  context.on("console", (message) => {
    if (/Refused to|Content.Security.Policy/i.test(message.text())) violations.push(`console on ${message.page()?.url()}: ${message.text()}`);
  });
  return violations;
}

test("the portal works under its Content-Security-Policy: a walk through the main pages reports no violation", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const violations = await watchForViolations(context);
  const page = await context.newPage();
  const step = async (name: string, body: () => Promise<void>) => {
    await test.step(name, body);
    expect(violations, `CSP violations by the end of "${name}"`).toEqual([]);
  };

  await step("sign in and the start page", async () => {
    await signIn(page, ANNA.email);
    await expect(page.getByText(`Inloggad som ${ANNA.name}`)).toBeVisible();
  });

  await step("Förbrukning with its chart, and the downloads", async () => {
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Förbrukning" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Förbrukning" })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
    for (const format of ["CSV", "Excel"]) {
      const downloading = page.waitForEvent("download");
      const answered = page.waitForResponse((r) => r.url().includes("/api/forbrukning/export"));
      await page.getByRole("button", { name: `Ladda ner ${format}` }).click();
      const response = await answered;
      expect(response.status()).toBe(200);
      await expectStrictHeaders(response, `consumption as ${format}`);
      expect((await downloading).suggestedFilename()).toMatch(format === "CSV" ? /\.csv$/ : /\.xlsx$/);
    }
  });

  await step("an invoice and its PDF", async () => {
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Fakturor" }).click();
    await page.getByRole("link", { name: /^Detaljer/ }).first().click();
    await expect(page.getByRole("region", { name: "Förklaring av fakturan" })).toBeVisible();
    const opened = page.waitForResponse((r) => r.url().includes("/pdf"));
    await page.getByRole("link", { name: "Öppna PDF" }).click();
    const pdf = await opened;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    await page.goBack();
    await expect(page.getByRole("region", { name: "Förklaring av fakturan" })).toBeVisible();
  });

  await step("Behörighet and Kunduppgifter", async () => {
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Behörighet" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Behörighet" })).toBeVisible();
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kunduppgifter" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kunduppgifter" })).toBeVisible();
  });

  await step("Tredjepartsåtkomst: signing sends the browser to the e-legitimation provider, cancelled there", async () => {
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Tredjepartsåtkomst" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tredjepartsåtkomst" })).toBeVisible();
    await approveAndCancel(page);
  });

  await step("the language switch, there and back", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    await page.getByRole("button", { name: "Svenska" }).click();
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeVisible();
  });

  await step("sign out", async () => {
    await signOut(page);
  });

  await step("the public pages: registration, forgotten password, an invitation link", async () => {
    await page.goto("/registrera");
    await page.getByRole("button", { name: "Skapa konto" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Kontrollera de markerade fälten.");
    await page.goto("/glomt-losenord");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/inbjudan/ingen-sadan-inbjudan");
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  });

  await step("sign in with e-legitimation through the local provider, and out", async () => {
    await page.goto("/logga-in");
    await page.getByRole("button", { name: ELEG_BUTTON }).click();
    await actAtProvider(page, ELEG_TEST_PERSONS.erik, "Legitimera");
    await page.waitForURL((url) => url.pathname === "/" && url.port !== "");
    await expect(page.getByText("Inloggad som Erik Eleg")).toBeVisible();
    await signOut(page);
  });

  await step("the support console", async () => {
    await signInStaff(page, SUPPORT_STAFF.email);
    await page.getByLabel("Sök kund eller användare").fill(ANNA.customerNumber);
    await page.getByRole("search").getByRole("button", { name: "Sök" }).click();
    await page.getByRole("link", { name: `${ANNA.customerNumber} – ${ANNA.name}` }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: ANNA.name })).toBeVisible();
    for (const [link, heading] of [["Händelselogg", "Händelselogg"], ["Importera mätvärden", /Importera mätvärden/], ["Tredjeparter", "Tredjeparter"]] as const) {
      await page.getByRole("navigation", { name: "Kundservicemeny" }).getByRole("link", { name: link, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
    await signOut(page, "/support/logga-in");
  });

  await context.close();
});

test("without JavaScript, the signing form's redirect to the e-legitimation provider is allowed by form-action", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const violations = await watchForViolations(context);
  const page = await context.newPage();
  // Signed in with JavaScript, then on without it: the session cookie is the context's.
  const scripted = await browser.newContext();
  await signIn(await scripted.newPage(), ANNA.email);
  await context.addCookies(await scripted.cookies());
  await scripted.close();

  await page.goto("/tredjepartsatkomst");
  await approveAndCancel(page);
  expect(violations).toEqual([]);
  await context.close();
});

/** Starts approving Värmeanalys Norr AB's request, signs at the provider… and cancels there. */
async function approveAndCancel(page: Page) {
  const pending = page.getByRole("region", { name: "Begäranden att hantera", exact: true });
  await pending.getByRole("row", { name: new RegExp(VARMEANALYS) }).getByRole("link", { name: /^Godkänn/ }).click();
  await page.waitForURL((url) => url.searchParams.get("atgard") === "godkann");
  await pending.getByRole("button", { name: "Signera med e-legitimation" }).click();
  await actAtProvider(page, ELEG_TEST_PERSONS.anna, "Avbryt");
  await page.waitForURL((url) => url.pathname === "/tredjepartsatkomst" && url.searchParams.get("signering") === "avbruten");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Signeringen avbröts. Inget har godkänts.");
}
