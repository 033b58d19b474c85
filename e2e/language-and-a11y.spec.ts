// Language switch, automated WCAG 2 A/AA checks (axe) and keyboard access.
// Personas (read only): Anna, support@.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signInStaff } from "./support/auth";
import { ANNA, PASSWORD, SUPPORT_STAFF } from "./support/personas";

test("English is chosen on the sign-in page and kept after reload and sign-in", async ({ page }) => {
  await page.goto("/logga-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to My pages" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to My pages" })).toBeVisible();

  await page.getByLabel("E-mail address").fill(ANNA.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  const nav = page.getByRole("navigation", { name: "Main menu" });
  await expect(nav.getByRole("link", { name: "Installations" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Customer details" })).toBeVisible();

  await page.getByRole("button", { name: "Svenska" }).click();
  const sv = page.getByRole("navigation", { name: "Huvudmeny" });
  await expect(sv.getByRole("link", { name: "Anläggningar" })).toBeVisible();
  await expect(sv.getByRole("link", { name: "Kunduppgifter" })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("button", { name: "English" })).toBeVisible();
});

async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}  ${n.failureSummary?.split("\n").join(" ") ?? ""}`).join("\n")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

test.describe("no WCAG 2 A/AA violations (axe)", () => {
  test("sign-in page", async ({ page }) => {
    await page.goto("/logga-in");
    await expectNoAxeViolations(page);
  });

  test("registration page, empty and with field errors", async ({ page }) => {
    await page.goto("/registrera");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Skapa konto" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Kontrollera de markerade fälten.");
    await expectNoAxeViolations(page);
  });

  test("forgotten-password page", async ({ page }) => {
    await page.goto("/glomt-losenord");
    await expectNoAxeViolations(page);
  });

  test("customer pages: start, customer details, installations, an installation", async ({ page }) => {
    await signIn(page, ANNA.email);
    await expectNoAxeViolations(page);

    await page.goto("/kunduppgifter");
    await expect(page.getByRole("heading", { level: 1, name: "Kunduppgifter" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto("/anlaggningar");
    await expect(page.getByRole("heading", { level: 1, name: "Anläggningar" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("table").getByRole("link").first().click();
    await page.waitForURL(/\/anlaggningar\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Uppgifter om anläggningen" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("support console: search with results", async ({ page }) => {
    await page.goto("/support/logga-in");
    await expectNoAxeViolations(page);
    await signInStaff(page, SUPPORT_STAFF.email);
    await page.goto(`/support?q=${ANNA.customerNumber}`);
    await expect(page.getByRole("heading", { name: "Sökresultat" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("keyboard", () => {
  for (const { name, path, signedIn } of [
    { name: "sign-in page", path: "/logga-in", signedIn: false },
    { name: "start page", path: "/", signedIn: true },
  ]) {
    test(`the skip link is the first Tab stop and takes keyboard focus to the main content (${name})`, async ({ page }) => {
      if (signedIn) await signIn(page, ANNA.email);
      await page.goto(path);
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/#main$/);
      await expect(page.locator("main#main")).toBeFocused();
      // The next Tab stop is inside <main>, past the header's language switch, switcher and sign-out.
      await page.keyboard.press("Tab");
      await expect(page.locator("main :focus")).toHaveCount(1);
      await expect(page.locator("header :focus")).toHaveCount(0);
    });
  }
});
