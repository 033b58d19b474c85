import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "./personas";

/** Exact Swedish texts from messages/sv/auth.json. */
export const TEXT = {
  invalid: "Fel e-postadress eller lösenord.",
  locked: /För många misslyckade försök/,
  registered: "Ditt konto är skapat. Du kan nu logga in.",
  noMatch: /^Vi kunde inte skapa ett konto med de uppgifterna\./,
  linkSent: "Om adressen finns hos oss har vi skickat en länk. Kontrollera din inkorg (och skräpposten).",
  resetDone: "Lösenordet är bytt. Logga in med ditt nya lösenord.",
  resetInvalid: "Länken är ogiltig, redan använd eller har gått ut. Beställ en ny länk.",
} as const;

/**
 * Fills and submits a sign-in form that is already open (customer or staff, Swedish), and waits
 * for next-auth's answer so that the next step never sees the previous attempt's message.
 */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await answered;
}

/** Signs in on a sign-in page and waits for the page it leads to, by its path and main heading. */
async function signInAt(page: Page, signInPath: string, landing: { path: string; heading: string }, email: string, password: string): Promise<void> {
  await page.goto(signInPath);
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === landing.path);
  await expect(page.getByRole("heading", { level: 1, name: landing.heading })).toBeVisible();
}

/** Signs a customer in at /logga-in and waits for the start page. */
export async function signIn(page: Page, email: string, password: string = PASSWORD): Promise<void> {
  await signInAt(page, "/logga-in", { path: "/", heading: "Översikt" }, email, password);
}

/** Tries a customer sign-in that should fail, and returns the alert it shows. */
export async function attemptSignIn(page: Page, email: string, password: string) {
  await page.goto("/logga-in");
  await submitSignIn(page, email, password);
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toBeVisible();
  return alert;
}

/** Signs support staff in at /support/logga-in and waits for the customer search. */
export async function signInStaff(page: Page, email: string, password: string = PASSWORD): Promise<void> {
  await signInAt(page, "/support/logga-in", { path: "/support", heading: "Sök kund" }, email, password);
}

export async function signOut(page: Page, to = "/logga-in"): Promise<void> {
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.waitForURL((url) => url.pathname === to);
}

export type Registration = { email: string; password: string; customerNumber: string; nationalId: string; checkCode: string };

/** Fills and submits /registrera (Swedish). */
export async function submitRegistration(page: Page, r: Registration): Promise<void> {
  await page.goto("/registrera");
  await page.getByLabel("E-postadress").fill(r.email);
  await page.getByLabel(/^Lösenord/).fill(r.password);
  await page.getByLabel(/^Upprepa lösenordet/).fill(r.password);
  await page.getByLabel("Kundnummer").fill(r.customerNumber);
  await page.getByLabel("Person- eller organisationsnummer").fill(r.nationalId);
  await page.getByLabel(/^Kontrollkod \(står på din faktura\)/).fill(r.checkCode);
  await page.getByRole("button", { name: "Skapa konto" }).click();
}

/** Registers an account and checks the confirmation on the sign-in page. */
export async function register(page: Page, r: Registration): Promise<void> {
  await submitRegistration(page, r);
  await page.waitForURL((url) => url.pathname === "/logga-in" && url.searchParams.has("registrerad"));
  await expect(page.getByRole("main").getByRole("status")).toHaveText(TEXT.registered);
}
