// Behörighet and Förvaltning: inviting a user who accepts by creating an account, changing the
// level, and the whole management company flow (invite the company by number and name → the
// invited address accepts, which registers it under that name → its administrator invites a manager
// → grants two installations → the manager sees exactly those two).
//
// Personas: ekonomi@norrsken (administrator of 4000001) invites new addresses to 4000001 and
// invites a new management company (org. no. 556036-0793) for three of 4000001's installations.
// Everyone else in these tests is created here. No existing user's access is changed.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support/auth";
import { inviteUser, invitationPathFrom } from "./support/invitations";
import { latestMailTo } from "./support/mail";
import { NORRSKEN, NORRSKEN_ADMIN } from "./support/personas";

const CUSTOMER = `${NORRSKEN.name} (4000001)`;
const NEW_PASSWORD = "ett-bra-losenord";
const COMPANY = { name: "Förvaltning Syd AB", organisationNumber: "556036-0793" } as const;
const stamp = Date.now().toString(36);

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}


/** Opens an invitation link signed out and accepts it by creating an account. */
async function acceptByCreatingAccount(page: Page, path: string, name: string, extra?: (page: Page) => Promise<void>) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Inbjudan till Mina sidor" })).toBeVisible();
  await page.getByLabel(/^Ditt namn/).fill(name);
  await page.getByLabel(/^Lösenord/).fill(NEW_PASSWORD);
  await page.getByLabel(/^Upprepa lösenordet/).fill(NEW_PASSWORD);
  await extra?.(page);
  await page.getByRole("button", { name: "Skapa konto och acceptera" }).click();
}

test("an administrator invites a user, who accepts by creating an account; Read shows no edit controls until the level is changed", async ({ page }) => {
  const invitee = `inbjuden-${stamp}@example.com`;
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/behorighet");
  await expect(page.getByRole("heading", { level: 2, name: `Behörigheter för ${CUSTOMER}` })).toBeVisible();
  await expectNoAxeViolations(page);

  const mail = await inviteUser(page, invitee, "Läs");
  await expect(page.getByRole("region", { name: "Väntande inbjudningar", exact: true }).getByRole("row", { name: new RegExp(invitee) })).toContainText("Läs");

  expect(mail.subject).toBe(`Inbjudan till ${NORRSKEN.name} på Mina sidor`);
  expect(mail.text).toContain("Eva Ekonom har bjudit in dig till Fastighets AB Norrsken (kundnummer 4000001) på Mina sidor med behörigheten Läs.");
  const path = invitationPathFrom(mail);
  await signOut(page);

  // Signed out: the page says what is offered; creating the account accepts and signs in.
  await page.goto(path);
  await expect(page.getByText(`Eva Ekonom har bjudit in dig till ${CUSTOMER} på Mina sidor med behörigheten Läs.`)).toBeVisible();
  await expect(page.getByLabel("E-postadress")).toHaveValue(invitee);
  await expectNoAxeViolations(page);
  await acceptByCreatingAccount(page, path, "Ines Inbjuden");
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByText("Inloggad som Ines Inbjuden")).toBeVisible();
  await expect(page.getByText("kundnummer 4000001")).toBeVisible();

  // Read: Kunduppgifter without a form, Behörighet without anything to manage.
  await page.goto("/kunduppgifter");
  await expect(page.getByRole("note")).toContainText("Du har läsbehörighet för den här kunden");
  await expect(page.getByRole("button", { name: "Spara" })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await page.goto("/behorighet");
  await expect(page.getByRole("row", { name: /4000001/ })).toContainText("Läs");
  await expect(page.getByText("Endast kundens administratörer kan se och ändra vem som har behörighet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Skicka inbjudan" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Användare", exact: true })).toHaveCount(0);

  // The link works once.
  await page.goto(path);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Inbjudan har redan använts.");
  await page.goto("/");
  await signOut(page);

  // The administrator raises the level to Full; the log says so.
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/behorighet");
  const row = page.getByRole("region", { name: "Användare", exact: true }).getByRole("row", { name: /Ines Inbjuden/ });
  await expect(row.getByRole("cell").first()).toHaveText("Läs");
  await row.getByLabel(/Ändra behörighet/).selectOption({ label: "Fullständig" });
  await row.getByRole("button", { name: "Spara" }).click();
  await expect(row.getByRole("status")).toHaveText("Behörigheten är ändrad.");
  await expect(row.getByRole("cell").first()).toHaveText("Fullständig");
  const log = page.getByRole("region", { name: "Behörighetslogg", exact: true });
  await expect(log.getByRole("row", { name: /Behörighet ändrad/ }).first()).toContainText(`${invitee} · Läs → Fullständig`);
  await expect(log.getByRole("row", { name: /Inbjudan accepterad/ }).first()).toContainText(invitee);
  await signOut(page);

  // Full: the same user now gets the Kunduppgifter form on the next request.
  await signIn(page, invitee, NEW_PASSWORD);
  await page.goto("/kunduppgifter");
  await expect(page.getByRole("button", { name: "Spara" })).toBeVisible();
  await signOut(page);
});

test("a signed-in user with another address is refused, and an unknown link says so", async ({ page }) => {
  const invitee = `annan-${stamp}@example.com`;
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/behorighet");
  const path = invitationPathFrom(await inviteUser(page, invitee));

  // Eva is signed in with her own address: the invitation is not hers to take.
  await page.goto(path);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Inbjudan gäller en annan e-postadress än den du är inloggad med.");
  await expect(page.getByRole("button", { name: /acceptera/i })).toHaveCount(0);

  // She revokes it; the link then says so.
  await page.goto("/behorighet");
  const pending = page.getByRole("region", { name: "Väntande inbjudningar", exact: true });
  await pending.getByRole("button", { name: `Återkalla ${invitee}` }).click();
  await expect(pending.getByRole("row", { name: new RegExp(invitee) })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Behörighetslogg", exact: true }).getByRole("row", { name: /Inbjudan återkallad/ }).first()).toContainText(invitee);
  await signOut(page);
  await page.goto(path);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Inbjudan har återkallats.");
  await page.goto("/inbjudan/finns-inte-0123456789abcdef");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Länken är ogiltig.");
});

test("a management company is invited, registers, invites a manager and grants two installations: the manager sees exactly those", async ({ page }) => {
  const contact = `kontakt-${stamp}@forvaltningsyd.example.com`;
  const managerEmail = `forvaltare-${stamp}@forvaltningsyd.example.com`;

  // 1. Norrsken's administrator invites the company for three installations of 4000001.
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/behorighet");
  const companies = page.getByRole("region", { name: "Förvaltningsbolag", exact: true });
  await companies.getByLabel("Förvaltningsbolagets organisationsnummer").fill(COMPANY.organisationNumber);
  await companies.getByLabel(/^Förvaltningsbolagets namn/).fill(COMPANY.name);
  await companies.getByLabel("Administratörens e-postadress").fill(contact);
  await companies.getByLabel("Utvalda anläggningar").check();
  const choices = companies.getByRole("group", { name: "Välj anläggningar" });
  const names = (await choices.locator("label").allInnerTexts()).map((t) => t.split("\n")[0]!.trim());
  const granted = names.slice(0, 3);
  for (const name of granted) await choices.getByRole("checkbox", { name: new RegExp(`^${escape(name)}(\\s|$)`) }).check();
  const since = Date.now();
  await companies.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(companies.getByRole("status")).toHaveText(`En inbjudan har skickats till ${contact}.`);
  // Listed by the name it was invited under, with the address that is to accept.
  const pendingRow = companies.getByRole("row", { name: new RegExp(COMPANY.name) });
  await expect(pendingRow).toContainText(`Org.nr ${COMPANY.organisationNumber}`);
  await expect(pendingRow).toContainText("Inte registrerat på Mina sidor ännu");
  await expect(pendingRow).toContainText(contact);
  await expect(pendingRow).toContainText("Inbjudet");
  await expect(pendingRow).toContainText("3 anläggningar");
  await expect(pendingRow.getByText("Återkalla inbjudan")).toBeVisible();
  await signOut(page);

  // 2. The invited address accepts; the company is registered under the invitation's name and number.
  const companyMail = await latestMailTo(contact, { since });
  expect(companyMail.subject).toBe(`${NORRSKEN.name} bjuder in ert förvaltningsbolag till Mina sidor`);
  expect(companyMail.text).toContain(`förvaltningsbolaget ${COMPANY.name} med organisationsnummer ${COMPANY.organisationNumber}`);
  await acceptByCreatingAccount(page, invitationPathFrom(companyMail), "Sven Syd", async (p) => {
    await expect(p.getByText(`Förvaltningsbolaget ${COMPANY.name} (organisationsnummer ${COMPANY.organisationNumber}) är inte registrerat på Mina sidor ännu.`, { exact: false })).toBeVisible();
    // The acceptor does not name the company.
    await expect(p.getByLabel(/^Förvaltningsbolagets namn/)).toHaveCount(0);
  });
  await page.waitForURL((url) => url.pathname === "/forvaltning");
  await expect(page.getByRole("heading", { level: 2, name: COMPANY.name })).toBeVisible();
  await expect(page.getByText("Din roll: Administratör")).toBeVisible();
  const client = page.getByRole("region", { name: CUSTOMER, exact: true });
  await expect(client).toContainText("3 anläggningar");
  await client.getByText("Ge förvaltare behörighet").click();
  await expectNoAxeViolations(page);

  // 3. Its administrator invites a manager.
  const people = page.getByRole("region", { name: "Förvaltare", exact: true });
  await people.getByLabel("E-postadress").fill(managerEmail);
  const managerSince = Date.now();
  await people.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(people.getByRole("status")).toHaveText(`En inbjudan har skickats till ${managerEmail}.`);
  await signOut(page);

  const managerMail = await latestMailTo(managerEmail, { since: managerSince });
  expect(managerMail.subject).toBe(`Inbjudan som förvaltare i ${COMPANY.name} på Mina sidor`);
  await acceptByCreatingAccount(page, invitationPathFrom(managerMail), "Maja Manager");
  await page.waitForURL((url) => url.pathname === "/forvaltning");
  await expect(page.getByText("Din roll: Förvaltare")).toBeVisible();
  await expect(page.getByText("Du har ännu inte fått behörighet till någon kund.")).toBeVisible();
  await signOut(page);

  // 4. The administrator gives the manager two of the three installations, Read.
  await signIn(page, contact, NEW_PASSWORD);
  await page.goto("/forvaltning");
  const clientSection = page.getByRole("region", { name: CUSTOMER, exact: true });
  await clientSection.getByText("Ge förvaltare behörighet").click();
  await clientSection.getByLabel("Förvaltare", { exact: true }).selectOption({ label: `Maja Manager (${managerEmail})` });
  await clientSection.getByLabel("Läs", { exact: true }).check();
  await clientSection.getByLabel("Utvalda anläggningar").check();
  // Only what the client granted is offered.
  await expect(clientSection.getByRole("group", { name: "Välj anläggningar" }).getByRole("checkbox")).toHaveCount(3);
  const two = granted.slice(0, 2);
  for (const name of two) await clientSection.getByRole("checkbox", { name: new RegExp(`^${escape(name)}(\\s|$)`) }).check();
  await clientSection.getByRole("button", { name: "Ge behörighet" }).click();
  await expect(clientSection.getByRole("status")).toHaveText("Förvaltaren har fått behörighet.");
  await expect(clientSection.getByRole("row", { name: /Maja Manager/ })).toContainText("2 anläggningar");
  await signOut(page);

  // 5. The manager sees exactly those two.
  await signIn(page, managerEmail, NEW_PASSWORD);
  await page.goto("/anlaggningar");
  await expect(page.getByText("Visar 1–2 av 2")).toBeVisible();
  const rows = await page.getByRole("table").getByRole("rowheader").allInnerTexts();
  expect(rows.map((r) => r.split("\n")[0]!.trim()).sort()).toEqual([...two].sort());
  await page.goto("/behorighet");
  await expect(page.getByRole("row", { name: /4000001/ })).toContainText(`Via förvaltningsbolaget ${COMPANY.name}`);
  await signOut(page);

  // 6. The customer now sees the company by name, active, with its manager.
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/behorighet");
  const active = page.getByRole("region", { name: "Förvaltningsbolag", exact: true }).getByRole("row", { name: new RegExp(COMPANY.name) });
  await expect(active).toContainText("Aktivt");
  await expect(active).toContainText(`Org.nr ${COMPANY.organisationNumber}`);
  await expect(active).toContainText(`Inbjudet av ${NORRSKEN_ADMIN.name}`);
  await expect(active).toContainText(contact);
  await expect(page.getByRole("region", { name: "Användare", exact: true }).getByRole("row", { name: /Maja Manager/ })).toContainText(`Via förvaltningsbolaget ${COMPANY.name}`);
  await signOut(page);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
