// Sign-in, sign-out and lock-out for customers.
// Personas: Anna (read only); mette.jensen@example.com is locked out here — no other spec uses her.
import { expect, test } from "@playwright/test";
import { attemptSignIn, signIn, signOut, submitSignIn, TEXT } from "./support/auth";
import { ANNA, METTE, PASSWORD } from "./support/personas";

test("Anna signs in and sees the start page with her name", async ({ page }) => {
  await signIn(page, ANNA.email);
  await expect(page.getByText(`Välkommen, ${ANNA.name}!`)).toBeVisible();
  await expect(page.getByText(`Inloggad som ${ANNA.name}`)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Start" })).toHaveAttribute("aria-current", "page");
});

test("a wrong password and an unknown address get the same generic message", async ({ page }) => {
  const wrongPassword = await attemptSignIn(page, ANNA.email, "Fel-losenord-123");
  await expect(wrongPassword).toHaveText(TEXT.invalid);
  await expect(page).toHaveURL(/\/logga-in$/);

  const unknown = await attemptSignIn(page, "finns.inte@example.com", PASSWORD);
  await expect(unknown).toHaveText(TEXT.invalid);
  await expect(page).toHaveURL(/\/logga-in$/);
});

test("signing out returns to the sign-in page and the portal is closed again", async ({ page }) => {
  await signIn(page, ANNA.email);
  await signOut(page);
  await expect(page.getByRole("heading", { level: 1, name: "Logga in på Mina sidor" })).toBeVisible();

  await page.goto("/");
  await expect(page).toHaveURL(/\/logga-in$/);
  await page.goto("/kunduppgifter");
  await expect(page).toHaveURL(/\/logga-in$/);
});

test("five wrong passwords lock the account, and then the right password is refused too", async ({ page }) => {
  await page.goto("/logga-in");
  // LOGIN_MAX_FAILURES=5 (playwright.config.ts): the first four get the generic message…
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitSignIn(page, METTE.email, `Fel-losenord-${attempt}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(TEXT.invalid);
  }
  // …the fifth locks the address.
  await submitSignIn(page, METTE.email, "Fel-losenord-5");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(TEXT.locked);

  await submitSignIn(page, METTE.email, PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(TEXT.locked);
  await page.goto("/");
  await expect(page).toHaveURL(/\/logga-in$/);
});
