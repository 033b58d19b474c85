// The penetration test's story (issue 10, item 1), end to end, and how it fails now: a household
// (Anna) invites a made-up management company to an address she controls, accepts it, and
// registers Fastighets AB Norrsken as a client with Norrsken's customer number and organisation
// number from the demo. She gets no access: Norrsken's administrator sees a pending request (start
// page, Behörighet, a mail) and declines it; no Norrsken installation is reachable, by page or URL.
// A second story: the administrator accepts a request for two installations, and the company gets
// exactly those two. docs/decisions/015-management-company-trust.md.
//
// Personas (e2e/support/personas.ts): Anna invites a new made-up company (a new organisation
// number and address each run) to 1000001; ekonomi@ declines its request for 4000001 and accepts
// its request for 4000002 for two installations. Anna's own account gets no new access.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support/auth";
import { latestMailTo, type Mail } from "./support/mail";
import { ANNA, NORRSKEN, NORRSKEN_ADMIN } from "./support/personas";

const NEW_PASSWORD = "ett-bra-losenord";

/** A valid organisation number nobody has, new for every run (559 = aktiebolag, Luhn check digit). */
function madeUpOrganisationNumber(): string {
  const body = `559${String(Date.now() % 1_000_000).padStart(6, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${body.slice(0, 6)}-${body.slice(6)}${(10 - (sum % 10)) % 10}`;
}

function invitationPathFrom(mail: Mail): string {
  const match = mail.text.match(/https?:\/\/\S+?(\/inbjudan\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`No invitation link in mail ${mail.file}:\n${mail.text}`);
  return match[1]!;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Anna, signed in as the household's administrator, invites a made-up management company to an
 * address she controls and accepts the invitation there: she administers a company of her own.
 */
async function annaMakesACompany(page: Page, name: string) {
  const company = { name, organisationNumber: madeUpOrganisationNumber(), email: `anna.bolaget-${Date.now().toString(36)}@example.com` };
  await signIn(page, ANNA.email);
  await page.goto("/behorighet");
  const companies = page.getByRole("region", { name: "Förvaltningsbolag", exact: true });
  await companies.getByLabel("Förvaltningsbolagets organisationsnummer").fill(company.organisationNumber);
  await companies.getByLabel(/^Förvaltningsbolagets namn/).fill(company.name);
  await companies.getByLabel("Administratörens e-postadress").fill(company.email);
  const since = Date.now();
  await companies.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(companies.getByRole("status")).toHaveText(`En inbjudan har skickats till ${company.email}.`);
  await signOut(page);

  await page.goto(invitationPathFrom(await latestMailTo(company.email, { since })));
  await expect(page.getByText(`Förvaltningsbolaget ${company.name} (organisationsnummer ${company.organisationNumber}) är inte registrerat`)).toBeVisible();
  await page.getByLabel(/^Ditt namn/).fill("Anna som förvaltare");
  await page.getByLabel(/^Lösenord/).fill(NEW_PASSWORD);
  await page.getByLabel(/^Upprepa lösenordet/).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Skapa konto och acceptera" }).click();
  await page.waitForURL((url) => url.pathname === "/forvaltning");
  await expect(page.getByRole("heading", { level: 2, name: company.name })).toBeVisible();
  return company;
}

/** On Förvaltning, the company's administrator registers a client with its public numbers only. */
async function registerClient(page: Page, customerNumber: string) {
  const register = page.getByRole("region", { name: "Registrera kund", exact: true });
  await register.getByLabel("Kundens kundnummer").fill(customerNumber);
  await register.getByLabel("Kundens organisationsnummer").fill(NORRSKEN.organisationNumber);
  await register.getByRole("button", { name: "Registrera kund" }).click();
  await expect(register.getByRole("status")).toHaveText(`En förfrågan om behörighet till kund ${customerNumber} har skickats till kundens administratörer.`);
  return register;
}

/** Norrsken's installations of one customer number as its administrator sees them: names and addresses. */
async function norrskenInstallations(page: Page, customerId: string) {
  await page.goto(`/anlaggningar?kund=${customerId}`);
  const links = page.getByRole("table").getByRole("rowheader").getByRole("link");
  await expect(links.first()).toBeVisible();
  const out: { name: string; path: string }[] = [];
  for (const link of await links.all()) out.push({ name: (await link.innerText()).split("\n")[0]!.trim(), path: (await link.getAttribute("href"))! });
  return out;
}

test("the takeover fails: Anna's own company registers Fastighets AB Norrsken and gets a request the administrator declines, nothing reachable", async ({ page }) => {
  // A Norrsken installation's address, to try later as the company.
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/anlaggningar");
  const norrskenLink = page.getByRole("table").getByRole("rowheader").getByRole("link").first();
  const norrskenPath = (await norrskenLink.getAttribute("href"))!;
  const norrskenName = (await norrskenLink.innerText()).split("\n")[0]!.trim();
  await signOut(page);

  const company = await annaMakesACompany(page, "Annas Förvaltning AB");
  const since = Date.now();
  const register = await registerClient(page, NORRSKEN.customerNumbers[0]);
  // Pending, by the number she typed; no client, nothing to hand out.
  const pending = register.getByRole("row", { name: new RegExp(NORRSKEN.customerNumbers[0]) });
  await expect(pending).toContainText("Väntar på kundens svar");
  const clients = page.getByRole("region", { name: "Kunder", exact: true });
  await expect(clients).not.toContainText(NORRSKEN.name);
  await expect(clients.getByRole("region", { name: new RegExp(NORRSKEN.customerNumbers[0]) })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // No Norrsken installation is reachable: not in lists, not by its address.
  await page.goto("/anlaggningar");
  await expect(page.getByRole("main")).not.toContainText(norrskenName);
  const direct = await page.goto(norrskenPath);
  expect(direct?.status()).toBe(404);
  await expect(page.getByText(norrskenName)).toHaveCount(0);
  await signOut(page);

  // Norrsken's administrator is told: a mail, a notice on the start page, the request on Behörighet.
  const mail = await latestMailTo(NORRSKEN_ADMIN.email, { since });
  expect(mail.subject).toBe(`${company.name} ber om behörighet till ${NORRSKEN.name} på Mina sidor`);
  expect(mail.text).toContain(`Förfrågan skickades av Anna som förvaltare (${company.email})`);
  await signIn(page, NORRSKEN_ADMIN.email);
  const notice = page.getByRole("note").filter({ hasText: "väntar på ert svar om behörighet" });
  await expect(notice).toContainText("Ett förvaltningsbolag väntar på ert svar om behörighet till era anläggningar.");
  await notice.getByRole("link").click();
  await page.waitForURL((url) => url.pathname === "/behorighet");
  await expect(page.getByRole("heading", { level: 2, name: `Behörigheter för ${NORRSKEN.name} (${NORRSKEN.customerNumbers[0]})` })).toBeVisible();
  const requests = page.getByRole("region", { name: "Förfrågningar från förvaltningsbolag", exact: true });
  const request = requests.getByRole("region", { name: company.name, exact: true });
  await expect(request).toContainText(company.organisationNumber);
  await expect(request).toContainText(`Anna som förvaltare (${company.email})`);
  await expectNoAxeViolations(page);

  // Declined: gone from the list, in the log.
  await request.locator("summary", { hasText: "Neka" }).click();
  await request.getByRole("button", { name: "Ja, neka" }).click();
  await expect(requests).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Behörighetslogg", exact: true }).getByRole("row", { name: /Förfrågan från förvaltningsbolag nekad/ }).first()).toContainText(company.name);
  await expect(page.getByRole("region", { name: "Förvaltningsbolag", exact: true })).not.toContainText(company.name);
  await signOut(page);

  // The company sees it declined, and still reaches nothing.
  await signIn(page, company.email, NEW_PASSWORD);
  await page.goto("/forvaltning");
  await expect(page.getByRole("region", { name: "Registrera kund", exact: true }).getByRole("row", { name: new RegExp(NORRSKEN.customerNumbers[0]) })).toContainText("Nekad av kunden");
  expect((await page.goto(norrskenPath))?.status()).toBe(404);
  await signOut(page);
});

test("accepted for two installations, the company gets exactly those two", async ({ page }) => {
  const company = await annaMakesACompany(page, "Annas Andra Förvaltning AB");
  await registerClient(page, NORRSKEN.customerNumbers[1]);
  await signOut(page);

  // Norrsken's administrator accepts it for two of 4000002's installations.
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.getByRole("note").filter({ hasText: "väntar på ert svar om behörighet" }).getByRole("link").click();
  await page.waitForURL((url) => url.pathname === "/behorighet");
  const customerId = new URL(page.url()).searchParams.get("kund")!;
  await expect(page.getByRole("heading", { level: 2, name: `Behörigheter för ${NORRSKEN.name} (${NORRSKEN.customerNumbers[1]})` })).toBeVisible();
  const request = page.getByRole("region", { name: "Förfrågningar från förvaltningsbolag", exact: true }).getByRole("region", { name: company.name, exact: true });
  await request.getByLabel("Utvalda anläggningar").check();
  const choices = request.getByRole("group", { name: "Välj anläggningar" });
  const names = (await choices.locator("label").allInnerTexts()).map((t) => t.split("\n")[0]!.trim());
  const accepted = names.slice(0, 2);
  for (const name of accepted) await choices.getByRole("checkbox", { name: new RegExp(`^${escape(name)}(\\s|$)`) }).check();
  await request.getByRole("button", { name: new RegExp(`^Godkänn`) }).click();
  const active = page.getByRole("region", { name: "Förvaltningsbolag", exact: true }).getByRole("row", { name: new RegExp(company.name) });
  await expect(active).toContainText("Aktivt");
  await expect(active).toContainText(`Förfrågan godkänd av ${NORRSKEN_ADMIN.name}`);
  await expect(active).toContainText("2 anläggningar");
  const all = await norrskenInstallations(page, customerId);
  const notAccepted = all.find((i) => !accepted.includes(i.name))!;
  await signOut(page);

  // The company gives itself access to everything the grant allows: exactly the two.
  await signIn(page, company.email, NEW_PASSWORD);
  await page.goto("/forvaltning");
  const client = page.getByRole("region", { name: `${NORRSKEN.name} (${NORRSKEN.customerNumbers[1]})`, exact: true });
  await expect(client).toContainText("2 anläggningar");
  await expect(client).toContainText("förfrågan godkänd av kunden");
  await client.getByText("Ge förvaltare behörighet").click();
  await client.getByLabel("Förvaltare", { exact: true }).selectOption({ label: `Anna som förvaltare (${company.email})` });
  await client.getByLabel("Fullständig", { exact: true }).check();
  await client.getByRole("button", { name: "Ge behörighet" }).click();
  await expect(client.getByRole("status")).toHaveText("Förvaltaren har fått behörighet.");
  await page.goto("/anlaggningar");
  await expect(page.getByText("Visar 1–2 av 2")).toBeVisible();
  const rows = await page.getByRole("table").getByRole("rowheader").allInnerTexts();
  expect(rows.map((r) => r.split("\n")[0]!.trim()).sort()).toEqual([...accepted].sort());
  expect((await page.goto(notAccepted.path))?.status()).toBe(404);
  // A manager through a company cannot change the customer's details.
  await page.goto("/kunduppgifter");
  await expect(page.getByRole("note")).toContainText("Du har behörighet genom ett förvaltningsbolag");
  await expect(page.getByRole("button", { name: "Spara" })).toHaveCount(0);
  await signOut(page);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
