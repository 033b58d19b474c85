// Self-registration with customer number, national id and the check code from the invoice.
// Personas: registers customer 1000002 (Björn Berg) — no other spec uses him. Anna's personnummer
// is used (read only) as a "valid number of another person".
import { expect, test } from "@playwright/test";
import { register, signIn, submitRegistration, TEXT } from "./support/auth";
import { ANNA, UNREGISTERED } from "./support/personas";

const bjorn = UNREGISTERED.bjorn;
const account = { email: "bjorn.berg.e2e@example.com", password: "Granstigen-7-ny", customerNumber: bjorn.customerNumber, nationalId: bjorn.nationalId, checkCode: bjorn.checkCode };

test("a national id that belongs to someone else gets the generic refusal", async ({ page }) => {
  await submitRegistration(page, { ...account, email: "fel.person@example.com", nationalId: ANNA.nationalId });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(TEXT.noMatch);
  await expect(page).toHaveURL(/\/registrera$/);
  // What the visitor typed is kept (but never the passwords).
  await expect(page.getByLabel("Kundnummer")).toHaveValue(bjorn.customerNumber);
  await expect(page.getByLabel(/^Lösenord/)).toHaveValue("");
});

test("the right numbers without the invoice's check code get the same generic refusal", async ({ page }) => {
  await submitRegistration(page, { ...account, email: "utan.kod@example.com", checkCode: "AAAA-AAAA" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(TEXT.noMatch);
  await expect(page).toHaveURL(/\/registrera$/);
});

test("a typo in the check digit is shown at the field", async ({ page }) => {
  const typo = bjorn.nationalId.slice(0, -1) + String((Number(bjorn.nationalId.slice(-1)) + 1) % 10);
  await submitRegistration(page, { ...account, email: "typo@example.com", nationalId: typo });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Kontrollera de markerade fälten.");
  const field = page.getByLabel("Person- eller organisationsnummer");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Kontrollsiffran stämmer inte\. Kontrollera numret\./);
  await expect(page.getByText(TEXT.noMatch)).toHaveCount(0);
});

test("a birth number that is never issued (000) is shown at the field", async ({ page }) => {
  // 811218-0008: a date and a correct check digit, but födelsenummer 000 is never given out.
  await submitRegistration(page, { ...account, email: "serial@example.com", nationalId: "811218-0008" });
  const field = page.getByLabel("Person- eller organisationsnummer");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Siffrorna efter datumet \(födelsenumret\) kan inte vara 000/);
  await expect(page.getByText(TEXT.noMatch)).toHaveCount(0);
});

test.describe.serial("registering customer 1000002", () => {
  test("registers, lands on sign-in with a confirmation, and can sign in", async ({ page }) => {
    await register(page, account);
    await signIn(page, account.email, account.password);
    await expect(page.getByText(`Välkommen, ${bjorn.name}!`)).toBeVisible();
    await expect(page.getByText(`kundnummer ${bjorn.customerNumber}`)).toBeVisible();
  });

  test("registering the same customer again is refused generically", async ({ page }) => {
    await submitRegistration(page, { ...account, email: "bjorn.igen@example.com" });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(TEXT.noMatch);
    await expect(page).toHaveURL(/\/registrera$/);
  });
});
