// Return addresses lead back into the portal only (issue 10, item 14): a return address changed in
// the page or sent to next-auth that points elsewhere ends on the portal's default page instead.
// The helper's nasty cases are unit tests (src/domain/http/safe-return-path.test.ts); the signing
// return is an integration test (src/server/eleg/signing-return.integration.test.ts).
//
// Personas (read only): Anna, ekonomi@norrsken. Only cookies of these browser contexts change.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { ANNA, NORRSKEN, NORRSKEN_ADMIN } from "./support/personas";

const OUTSIDE = ["//evil.example/fakturor", "/\\evil.example/fakturor", "/%2F/evil.example", "/\t/evil.example"];

/** An outside page that would show if the portal sent the browser there. */
async function trapOutside(page: Page) {
  await page.route(/^https?:\/\/evil\.example\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Utanför portalen</h1>" }));
}

async function expectInPortal(page: Page, baseURL: string, path: string) {
  await expect(page).toHaveURL((url) => url.origin === new URL(baseURL).origin && url.pathname === path);
  await expect(page.getByRole("heading", { name: "Utanför portalen" })).toHaveCount(0);
}

/** Changes the hidden return address of the form that holds `button`, as an attacker's page could. */
async function forgeReturnTo(page: Page, button: ReturnType<Page["getByRole"]>, value: string) {
  await button.locator("xpath=ancestor::form").locator('input[name="returnTo"]').evaluate((input, v) => ((input as HTMLInputElement).value = v), value);
}

test("the language switch with a forged return address stays in the portal", async ({ page, baseURL }) => {
  await trapOutside(page);
  await signIn(page, ANNA.email);
  for (const [i, outside] of OUTSIDE.entries()) {
    await page.goto("/fakturor");
    const button = page.getByRole("button", { name: i % 2 ? "Svenska" : "English" });
    await forgeReturnTo(page, button, outside);
    await button.click();
    await expectInPortal(page, baseURL!, "/");
    await expect(page.locator("html")).toHaveAttribute("lang", i % 2 ? "sv" : "en");
  }
  // The address it was given when nobody changed it still works.
  await page.goto("/fakturor?status=betald");
  await page.getByRole("button", { name: "English" }).click();
  await expectInPortal(page, baseURL!, "/fakturor");
  await expect(page).toHaveURL(/status=betald/);
});

test("the customer switcher with a forged return address stays in the portal", async ({ page, baseURL }) => {
  await trapOutside(page);
  await signIn(page, NORRSKEN_ADMIN.email);
  const switcher = page.getByRole("banner").getByLabel("Kund", { exact: true });
  for (const [i, outside] of OUTSIDE.entries()) {
    await page.goto("/anlaggningar");
    const number = NORRSKEN.customerNumbers[(i + 1) % 2]!;
    await switcher.selectOption({ label: `${number} – ${NORRSKEN.name}` });
    const button = page.getByRole("button", { name: "Byt" });
    await forgeReturnTo(page, button, outside);
    await button.click();
    await expectInPortal(page, baseURL!, "/");
    await expect(switcher.locator("option:checked")).toHaveText(`${number} – ${NORRSKEN.name}`);
  }
});

test("next-auth's callbackUrl leads back into the portal only, on sign-in and on sign-out", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const csrf = async () => (await (await request.get("/api/auth/csrf")).json()).csrfToken as string;

  // Sign-out answers with where to go next.
  for (const callbackUrl of [...OUTSIDE, "https://evil.example/", `${origin}.evil.example/`]) {
    const answer = await request.post("/api/auth/signout", { form: { csrfToken: await csrf(), callbackUrl, json: "true" } });
    expect((await answer.json()).url, callbackUrl).toBe(`${origin}/`);
  }
  const own = await request.post("/api/auth/signout", { form: { csrfToken: await csrf(), callbackUrl: "/logga-in?utloggad=1", json: "true" } });
  expect((await own.json()).url).toBe(`${origin}/logga-in?utloggad=1`);

  // Sign-in keeps it in a cookie until the provider sends the browser back.
  for (const callbackUrl of ["//evil.example/", "/\\evil.example", "https://evil.example/"]) {
    const answer = await request.post("/api/auth/signin/eleg", { form: { csrfToken: await csrf(), callbackUrl, json: "true" } });
    expect(answer.status()).toBe(200);
    // next-auth sets the cookie only when it changes: read what the browser would now hold.
    const cookie = (await request.storageState()).cookies.find((c) => c.name === "next-auth.callback-url");
    expect(decodeURIComponent(cookie?.value ?? ""), callbackUrl).toBe(`${origin}/`);
  }
});
