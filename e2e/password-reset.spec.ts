// Forgotten password: link by mail, new password, single use, no enumeration.
// Personas: registers customer 1000003 (Greta Gammal — her old account was voided by support, so
// she may register again) and resets that account's password. No other spec uses her.
import { expect, test } from "@playwright/test";
import { attemptSignIn, register, signIn, TEXT } from "./support/auth";
import { latestMailTo, mailsToSince, resetPathFrom } from "./support/mail";
import { UNREGISTERED } from "./support/personas";

const greta = UNREGISTERED.greta;
const account = { email: "greta.gammal.e2e@example.com", password: "Kyrkogatan-2-gammalt", customerNumber: greta.customerNumber, nationalId: greta.nationalId, checkCode: greta.checkCode };
const newPassword = "Kyrkogatan-2-nytt!";

async function requestReset(page: import("@playwright/test").Page, email: string) {
  await page.goto("/glomt-losenord");
  await expect(page.getByRole("heading", { level: 1, name: "Glömt lösenord" })).toBeVisible();
  await page.getByLabel("E-postadress").fill(email);
  await page.getByRole("button", { name: "Skicka länk" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(TEXT.linkSent);
}

test.describe.serial("password reset for a registered customer", () => {
  let resetPath: string;

  test("the customer orders a link, sets a new password with it and signs in", async ({ page }) => {
    await register(page, account);

    const since = Date.now();
    await page.getByRole("link", { name: "Glömt lösenordet?" }).click();
    await requestReset(page, account.email);

    const mail = await latestMailTo(account.email, { since });
    expect(mail.subject).toBe("Återställ ditt lösenord till Mina sidor");
    resetPath = resetPathFrom(mail);

    await page.goto(resetPath);
    await expect(page.getByRole("heading", { level: 1, name: "Välj nytt lösenord" })).toBeVisible();
    await page.getByLabel(/^Nytt lösenord/).fill(newPassword);
    await page.getByLabel(/^Upprepa lösenordet/).fill(newPassword);
    await page.getByRole("button", { name: "Spara nytt lösenord" }).click();

    await page.waitForURL((url) => url.pathname === "/logga-in" && url.searchParams.has("losenord"));
    await expect(page.getByRole("main").getByRole("status")).toHaveText(TEXT.resetDone);
    await signIn(page, account.email, newPassword);
    await expect(page.getByText(`Välkommen, ${greta.name}!`)).toBeVisible();
  });

  test("the old password no longer works", async ({ page }) => {
    const alert = await attemptSignIn(page, account.email, account.password);
    await expect(alert).toHaveText(TEXT.invalid);
  });

  test("the same link cannot be used twice", async ({ page }) => {
    await page.goto(resetPath);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(TEXT.resetInvalid);
    await expect(page.getByLabel(/^Nytt lösenord/)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Beställ en ny länk" })).toHaveAttribute("href", "/glomt-losenord");
  });
});

test("an unknown address gets the same confirmation, and no mail is sent", async ({ page }) => {
  const unknown = "ingen.sadan@example.com";
  const since = Date.now();
  await requestReset(page, unknown);
  // The worker handles requests in the order they came: once a later request for a registered
  // address has been mailed, the unknown one has been handled too.
  await requestReset(page, account.email);
  await latestMailTo(account.email, { since });
  expect(await mailsToSince(unknown, since)).toEqual([]);
});

test("a made-up link is refused", async ({ page }) => {
  await page.goto("/aterstall-losenord/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(TEXT.resetInvalid);
});
