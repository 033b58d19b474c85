// The support console: search, reset link, voiding an account, audit log, staff-only sign-in.
// Personas: support@ (Sara Support); Anna gets a reset link (never used, her password stays);
// customer 4000003 (Sjöbottens Bageri AB) is registered here and its account voided — no other
// spec uses it.
import { expect, test } from "@playwright/test";
import { attemptSignIn, register, signIn, signInStaff, TEXT } from "./support/auth";
import { latestMailTo } from "./support/mail";
import { ANNA, SUPPORT_STAFF, UNREGISTERED } from "./support/personas";

const bakery = UNREGISTERED.bakery;
const bakeryAccount = { email: "bageri.e2e@example.com", password: "Hamngatan-9-bageri", customerNumber: bakery.customerNumber, nationalId: bakery.nationalId, checkCode: bakery.checkCode };

async function searchAndOpen(page: import("@playwright/test").Page, query: string, customerNumber: string, name: string) {
  await page.getByLabel("Sök kund eller användare").fill(query);
  await page.getByRole("search").getByRole("button", { name: "Sök" }).click();
  const result = page.getByRole("link", { name: `${customerNumber} – ${name}` });
  await expect(result).toBeVisible();
  await result.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("support finds Anna, sends her a reset link, and the log shows it", async ({ page }) => {
  await signInStaff(page, SUPPORT_STAFF.email);
  await expect(page.getByText("Inloggad som Sara Support (kundservice)")).toBeVisible();

  await page.getByLabel("Sök kund eller användare").fill(ANNA.customerNumber);
  await page.getByRole("search").getByRole("button", { name: "Sök" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/^1 kund på sida 1\./);
  const hit = page.getByRole("article").filter({ has: page.getByRole("heading", { name: `${ANNA.customerNumber} – ${ANNA.name}` }) });
  await expect(hit.getByRole("table")).toContainText(ANNA.email);

  await hit.getByRole("link", { name: `${ANNA.customerNumber} – ${ANNA.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: ANNA.name })).toBeVisible();

  const since = Date.now();
  const actions = page.getByRole("region", { name: `Åtgärder för ${ANNA.name} (${ANNA.email})` });
  await actions.getByRole("button", { name: "Skicka återställningslänk" }).click();
  await expect(actions.getByRole("status")).toHaveText(`En återställningslänk har skickats till ${ANNA.email}.`);

  const mail = await latestMailTo(ANNA.email, { since });
  expect(mail.subject).toBe("Återställ ditt lösenord till Mina sidor");
  expect(mail.text).toMatch(/\/aterstall-losenord\/[A-Za-z0-9_-]{20,}/);

  await page.getByRole("navigation", { name: "Kundservicemeny" }).getByRole("link", { name: "Händelselogg" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Händelselogg" })).toBeVisible();
  const entry = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "Återställningslänk skickad av kundservice" }) })
    .filter({ hasText: ANNA.email })
    .first();
  await expect(entry).toContainText(SUPPORT_STAFF.name);
});

test("support voids an account: the user is signed out, cannot sign in, and the log names the staff member", async ({ page, browser }) => {
  // The bakery registers and signs in (in its own browser).
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await register(customer, bakeryAccount);
  await signIn(customer, bakeryAccount.email, bakeryAccount.password);

  await signInStaff(page, SUPPORT_STAFF.email);
  await searchAndOpen(page, bakeryAccount.email, bakery.customerNumber, bakery.name);
  const users = page.getByRole("table", { name: "Användarkonton med tillgång till kunden" });
  await expect(users).toContainText(bakeryAccount.email);
  await expect(users).toContainText("Aktivt");

  const reason = "E2E: kunden kommer inte åt sin e-post";
  await page.getByText("Makulera konto", { exact: true }).first().click(); // the disclosure
  const form = page.getByRole("group", { name: `Makulera kontot för ${bakeryAccount.email}` });
  await form.getByLabel("Orsak").fill(reason);
  await form.getByLabel("Jag förstår att kontot makuleras").check();
  await form.getByRole("button", { name: "Makulera konto" }).click();

  await page.waitForURL(/\?makulerad=1$/);
  await expect(page.getByRole("main").getByRole("status")).toContainText("Kontot är makulerat.");
  await expect(users).toContainText("Makulerat");
  await expect(users).toContainText(`av ${SUPPORT_STAFF.name}`);
  await expect(users).toContainText(`Tidigare: ${bakeryAccount.email}`);
  await expect(page.getByRole("button", { name: "Makulera konto" })).toHaveCount(0);

  // The customer's open session ends at once…
  await customer.goto("/kunduppgifter");
  await expect(customer).toHaveURL((url) => url.pathname === "/logga-in");
  // …and signing in again gets the generic message.
  const alert = await attemptSignIn(customer, bakeryAccount.email, bakeryAccount.password);
  await expect(alert).toHaveText(TEXT.invalid);
  await customerContext.close();

  // The audit log, filtered to the customer, shows who voided it and why.
  await page.goto(`/support/logg?kund=${bakery.customerNumber}`);
  const entry = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Konto makulerat" }) });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(SUPPORT_STAFF.name);
  await expect(entry).toContainText(reason);
  await expect(entry).toContainText(bakeryAccount.email);
});

test("a staff login is refused at the customer sign-in", async ({ page }) => {
  const alert = await attemptSignIn(page, SUPPORT_STAFF.email, "MinaSidor!2026");
  await expect(alert).toHaveText(TEXT.invalid);
  await page.goto("/support");
  await expect(page).toHaveURL((url) => url.pathname === "/support/logga-in");
});
