import { expect, type Page } from "@playwright/test";
import type { ElegTestPerson } from "../../src/fixtures/eleg-test-persons";

/**
 * On the local e-legitimation provider's page (scripts/lib/eleg-provider.ts): choose the test
 * person and confirm ("Legitimera" to sign in, "Signera" to sign, or "Avbryt").
 */
export async function actAtProvider(page: Page, person: ElegTestPerson, button: "Legitimera" | "Signera" | "Avbryt") {
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(button === "Signera" ? "Signera med e-legitimation" : /e-legitimation/);
  await page.getByLabel("Testperson").selectOption(person.personalIdNumber);
  await page.getByRole("button", { name: button, exact: true }).click();
}
