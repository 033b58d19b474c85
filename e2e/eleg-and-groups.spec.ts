// E-legitimation against the local OIDC provider (scripts/lib/eleg-provider.ts, started by
// scripts/start.ts) and installation groups.
//
// Personas: Erik Eleg (seeded authorised person, read only); Olle Okänd (no account); ekonomi@norrsken
// – links the test person Eva Ekonom to her account, registers Petra Persson as an authorised
// person for 4000002 (READ), and creates, renames and deletes her own installation groups;
// drift@norrsken is refused ekonomi@'s group; las@norrsken (READ) is not offered "Skapa ny användare".
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ELEG_TEST_PERSONS, type ElegTestPerson } from "../src/fixtures/eleg-test-persons";
import { signIn, signOut } from "./support/auth";
import { actAtProvider } from "./support/eleg";
import { NORRSKEN, NORRSKEN_ADMIN, NORRSKEN_READER } from "./support/personas";

const { erik, eva, petra, olle } = ELEG_TEST_PERSONS;
const DRIFT = "drift@norrsken.example.com";
const ELEG_BUTTON = "Logga in med BankID / e-legitimation";
const NOT_FOUND_TITLE = "Sidan finns inte";
const dashed = (p: string) => `${p.slice(0, 8)}-${p.slice(8)}`;
const masked = (p: string) => `${p.slice(0, 8)}-****`;

/** /logga-in → the provider → back to the portal, as the chosen test person. */
async function signInWithEleg(page: Page, person: ElegTestPerson) {
  await page.goto("/logga-in");
  await page.getByRole("button", { name: ELEG_BUTTON }).click();
  await actAtProvider(page, person, "Legitimera");
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

test.describe("e-legitimation", () => {
  test("an authorised person signs in with e-legitimation and lands on the start page", async ({ page }) => {
    await signInWithEleg(page, erik);
    await page.waitForURL((url) => url.pathname === "/" && url.port !== "");
    await expect(page.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();
    await expect(page.getByText("Inloggad som Erik Eleg")).toBeVisible();

    // The same session as a password sign-in: his customer, and his account without e-mail.
    await page.goto("/mitt-konto");
    await expect(page.getByRole("heading", { level: 1, name: "Mitt konto" })).toBeVisible();
    await expect(page.getByText("Ingen – du loggar in med e-legitimation")).toBeVisible();
    await expect(page.getByText(`Kopplad till personnummer ${masked(erik.personalIdNumber)}`)).toBeVisible();
    await expect(page.getByText(erik.personalIdNumber.slice(8))).toHaveCount(0);
    // Full, not administrator: no "Skapa ny användare".
    await expect(page.getByRole("heading", { name: "Skapa ny användare" })).toHaveCount(0);
    await signOut(page);
  });

  test("a person without an account is refused with a clear message", async ({ page }) => {
    await signInWithEleg(page, olle);
    await page.waitForURL((url) => url.pathname === "/logga-in" && url.searchParams.get("fel") === "eleg-okand");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Ingen användare är kopplad till den e-legitimationen\./);
    // Still signed out.
    await page.goto("/");
    await expect(page).toHaveURL((url) => url.pathname === "/logga-in");
  });

  test("cancelling at the provider signs nobody in", async ({ page }) => {
    await page.goto("/logga-in");
    await page.getByRole("button", { name: ELEG_BUTTON }).click();
    await actAtProvider(page, erik, "Avbryt");
    await page.waitForURL((url) => url.pathname === "/logga-in" && url.port !== "" && url.searchParams.has("error"));
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/avbröts eller kunde inte slutföras/);
  });

  test("an administrator registers an authorised person, who then signs in with e-legitimation", async ({ page }) => {
    await signIn(page, NORRSKEN_ADMIN.email);
    await page.goto("/mitt-konto");
    await expectNoAxeViolations(page);
    const form = page.getByRole("region", { name: "Skapa ny användare" });

    // A wrong check digit is refused at the field.
    await form.getByLabel("Kund").selectOption({ label: `4000002 – ${NORRSKEN.name}` });
    await form.getByLabel(/^Namn/).fill("Petra Persson");
    await form.getByLabel(/^Personnummer/).fill(`${dashed(petra.personalIdNumber).slice(0, 12)}${(Number(petra.personalIdNumber[11]) + 1) % 10}`);
    await form.getByRole("button", { name: "Skapa användare" }).click();
    await expect(form.getByText("Kontrollsiffran stämmer inte. Kontrollera numret.")).toBeVisible();

    await form.getByLabel(/^Personnummer/).fill(dashed(petra.personalIdNumber));
    await form.getByLabel("Behörighetsnivå").selectOption({ label: "Läs" });
    await form.getByRole("button", { name: "Skapa användare" }).click();
    await expect(form.getByRole("status")).toHaveText("Petra Persson är registrerad och kan nu logga in med e-legitimation.");
    const list = form.getByRole("table", { name: `${NORRSKEN.name} (4000002)` });
    await expect(list.getByRole("row", { name: /Petra Persson/ })).toContainText(masked(petra.personalIdNumber));
    await expect(list.getByRole("row", { name: /Petra Persson/ })).toContainText("Läs");
    await expect(list.getByRole("row", { name: /Petra Persson/ })).toContainText("Endast e-legitimation");
    await signOut(page);

    await signInWithEleg(page, petra);
    await page.waitForURL((url) => url.pathname === "/" && url.port !== "");
    await expect(page.getByText("Inloggad som Petra Persson")).toBeVisible();
    await page.goto("/anlaggningar");
    await expect(page.getByRole("table")).toContainText(`Anläggningar för ${NORRSKEN.name} (4000002)`);
    await signOut(page);
  });

  test("a Read user is not offered to create users", async ({ page }) => {
    await signIn(page, NORRSKEN_READER.email);
    await page.goto("/mitt-konto");
    await expect(page.getByRole("heading", { level: 1, name: "Mitt konto" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Skapa ny användare" })).toHaveCount(0);
    await signOut(page);
  });

  test("a password user links their e-legitimation by signing, then signs in with it", async ({ page }) => {
    await signIn(page, NORRSKEN_ADMIN.email);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mitt konto" }).click();
    await expect(page.getByText("Inte kopplad")).toBeVisible();

    // Cancelled at the provider: nothing changes.
    await page.getByRole("button", { name: "Koppla e-legitimation" }).click();
    await actAtProvider(page, eva, "Avbryt");
    await page.waitForURL((url) => url.pathname === "/mitt-konto" && url.searchParams.get("signering") === "avbruten");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Signeringen avbröts. Inget har ändrats.");
    await expect(page.getByText("Inte kopplad")).toBeVisible();

    // The provider shows the text to sign; signing links the person to the account.
    await page.getByRole("button", { name: "Koppla e-legitimation" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
    await expect(page.locator("blockquote")).toContainText(`Jag, ${NORRSKEN_ADMIN.name}, kopplar min e-legitimation till mitt konto på Mina sidor (${NORRSKEN_ADMIN.email}).`);
    await actAtProvider(page, eva, "Signera");
    await page.waitForURL((url) => url.pathname === "/mitt-konto" && url.searchParams.get("signering") === "klar");
    await expect(page.getByRole("main").getByRole("status")).toHaveText(/^Klart! Din e-legitimation är kopplad till kontot\./);
    await expect(page.getByText(`Kopplad till personnummer ${masked(eva.personalIdNumber)}`)).toBeVisible();
    await expect(page.getByRole("table", { name: "Det du har signerat med e-legitimation" })).toContainText("Koppling av e-legitimation");
    await expect(page.getByRole("button", { name: "Koppla e-legitimation" })).toHaveCount(0);
    await signOut(page);

    await signInWithEleg(page, eva);
    await page.waitForURL((url) => url.pathname === "/" && url.port !== "");
    await expect(page.getByText(`Inloggad som ${NORRSKEN_ADMIN.name}`)).toBeVisible();
    await signOut(page);
  });
});

test.describe("installation groups", () => {
  test("a group is created from a search, used as a filter on the list and selected for consumption", async ({ page }) => {
    await signIn(page, NORRSKEN_ADMIN.email);
    // Every district-heating installation of both customer numbers: two pages' worth is not needed,
    // "select all N matching" takes the whole search.
    await page.goto("/anlaggningar?kund=alla&typ=fjarrvarme");
    const shown = await page.getByText(/^Visar 1–\d+ av \d+$/).textContent();
    const total = Number(shown!.split(" av ")[1]);
    expect(total).toBeGreaterThan(10);
    await page.getByLabel(`Markera alla ${total} som matchar sökningen`).check();
    await page.getByLabel("Gruppnamn").fill("Fjärrvärme Norrsken");
    await page.getByRole("button", { name: "Spara som grupp" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Gruppen" })).toHaveText(`Gruppen ”Fjärrvärme Norrsken” är sparad med ${total} anläggningar.`);

    // Two installations picked one by one from a free-text search.
    await page.goto("/anlaggningar?kund=alla&q=Storgatan");
    const rows = page.getByRole("table").getByRole("checkbox");
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await rows.nth(0).check();
    await rows.nth(1).check();
    await page.getByLabel("Gruppnamn").fill("fjärrvärme norrsken");
    await page.getByRole("button", { name: "Spara som grupp" }).click();
    await expect(page.getByText("Du har redan en grupp med det namnet.")).toBeVisible();
    await page.getByLabel("Gruppnamn").fill("Storgatan");
    await rows.nth(0).check();
    await rows.nth(1).check();
    await page.getByRole("button", { name: "Spara som grupp" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Gruppen" })).toHaveText("Gruppen ”Storgatan” är sparad med 2 anläggningar.");

    // The groups page: counts, a11y, and the way into the filtered list.
    await page.getByRole("link", { name: "Mina grupper (2)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Grupper" })).toBeVisible();
    const groups = page.getByRole("table", { name: "Mina grupper" });
    await expect(groups.getByRole("row", { name: /Fjärrvärme Norrsken/ })).toContainText(`${total} anläggningar`);
    await expect(groups.getByRole("row", { name: /Storgatan/ })).toContainText("2 anläggningar");
    await expectNoAxeViolations(page);
    await groups.getByRole("link", { name: "Visa i listan: Fjärrvärme Norrsken" }).click();
    await page.waitForURL((url) => url.pathname === "/anlaggningar" && url.searchParams.has("grupp"));
    const groupId = new URL(page.url()).searchParams.get("grupp")!;
    await expect(page.getByRole("table")).toContainText("Anläggningar i gruppen Fjärrvärme Norrsken");
    await expect(page.getByText(`Visar 1–${total} av ${total}`)).toBeVisible();
    await expect(page.getByRole("search").getByLabel("Grupp")).toHaveValue(groupId);
    await expectNoAxeViolations(page);

    // Consumption: the group is offered in the selection and shown summed up.
    await page.goto("/forbrukning");
    await page.getByLabel("Grupp", { exact: true }).selectOption({ label: "Fjärrvärme Norrsken" });
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("grupp") === groupId);
    await expect(page.getByText(`Visar: gruppen Fjärrvärme Norrsken (${total} anläggningar)`)).toBeVisible();
    await expect(page.getByRole("main").getByRole("table").locator("tfoot")).toContainText("Summa");
    // Another view keeps the group in the address.
    await page.getByRole("navigation", { name: "Visa per" }).getByRole("link", { name: "Dygn" }).click();
    await page.waitForURL((url) => url.searchParams.get("grupp") === groupId && url.searchParams.get("niva") === "dygn");
    await expect(page.getByText(`Visar: gruppen Fjärrvärme Norrsken (${total} anläggningar)`)).toBeVisible();

    // Rename and delete on the groups page.
    await page.goto("/anlaggningar/grupper");
    await page.getByLabel("Nytt namn på Storgatan").fill("Storgatan 2 st");
    await page.getByRole("row", { name: /Storgatan/ }).getByRole("button", { name: "Byt namn" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Gruppen heter nu" })).toHaveText("Gruppen heter nu ”Storgatan 2 st”.");
    const row = page.getByRole("row", { name: /Storgatan 2 st/ });
    await row.getByText("Ta bort", { exact: true }).click();
    await row.getByRole("button", { name: "Ta bort gruppen" }).click();
    await page.waitForURL((url) => url.searchParams.has("borttagen"));
    await expect(page.getByRole("status")).toHaveText("Gruppen ”Storgatan 2 st” är borttagen.");
    await expect(page.getByRole("table", { name: "Mina grupper" }).getByRole("row")).toHaveCount(2);
    await signOut(page);

    // Another user of the same customer cannot use it.
    await signIn(page, DRIFT);
    for (const path of [`/anlaggningar?grupp=${groupId}`, `/forbrukning?grupp=${groupId}`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: NOT_FOUND_TITLE })).toBeVisible();
    }
    await page.goto("/anlaggningar/grupper");
    await expect(page.getByText("Du har inga grupper ännu.", { exact: false })).toBeVisible();
  });
});
