// Kunduppgifter: edit contact details and invoice delivery; validation; read-only rights.
// Personas: Anna's phone number and invoice delivery are changed here (no other spec reads them);
// las@norrsken (read rights on 4000002) is read only.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { ANNA, NORRSKEN_READER } from "./support/personas";

const phone = (page: Page) => page.getByLabel("Telefonnummer");
const postalCode = (page: Page) => page.getByLabel("Postnummer");
const save = (page: Page) => page.getByRole("button", { name: "Spara ändringar" });
const delivery = (page: Page, name: "E-faktura" | "Papper" | "E-post") => page.getByRole("radio", { name, exact: true });

async function openDetails(page: Page) {
  await page.goto("/kunduppgifter");
  await expect(page.getByRole("heading", { level: 1, name: "Kunduppgifter" })).toBeVisible();
}

test("Anna changes her phone number and invoice delivery, and the change persists", async ({ page }) => {
  await signIn(page, ANNA.email);
  await openDetails(page);
  await expect(page.getByRole("main")).toContainText(ANNA.customerNumber);

  // Works on any state of the shared database (e.g. a retry): always a different value.
  const newPhone = `070-${String(Date.now()).slice(-3)} ${String(Date.now()).slice(-5, -3)} 00`;
  const newDelivery = (await delivery(page, "Papper").isChecked()) ? "E-faktura" : "Papper";

  await phone(page).fill(newPhone);
  await delivery(page, newDelivery).check();
  await save(page).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Dina kunduppgifter är sparade.");

  await page.reload();
  await expect(phone(page)).toHaveValue(newPhone);
  await expect(delivery(page, newDelivery)).toBeChecked();

  // The start page shows the new delivery too.
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Kund" })).toContainText(newDelivery);
});

test("an invalid postal code is shown at the field and nothing is saved", async ({ page }) => {
  await signIn(page, ANNA.email);
  await openDetails(page);
  const storedPhone = await phone(page).inputValue();
  const storedPostalCode = await postalCode(page).inputValue();

  await phone(page).fill("070-999 99 99");
  await postalCode(page).fill("12");
  await save(page).click();

  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Kontrollera de markerade fälten.");
  await expect(postalCode(page)).toHaveAttribute("aria-invalid", "true");
  await expect(postalCode(page)).toHaveAccessibleDescription(/Ange ett giltigt postnummer\./);
  // The form keeps what was typed so that it can be corrected…
  await expect(postalCode(page)).toHaveValue("12");

  // …but nothing was stored.
  await page.reload();
  await expect(phone(page)).toHaveValue(storedPhone);
  await expect(postalCode(page)).toHaveValue(storedPostalCode);
});

test("a user with read rights sees the details but cannot change them", async ({ page }) => {
  await signIn(page, NORRSKEN_READER.email);
  await openDetails(page);
  const main = page.getByRole("main");
  await expect(main).toContainText(NORRSKEN_READER.customerNumber);
  await expect(page.getByRole("note")).toHaveText(/^Du har läsbehörighet för den här kunden/);
  await expect(main).toContainText("0910-55 12 00");
  await expect(main).toContainText("E-faktura");

  await expect(save(page)).toHaveCount(0);
  await expect(main.getByRole("button")).toHaveCount(0);
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await expect(main.getByRole("radio")).toHaveCount(0);

  await page.goto("/");
  await expect(page.getByRole("link", { name: "Visa kunduppgifter" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Visa och ändra kunduppgifter" })).toHaveCount(0);
});
