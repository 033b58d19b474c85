// Nobody sees what is not theirs.
// Personas (all read only): ekonomi@norrsken, Anna, forvaltare@.
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support/auth";
import { ANNA, NORRSKEN, NORRSKEN_ADMIN, PROPERTY_MANAGER } from "./support/personas";

const NOT_FOUND_TITLE = "Sidan finns inte";
const NOT_FOUND_TEXT = "Sidan du söker finns inte, eller så har du inte behörighet att se den.";

/** The header's customer-number switcher (the list page has a "Kund" filter too). */
const switcher = (page: Page) => page.getByRole("banner").getByLabel("Kund");

/** Picks a customer number in the header and waits for the server to store the choice. */
async function switchCustomer(page: Page, customerNumber: string) {
  await switcher(page).selectOption({ label: `${customerNumber} – ${NORRSKEN.name}` });
  const stored = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await page.getByRole("banner").getByRole("button", { name: "Byt" }).click();
  await stored;
}

test("another customer's installation is a plain 404 for Anna, and so are her details", async ({ page }) => {
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/anlaggningar");
  const firstInstallation = page.getByRole("table").getByRole("rowheader").first().getByRole("link");
  const installationName = (await firstInstallation.textContent())!.trim();
  await firstInstallation.click();
  await page.waitForURL(/\/anlaggningar\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: installationName })).toBeVisible();
  const foreignUrl = new URL(page.url()).pathname;
  await signOut(page);

  await signIn(page, ANNA.email);
  const response = await page.goto(foreignUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND_TITLE })).toBeVisible();
  await expect(page.getByText(NOT_FOUND_TEXT)).toBeVisible();
  await expect(page.getByText(installationName)).toHaveCount(0);

  // An id that does not exist at all looks exactly the same.
  const unknown = await page.goto("/anlaggningar/00000000-0000-4000-8000-000000000000");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND_TITLE })).toBeVisible();

  await page.goto("/kunduppgifter");
  await expect(page.getByRole("heading", { level: 1, name: "Kunduppgifter" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(ANNA.customerNumber);
  for (const number of NORRSKEN.customerNumbers) await expect(page.getByText(number)).toHaveCount(0);
  await expect(page.getByText(NORRSKEN.name)).toHaveCount(0);
});

test("a forged customer choice (cookie or list filter) falls back to the user's own customer", async ({ page, context }) => {
  // Norrsken's customer ids, as the administrator's switcher offers them.
  await signIn(page, NORRSKEN_ADMIN.email);
  const norrskenIds = await switcher(page).locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(norrskenIds).toHaveLength(2);
  await signOut(page);

  await signIn(page, ANNA.email);
  await context.addCookies([{ name: "ms-kund", value: norrskenIds[0]!, url: page.url() }]);
  await page.goto("/kunduppgifter");
  await expect(page.getByRole("main")).toContainText(ANNA.customerNumber);
  await expect(page.getByText(NORRSKEN.customerNumbers[0])).toHaveCount(0);

  await page.goto(`/anlaggningar?kund=${norrskenIds[1]}`);
  await expect(page.getByRole("table")).toContainText("Villa Tallvägen");
  await expect(page.getByText(NORRSKEN.name)).toHaveCount(0);
});

test("a customer who opens the support console is sent to the start page", async ({ page }) => {
  await signIn(page, ANNA.email);
  await page.goto("/support");
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Kundservicemeny" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Sök kund" })).toHaveCount(0);

  await page.goto("/support/logg");
  await expect(page).toHaveURL((url) => url.pathname === "/");
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  for (const path of ["/kunduppgifter", "/anlaggningar", "/"]) {
    await page.goto(path);
    await expect(page).toHaveURL((url) => url.pathname === "/logga-in");
  }
  await page.goto("/support");
  await expect(page).toHaveURL((url) => url.pathname === "/support/logga-in");
});

test("the customer-number switcher changes which installations are listed", async ({ page }) => {
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/anlaggningar");
  const [first, second] = NORRSKEN.customerNumbers;

  // The first customer number (in number order) is active after sign-in.
  await expect(switcher(page)).toHaveValue(/.+/);
  await expect(page.getByRole("table")).toContainText(`Anläggningar för ${NORRSKEN.name} (${first})`);
  await expect(page.getByText(`Visar 1–${NORRSKEN.installations[first]} av ${NORRSKEN.installations[first]}`)).toBeVisible();
  const firstList = await page.getByRole("table").getByRole("rowheader").allTextContents();

  await switchCustomer(page, second);
  await expect(page).toHaveURL((url) => url.pathname === "/anlaggningar");
  await expect(page.getByRole("table")).toContainText(`Anläggningar för ${NORRSKEN.name} (${second})`);
  await expect(page.getByText(`Visar 1–${NORRSKEN.installations[second]} av ${NORRSKEN.installations[second]}`)).toBeVisible();
  const secondList = await page.getByRole("table").getByRole("rowheader").allTextContents();
  expect(secondList.filter((row) => firstList.includes(row))).toEqual([]);

  // The choice sticks on other pages and after a reload.
  await page.goto("/");
  await expect(page.getByText(`kundnummer ${second}`)).toBeVisible();
  await page.reload();
  await expect(page.getByText(`kundnummer ${second}`)).toBeVisible();

  await switchCustomer(page, first);
  await page.goto("/anlaggningar");
  await expect(page.getByText(`Visar 1–${NORRSKEN.installations[first]} av ${NORRSKEN.installations[first]}`)).toBeVisible();
});

test("a property manager sees only the installations granted to them", async ({ page }) => {
  await signIn(page, PROPERTY_MANAGER.email);
  await page.goto("/anlaggningar");
  // 4000002 comes first: 8 of Norrsken's 16 installations are granted.
  await expect(page.getByRole("table")).toContainText(`Anläggningar för ${NORRSKEN.name} (4000002)`);
  await expect(page.getByText("Visar 1–8 av 8")).toBeVisible();
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveCount(8);

  // All customers: the 8 plus Brf Solgläntan's 3.
  await page.getByRole("main").getByLabel("Kund").selectOption({ label: "Alla mina kunder" });
  await page.getByRole("search").getByRole("button", { name: "Sök" }).click();
  await expect(page.getByText("Visar 1–11 av 11")).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Brf Solgläntan – fjärrvärme");

  // The start page counts the same 8 for 4000002.
  await page.goto("/");
  await expect(page.getByText("(8 anläggningar)")).toBeVisible();
});
