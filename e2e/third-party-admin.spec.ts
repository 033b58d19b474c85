// The support console's side of third-party access (issue 6): the register of energy service
// companies, API clients and their secrets, and the review queue.
//
// Personas (e2e/support/personas.ts): admin@ registers "Testenergi E2E AB" (559321-7648, made here
// only) and creates, rotates and revokes its API client; support@ only looks; the demo's one
// NEEDS_REVIEW request (Värmeanalys Norr AB, VA-2026-298 for Fastighets AB Norrsken) is REJECTED
// by support here, so no customer sees a new request because of this spec.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { signInStaff } from "./support/auth";
import { SUPPORT_STAFF } from "./support/personas";

const ADMIN_STAFF = { email: "admin@minasidor.example.com" } as const;
const COMPANY = { name: "Testenergi E2E AB", organisationNumber: "559321-7648", email: "api@testenergi-e2e.example.com" } as const;
const REVIEWED = { company: "Värmeanalys Norr AB", reference: "VA-2026-298", customer: "4000001 – Fastighets AB Norrsken" } as const;

async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

const consoleNav = (page: Page) => page.getByRole("navigation", { name: "Kundservicemeny" });

/** The value shown once in a secret box, by its label. */
async function shownSecret(box: Locator, label: string | RegExp): Promise<string> {
  const item = box.locator("div").filter({ has: box.page().locator("dt", { hasText: label }) });
  const value = (await item.locator("code").textContent())?.trim() ?? "";
  expect(value).not.toBe("");
  return value;
}

/** POST /api/v1/oauth/token with client_secret_post; the HTTP status tells whether the secret works. */
async function tokenStatus(request: APIRequestContext, clientId: string, clientSecret: string): Promise<number> {
  const response = await request.post("/api/v1/oauth/token", { form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret } });
  return response.status();
}

test("an administrator registers a company, sees each secret once, and creates, rotates and revokes an API client", async ({ page }) => {
  await signInStaff(page, ADMIN_STAFF.email);
  await consoleNav(page).getByRole("link", { name: "Tredjeparter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tredjeparter" })).toBeVisible();
  const register = page.getByRole("table", { name: "Registrerade energitjänsteföretag" });
  for (const name of ["Energismart Sverige AB", "Värmeanalys Norr AB", "Solkollen AB"]) await expect(register.getByRole("rowheader", { name })).toBeVisible();
  await expectNoAxeViolations(page);

  // A plain-http webhook and a wrong check digit: field errors, what was typed stays, nothing is
  // registered. (The organisation number is checked once the other fields are valid.)
  const form = page.getByRole("region", { name: "Registrera energitjänsteföretag" });
  await form.getByLabel(/^Organisationsnummer/).fill("559321-7649");
  await form.getByLabel(/^Företagets namn/).fill(COMPANY.name);
  await form.getByLabel(/^E-postadress till teknisk kontakt/).fill(COMPANY.email);
  await form.getByLabel(/^Webhook-adress/).fill("http://hooks.testenergi-e2e.example.com/in");
  await form.getByRole("button", { name: "Registrera företaget" }).click();
  await expect(form.getByRole("alert")).toHaveText("Kontrollera de markerade fälten.");
  await expect(form.getByText(/^Ange en fullständig adress som börjar med https:\/\//)).toBeVisible();
  await expect(form.getByLabel(/^Webhook-adress/)).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel(/^Företagets namn/)).toHaveValue(COMPANY.name);
  await expectNoAxeViolations(page);

  await form.getByLabel(/^Webhook-adress/).fill("https://hooks.testenergi-e2e.example.com/in");
  await form.getByRole("button", { name: "Registrera företaget" }).click();
  await expect(form.getByText(/^Ange ett giltigt organisationsnummer/)).toBeVisible();
  await expect(form.getByLabel(/^Organisationsnummer/)).toHaveAttribute("aria-invalid", "true");
  await expect(register.getByRole("rowheader", { name: COMPANY.name })).toHaveCount(0);

  await form.getByLabel(/^Organisationsnummer/).fill(COMPANY.organisationNumber);
  await form.getByRole("button", { name: "Registrera företaget" }).click();
  const created = form.getByRole("status").filter({ hasText: `${COMPANY.name} är registrerat.` });
  await expect(created).toBeVisible();
  await expect(created).toContainText("Den visas inte igen");
  const webhookSecret = await shownSecret(created, `Webhook-hemlighet för ${COMPANY.name}`);
  expect(webhookSecret).toMatch(/^whsec_/);
  await expect(register.getByRole("rowheader", { name: COMPANY.name })).toBeVisible();
  await expectNoAxeViolations(page);

  // The company page never shows the secret again.
  await form.getByRole("link", { name: `Gå till ${COMPANY.name} för att skapa en API-klient` }).click();
  await expect(page.getByRole("heading", { level: 1, name: COMPANY.name })).toBeVisible();
  await expect(page.getByText(`Organisationsnummer ${COMPANY.organisationNumber}`)).toBeVisible();
  await expect(page.getByText("Företaget har inga API-klienter ännu.")).toBeVisible();
  expect(await page.content()).not.toContain(webhookSecret);
  await expectNoAxeViolations(page);

  // A new webhook secret, shown once.
  const webhook = page.getByRole("region", { name: "Webhook-hemlighet" });
  await webhook.locator("summary", { hasText: "Byt webhook-hemlighet" }).click();
  await webhook.getByRole("button", { name: "Skapa ny webhook-hemlighet" }).click();
  const replaced = webhook.getByRole("status").filter({ hasText: "Webhook-hemligheten är bytt." });
  await expect(replaced).toBeVisible();
  const newWebhookSecret = await shownSecret(replaced, "Ny webhook-hemlighet");
  expect(newWebhookSecret).toMatch(/^whsec_/);
  expect(newWebhookSecret).not.toBe(webhookSecret);

  // A new API client: client id and secret shown once, and the secret gets a token.
  const clients = page.getByRole("region", { name: "API-klienter" });
  await clients.getByLabel(/^Namn på klienten/).fill("Produktion");
  await clients.getByRole("button", { name: "Skapa API-klient" }).click();
  const createdClient = clients.getByRole("status").filter({ hasText: "API-klienten Produktion är skapad." });
  await expect(createdClient).toBeVisible();
  const clientId = await shownSecret(createdClient, "Klient-id (client_id)");
  const firstSecret = await shownSecret(createdClient, "Klienthemlighet (client_secret)");
  expect(clientId).toMatch(/^msc_/);
  expect(firstSecret).toMatch(/^mss_/);
  const row = clients.getByRole("table", { name: "Företagets API-klienter" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: clientId }) });
  await expect(row).toContainText("Produktion");
  await expect(row).toContainText(`${firstSecret.slice(0, 8)}…`);
  await expect(row).toContainText("Aktiv");
  expect(await tokenStatus(page.request, clientId, firstSecret)).toBe(200);
  await expectNoAxeViolations(page);

  // Rotation with an hour's grace: both secrets work for now.
  const actions = page.getByRole("region", { name: `Åtgärder för Produktion (${clientId})` });
  await actions.locator("summary", { hasText: "Byt hemlighet" }).click();
  await actions.getByRole("group", { name: "Hur länge ska den gamla hemligheten fortsätta fungera?" }).getByLabel("1 timme").check();
  await actions.getByRole("button", { name: "Skapa ny hemlighet" }).click();
  const rotated = actions.getByRole("status").filter({ hasText: "En ny hemlighet är skapad." });
  await expect(rotated).toBeVisible();
  const secondSecret = await shownSecret(rotated, `Ny klienthemlighet för ${clientId}`);
  expect(secondSecret).not.toBe(firstSecret);
  await expect(actions.getByText(/^Den gamla hemligheten fungerar till \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/)).toBeVisible();
  await expect(row).toContainText(`${secondSecret.slice(0, 8)}…`);
  await expect(row).toContainText(/fungerar till \d{4}-\d{2}-\d{2}/);
  expect(await tokenStatus(page.request, clientId, firstSecret)).toBe(200);
  expect(await tokenStatus(page.request, clientId, secondSecret)).toBe(200);
  await expectNoAxeViolations(page);

  // Revocation asks for confirmation, then stops the client at once.
  await actions.locator("summary", { hasText: "Återkalla" }).click();
  await actions.getByRole("button", { name: "Återkalla klienten" }).click();
  await expect(actions.getByText("Bekräfta att du förstår vad som händer.")).toBeVisible();
  await actions.getByLabel("Jag förstår att klienten slutar fungera direkt").check();
  await actions.getByRole("button", { name: "Återkalla klienten" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "API-klienten är återkallad." })).toBeVisible();
  await expect(row).toContainText(/Återkallad \d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole("region", { name: `Åtgärder för Produktion (${clientId})` })).toHaveCount(0);
  expect(await tokenStatus(page.request, clientId, secondSecret)).toBe(401);
  expect(await tokenStatus(page.request, clientId, firstSecret)).toBe(401);
  expect(await page.content()).not.toContain(secondSecret);

  // The audit log names what was done.
  await page.goto(`/support/logg?handelse=thirdParty.apiClientRevoked`);
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "API-klient återkallad" }) }).first()).toBeVisible();
  await page.goto(`/support/logg?handelse=thirdParty.registered`);
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Energitjänsteföretag registrerat" }) }).filter({ hasText: COMPANY.name })).toBeVisible();
});

test("support staff see the register and a company but no register forms", async ({ page }) => {
  await signInStaff(page, SUPPORT_STAFF.email);
  await consoleNav(page).getByRole("link", { name: "Tredjeparter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tredjeparter" })).toBeVisible();
  const energismart = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Energismart Sverige AB" }) });
  await expect(energismart).toContainText("api@energismart.example.com");
  await expect(energismart).toContainText("Aktivt");
  await expect(page.getByText("Bara administratörer kan ändra registret.", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Registrera energitjänsteföretag" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Registrera företaget" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await energismart.getByRole("link", { name: "Energismart Sverige AB" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Energismart Sverige AB" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Företagets API-klienter" }).getByRole("rowheader", { name: "msc_demo_energismart" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Företagets begäranden per läge" })).toBeVisible();
  for (const heading of ["Ändra uppgifter", "Skapa API-klient"]) await expect(page.getByRole("heading", { name: heading })).toHaveCount(0);
  await expect(page.locator("summary")).toHaveCount(0);
  for (const button of ["Spara ändringarna", "Skapa ny webhook-hemlighet", "Skapa ny hemlighet", "Återkalla klienten", "Skapa API-klient"]) {
    await expect(page.getByRole("button", { name: button })).toHaveCount(0);
  }
  await expectNoAxeViolations(page);

  // English, by the language switch (from a full page load: the console layout's return address
  // is the path it was rendered for, and client-side navigation does not render it again).
  await page.reload();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "Back to third parties" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API clients" })).toBeVisible();
  await expect(page.getByRole("table", { name: "The company's requests by state" }).getByRole("rowheader", { name: "Waiting for the customer" })).toBeVisible();
  await expect(page.getByText(/^Organisation number \d{6}-\d{4} · registered \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Customer service menu" }).getByRole("link", { name: /^Review queue/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page.getByRole("heading", { name: "API-klienter" })).toBeVisible();
});

test("support reviews the queued request: the reason is shown and a rejection needs a reason", async ({ page }) => {
  await signInStaff(page, SUPPORT_STAFF.email);
  const queueLink = consoleNav(page).getByRole("link", { name: /^Granskningskö/ });
  await expect(queueLink).toContainText(/\d+/);
  await queueLink.click();
  await expect(page.getByRole("heading", { level: 1, name: "Granskningskö" })).toBeVisible();

  const request = page.getByRole("article", { name: `${REVIEWED.company} – referens ${REVIEWED.reference}` });
  await expect(request).toContainText("Historiken börjar före kundens tillträde");
  await expect(request).toContainText("Dygnsvärden från");
  await expect(request).toContainText("Värmeanalys: jämförelse av fastighetens värmeanvändning med de senaste tio åren.");
  await expect(request.getByRole("link", { name: REVIEWED.customer })).toHaveAttribute("href", /^\/support\/kunder\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page);

  await request.locator("summary", { hasText: "Avvisa" }).click();
  await request.getByRole("button", { name: "Avvisa begäran" }).click();
  await expect(request.getByText(/^Skriv varför begäran avvisas/)).toBeVisible();
  await expectNoAxeViolations(page);
  await request.getByLabel(/^Skäl/).fill("Historiken före kundens tillträde tillhör en tidigare kund; be om data från tillträdet.");
  await request.getByRole("button", { name: "Avvisa begäran" }).click();

  await expect(page.getByRole("main").getByRole("status")).toHaveText("Begäran är avvisad och företaget har fått skälet.");
  await expect(page.getByRole("article", { name: `${REVIEWED.company} – referens ${REVIEWED.reference}` })).toHaveCount(0);

  await page.goto("/support/logg?handelse=thirdParty.request.reviewRejected");
  const entry = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Begäran avvisad vid granskning" }) }).first();
  await expect(entry).toContainText(SUPPORT_STAFF.name);
  await expect(entry).toContainText("4000001");
  await expect(entry).toContainText("tidigare kund");
});
