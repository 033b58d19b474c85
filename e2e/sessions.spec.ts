import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support/auth";
import { ANNA } from "./support/personas";

// Decision 011: a session lives on the server, so signing out ends it for every copy of the cookie.
test("a copied session cookie works until its owner signs out, and is refused after that", async ({ page, browser }) => {
  await signIn(page, ANNA.email);
  const cookies = await page.context().cookies();

  // Somebody who got hold of the cookie (a shared computer, a leaked log) gets in while it lasts…
  const other = await browser.newContext();
  await other.addCookies(cookies);
  const thief = await other.newPage();
  await thief.goto("/kunduppgifter");
  await expect(thief.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(thief).toHaveURL(/\/kunduppgifter$/);

  // …but not once Anna has signed out.
  await signOut(page);
  await thief.goto("/kunduppgifter");
  await expect(thief).toHaveURL(/\/logga-in/);
  const api = await other.request.get("/api/forbrukning/export?installation=all&from=2026-01-01&to=2026-01-31&granularity=month&format=csv");
  expect(api.status()).toBe(401);
  await other.close();
});
