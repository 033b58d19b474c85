// Tredjepartsåtkomst, the customer's side of third-party access to meter data (seed 002, issue 6):
// the page in Swedish and English, the sharing log's filters, paging and CSV export, approving
// through the e-legitimation provider (cancelled, and signed by the wrong person: nothing changes),
// declining after a confirmation without JavaScript, a Read user without buttons, and another
// customer refused the export of someone else's log.
//
// Personas (e2e/support/personas.ts): Anna's pending request from Värmeanalys Norr AB (district
// heating) is DECLINED here; her Solkollen consent and everything else of hers is only read.
// ekonomi@norrsken only looks at 4000001's Energismart requests (the decline step is opened and
// cancelled) and invites a new address to 4000001 as Läs; that user, created here, only looks.
// las@norrsken only looks.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ELEG_TEST_PERSONS } from "../src/fixtures/eleg-test-persons";
import { signIn, signOut } from "./support/auth";
import { actAtProvider } from "./support/eleg";
import { inviteUser, invitationPathFrom } from "./support/invitations";
import { ANNA, NORRSKEN_ADMIN, NORRSKEN_READER } from "./support/personas";

const PAGE = "/tredjepartsatkomst";
const NOT_FOUND_TITLE = "Sidan finns inte";
const VARMEANALYS = { company: "Värmeanalys Norr AB", installation: "Villa Tallvägen – fjärrvärme" } as const;
const SOLKOLLEN = { company: "Solkollen AB", installation: "Villa Tallvägen – el" } as const;
const ENERGISMART = "Energismart Sverige AB";
const stamp = Date.now().toString(36);

async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const pending = (page: Page) => region(page, "Begäranden att hantera");
const log = (page: Page) => page.locator("#delningslogg");
const logRows = (page: Page) => log(page).getByRole("table").locator("tbody tr");

/** "Visar 1–20 av 20" → 20. */
async function logTotal(page: Page): Promise<number> {
  const text = (await log(page).getByRole("status").textContent()) ?? "";
  const match = text.match(/av (\d+)$/);
  expect(match, `log status "${text}"`).not.toBeNull();
  return Number(match![1]);
}

/** A page with JavaScript switched off, signed in as the given page's user. */
async function withoutJavaScript(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "sv-SE", timezoneId: "Europe/Stockholm", storageState: await page.context().storageState() });
  return context.newPage();
}

test("Anna sees her requests, consents and sharing log in Swedish and English, accessible", async ({ page }) => {
  await signIn(page, ANNA.email);
  // The start page points to the request waiting for her.
  const notice = page.getByRole("link", { name: /^Du har \d+ (begäran|begäranden) om mätvärden att hantera\.$/ });
  await expect(notice).toBeVisible();
  await notice.click();
  await page.waitForURL((url) => url.pathname === PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Tredjepartsåtkomst" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Tredjepartsåtkomst" })).toHaveAttribute("aria-current", "page");

  const request = pending(page).getByRole("row", { name: new RegExp(VARMEANALYS.company) });
  await expect(pending(page).getByRole("table", { name: "Begäranden om mätvärden som väntar på ditt svar" })).toBeVisible();
  await expect(request).toContainText(VARMEANALYS.installation);
  await expect(request).toContainText(/Org\.nr \d{6}-\d{4}/);
  await expect(request).toContainText(/735999 \d{4} \d{4} \d{4}/);
  await expect(request).toContainText("Värmeanalys: vi hittar fel i er fjärrvärmecentral");
  await expect(request).toContainText(/Timvärden\s*från \d{4}-\d{2}-\d{2}\s*giltigt till och med \d{4}-\d{2}-\d{2}/);
  await expect(request.getByRole("link", { name: `Godkänn begäran från ${VARMEANALYS.company} för ${VARMEANALYS.installation}` })).toBeVisible();
  await expect(request.getByRole("link", { name: `Neka begäran från ${VARMEANALYS.company} för ${VARMEANALYS.installation}` })).toBeVisible();

  const consent = region(page, "Aktiva medgivanden").getByRole("row", { name: new RegExp(SOLKOLLEN.company) });
  await expect(consent).toContainText(SOLKOLLEN.installation);
  await expect(consent).toContainText("Dygnsvärden");
  await expect(consent).toContainText(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
  await expect(consent).toContainText("av Anna Andersson");
  await expect(consent.getByRole("link", { name: `Avsluta medgivandet för ${SOLKOLLEN.company}, ${SOLKOLLEN.installation}` })).toBeVisible();

  const ended = region(page, "Inaktiva medgivanden");
  await expect(ended.getByRole("row", { name: new RegExp(ENERGISMART) }).first()).toContainText("Avslutad av er");
  await expect(ended.getByRole("row", { name: new RegExp(SOLKOLLEN.company) }).first()).toContainText("Giltighetstiden har gått ut");

  await expect(log(page).getByRole("heading", { level: 2, name: "Delningslogg" })).toBeVisible();
  await expect(log(page).getByRole("table", { name: "Delningslogg: leveranser av mätvärden till företag" })).toBeVisible();
  expect(await logRows(page).count()).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { level: 2, name: "Om tredjepartsåtkomst" })).toBeVisible();
  await expectNoAxeViolations(page);

  // A full load: the language switch's return address is the path the layout was rendered for.
  await page.goto(PAGE);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Third-party access" })).toBeVisible();
  await expect(region(page, "Requests to handle").getByRole("link", { name: `Approve the request from ${VARMEANALYS.company} for ${VARMEANALYS.installation}` })).toBeVisible();
  await expect(region(page, "Active consents").getByRole("row", { name: new RegExp(SOLKOLLEN.company) })).toContainText("Daily values");
  await expect(region(page, "Inactive consents").getByRole("row", { name: new RegExp(ENERGISMART) }).first()).toContainText("Ended by you");
  await expect(log(page).getByRole("heading", { level: 2, name: "Sharing log" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Third-party access" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tredjepartsåtkomst" })).toBeVisible();
  await signOut(page);
});

test("the sharing log filters and downloads as CSV; another customer cannot export it", async ({ page }) => {
  await signIn(page, ANNA.email);
  await page.goto(PAGE);
  const total = await logTotal(page);

  // One company: only its deliveries, fewer than all.
  await log(page).getByLabel("Företag").selectOption({ label: SOLKOLLEN.company });
  await log(page).getByRole("button", { name: "Visa", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.has("foretag"));
  const solkollen = await logTotal(page);
  expect(solkollen).toBeGreaterThan(0);
  expect(solkollen).toBeLessThan(total);
  for (const row of await logRows(page).all()) await expect(row).toContainText(SOLKOLLEN.company);

  // The newest delivery's day: a date range of that one day keeps only that day's deliveries.
  const newest = (await logRows(page).first().getByRole("rowheader").textContent())!.trim();
  const day = newest.slice(0, 10);
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await log(page).getByLabel("Hämtat från och med").fill(day);
  await log(page).getByLabel("Hämtat till och med").fill(day);
  await log(page).getByRole("button", { name: "Visa", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("fran") === day);
  await expect(log(page).getByRole("status")).toHaveText(/^Visar 1–\d+ av \d+$/);
  for (const row of await logRows(page).all()) await expect(row.getByRole("rowheader")).toHaveText(new RegExp(`^${day}`));

  // The export follows the filters: Solkollen's deliveries of all days as CSV.
  await log(page).getByRole("link", { name: "Rensa filter" }).click();
  await page.waitForURL((url) => !url.searchParams.has("foretag"));
  await log(page).getByLabel("Företag").selectOption({ label: SOLKOLLEN.company });
  await log(page).getByRole("button", { name: "Visa", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.has("foretag"));
  const downloading = page.waitForEvent("download");
  await log(page).getByRole("link", { name: "Ladda ner CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^delningslogg-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "Hämtat (Europe/Stockholm);Hämtat, UTC;Företag;Organisationsnummer;Kundnummer;Anläggning;Adress;Anläggnings-id;Mätvärden från och med;Mätvärden till och med;Upplösning;Antal värden",
  );
  expect(lines).toHaveLength(1 + solkollen);
  for (const line of lines.slice(1)) {
    const cells = line.split(";");
    expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells.slice(2, 3)).toEqual([SOLKOLLEN.company]);
    expect(cells[3]).toMatch(/^\d{6}-\d{4}$/);
    expect(cells[4]).toBe(ANNA.customerNumber);
    expect(cells[5]).toBe(SOLKOLLEN.installation);
    expect(cells[10]).toBe("Dygnsvärden");
    expect(cells[11]).toMatch(/^\d+$/);
  }
  expect(lines[1]!.startsWith(newest)).toBe(true);
  const excel = await page.request.get((await log(page).getByRole("link", { name: "Ladda ner Excel" }).getAttribute("href"))!);
  expect(excel.status()).toBe(200);
  expect(excel.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  // Her grid installation's log as a link of its own: hers to download, nobody else's.
  const gridId = await log(page)
    .getByLabel("Anläggning")
    .locator("option", { hasText: SOLKOLLEN.installation })
    .getAttribute("value");
  expect(gridId).toMatch(/^[0-9a-f-]{36}$/);
  const exportUrl = `/api/tredjepartsatkomst/logg?anl=${gridId}&format=csv`;
  expect((await page.request.get(exportUrl)).status()).toBe(200);
  await signOut(page);

  await signIn(page, NORRSKEN_ADMIN.email);
  const refused = await page.request.get(exportUrl);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain(SOLKOLLEN.company);
  expect((await page.request.get(exportUrl.replace("format=csv", "format=xlsx"))).status()).toBe(404);
  const response = await page.goto(`${PAGE}?anl=${gridId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND_TITLE })).toBeVisible();
  await expect(page.getByText(SOLKOLLEN.installation)).toHaveCount(0);

  // Norrsken's own log pages (25 a page) and names the customer number.
  await page.goto(PAGE);
  const norrsken = await logTotal(page);
  expect(norrsken).toBeGreaterThan(25);
  const pages = Math.ceil(norrsken / 25);
  const paging = log(page).getByRole("navigation", { name: "Sidor i delningsloggen" });
  await expect(paging).toContainText(`Sida 1 av ${pages}`);
  await expect(logRows(page).first()).toContainText(/Kundnummer 400000\d/);
  await paging.getByRole("link", { name: "Nästa" }).click();
  await page.waitForURL((url) => url.searchParams.get("sida") === "2");
  await expect(log(page).getByRole("status")).toHaveText(`Visar 26–${Math.min(50, norrsken)} av ${norrsken}`);
  await signOut(page);

  expect((await page.request.get(exportUrl)).status()).toBe(401);
});

test("approving goes through the e-legitimation provider; cancelling or the wrong person approves nothing; declining asks first", async ({ page, browser }) => {
  await signIn(page, ANNA.email);
  await page.goto(PAGE);
  const row = () => pending(page).getByRole("row", { name: new RegExp(VARMEANALYS.company) });

  // Approve: the step with a date per request, then the provider shows the text to sign.
  await row().getByRole("link", { name: /^Godkänn/ }).click();
  await page.waitForURL((url) => url.searchParams.get("atgard") === "godkann");
  await expect(pending(page).getByRole("heading", { level: 3, name: "Godkänn begäran" })).toBeVisible();
  const validUntil = pending(page).getByLabel(`Giltigt till och med, ${VARMEANALYS.company} för ${VARMEANALYS.installation}`);
  const [min, max] = [await validUntil.getAttribute("min"), await validUntil.getAttribute("max")];
  expect(min).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(max! > min!).toBe(true);
  await expect(validUntil).toHaveValue(max!);
  await expectNoAxeViolations(page);
  await validUntil.fill(min!);
  await pending(page).getByRole("button", { name: "Signera med e-legitimation" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
  await expect(page.locator("blockquote")).toContainText(`${VARMEANALYS.company} (`);
  await expect(page.locator("blockquote")).toContainText(`giltigt till och med ${min}`);
  await actAtProvider(page, ELEG_TEST_PERSONS.anna, "Avbryt");
  await page.waitForURL((url) => url.pathname === PAGE && url.searchParams.get("signering") === "avbruten");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Signeringen avbröts. Inget har godkänts.");
  await expect(row()).toBeVisible();

  // Signed, but by someone else than the person linked to her account: nothing is approved.
  await row().getByRole("link", { name: /^Godkänn/ }).click();
  await pending(page).getByRole("button", { name: "Signera med e-legitimation" }).click();
  await actAtProvider(page, ELEG_TEST_PERSONS.eva, "Signera");
  await page.waitForURL((url) => url.pathname === PAGE && url.searchParams.get("signering") === "fel");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("en annan persons e-legitimation");
  await expect(row()).toBeVisible();
  await expect(region(page, "Aktiva medgivanden").getByRole("row", { name: new RegExp(VARMEANALYS.company) })).toHaveCount(0);

  // Decline: a confirmation step first; "Avbryt" leaves the request as it was.
  await row().getByRole("link", { name: /^Neka/ }).click();
  await page.waitForURL((url) => url.searchParams.get("atgard") === "neka");
  await expect(pending(page).getByRole("heading", { level: 3, name: "Neka begäran" })).toBeVisible();
  await expect(pending(page).getByRole("table", { name: "Begäranden du nekar" })).toContainText(VARMEANALYS.installation);
  await expectNoAxeViolations(page);
  await pending(page).getByRole("link", { name: "Avbryt" }).click();
  await page.waitForURL((url) => url.pathname === PAGE && !url.searchParams.has("atgard"));
  await expect(row()).toBeVisible();

  // Declined with JavaScript switched off: plain links and a plain form all the way.
  const plain = await withoutJavaScript(browser, page);
  await plain.goto(PAGE);
  await pending(plain).getByRole("row", { name: new RegExp(VARMEANALYS.company) }).getByRole("link", { name: /^Neka/ }).click();
  await plain.getByRole("button", { name: "Ja, neka begäran" }).click();
  await plain.waitForURL((url) => url.searchParams.get("utfall") === "nekade");
  await expect(plain.getByRole("main").getByRole("status").first()).toHaveText("Begäran är nekad. Företaget har meddelats.");
  await plain.context().close();

  await page.goto(PAGE);
  await expect(row()).toHaveCount(0);
  await expect(region(page, "Inaktiva medgivanden").getByRole("row", { name: new RegExp(VARMEANALYS.company) })).toContainText(/Nekad\s*av Anna Andersson/);
  await signOut(page);
});

test("Norrsken's administrator handles several requests at once, within a limit, after a confirmation", async ({ page }) => {
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto(PAGE);
  const requests = pending(page).getByRole("row", { name: new RegExp(ENERGISMART) });
  expect(await requests.count()).toBeGreaterThanOrEqual(2);
  await expect(requests.first()).toContainText(/Kundnummer 400000\d/);
  await expect(pending(page).getByText("Du kan hantera högst 8 begäranden åt gången.")).toBeVisible();

  // Nothing ticked: told to tick something.
  await pending(page).getByRole("button", { name: "Neka markerade" }).click();
  await expect(pending(page).getByRole("alert")).toHaveText("Markera minst en begäran först.");

  // Two ticked: the decline step lists both; cancelled, so nothing changes.
  await requests.nth(0).getByRole("checkbox").check();
  await requests.nth(1).getByRole("checkbox").check();
  await pending(page).getByRole("button", { name: "Neka markerade" }).click();
  await page.waitForURL((url) => url.searchParams.get("atgard") === "neka" && url.searchParams.getAll("id").length === 2);
  await expect(pending(page).getByRole("heading", { level: 3, name: "Neka 2 begäranden" })).toBeVisible();
  await expect(pending(page).getByRole("table", { name: "Begäranden du nekar" }).locator("tbody tr")).toHaveCount(2);
  await expect(pending(page).getByRole("button", { name: "Ja, neka 2 begäranden" })).toBeVisible();
  await pending(page).getByRole("link", { name: "Avbryt" }).click();
  await page.waitForURL((url) => url.pathname === PAGE && !url.searchParams.has("atgard"));
  expect(await pending(page).getByRole("row", { name: new RegExp(ENERGISMART) }).count()).toBe(await requests.count());

  // More than eight in one address (hand-made): refused with the limit.
  await page.goto(`${PAGE}?atgard=godkann&${Array.from({ length: 9 }, (_, i) => `id=00000000-0000-4000-8000-00000000000${i}`).join("&")}`);
  await expect(pending(page).getByRole("alert")).toHaveText("Du kan hantera högst 8 begäranden åt gången. Markera färre.");

  // Ending asks first too (opened and cancelled here).
  const active = region(page, "Aktiva medgivanden");
  await active.getByRole("link", { name: /^Avsluta/ }).first().click();
  await page.waitForURL((url) => url.searchParams.get("atgard") === "avsluta");
  await expect(active.getByRole("heading", { level: 3, name: "Avsluta medgivandet" })).toBeVisible();
  await expect(active.getByRole("button", { name: "Ja, avsluta medgivandet" })).toBeVisible();
  await expectNoAxeViolations(page);
  await active.getByRole("link", { name: "Avbryt" }).click();
  await page.waitForURL((url) => url.pathname === PAGE && !url.searchParams.has("atgard"));
  await signOut(page);
});

test("a Read user sees the requests and consents but has no buttons", async ({ page }) => {
  // A new Läs user of 4000001, invited here, sees Norrsken's requests.
  const invitee = `tredjepart-las-${stamp}@example.com`;
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/behorighet");
  const path = invitationPathFrom(await inviteUser(page, invitee, "Läs"));
  // The address of the decline step for one of Norrsken's requests, as the administrator has it.
  await page.goto(PAGE);
  const declineStep = (await pending(page).getByRole("link", { name: /^Neka/ }).first().getAttribute("href"))!;
  expect(declineStep).toMatch(/atgard=neka&id=[0-9a-f-]{36}/);
  await signOut(page);

  await page.goto(path);
  await page.getByLabel(/^Ditt namn/).fill("Rut Läsare");
  await page.getByLabel(/^Lösenord/).fill("ett-bra-losenord");
  await page.getByLabel(/^Upprepa lösenordet/).fill("ett-bra-losenord");
  await page.getByRole("button", { name: "Skapa konto och acceptera" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  // Nothing to handle for a Read user: no notice on the start page.
  await expect(page.getByRole("link", { name: /om mätvärden att hantera/ })).toHaveCount(0);

  await page.goto(PAGE);
  await expect(pending(page).getByRole("row", { name: new RegExp(ENERGISMART) }).first()).toBeVisible();
  await expect(pending(page).getByRole("note")).toHaveText(
    "Du kan se begärandena men inte svara på dem. Det kan användare med behörighetsnivån Administratör eller Fullständig för kundnumret göra.",
  );
  await expect(region(page, "Aktiva medgivanden").getByRole("row", { name: new RegExp(ENERGISMART) }).first()).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: /^(Godkänn|Neka|Avsluta)/ })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button", { name: /^(Godkänn|Neka|Ja, )/ })).toHaveCount(0);
  await expect(pending(page).getByRole("checkbox")).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The administrator's address of a decline step shows this user no step, only why.
  await page.goto(declineStep);
  await expect(pending(page).getByRole("alert")).toContainText("finns inte längre att hantera, eller så får du inte svara på den");
  await expect(page.getByRole("button", { name: /^Ja, neka/ })).toHaveCount(0);
  await signOut(page);

  // The demo's Read user of 4000002 (no third-party requests there): the page, and no buttons.
  await signIn(page, NORRSKEN_READER.email);
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Tredjepartsåtkomst" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: /^(Godkänn|Neka|Avsluta)/ })).toHaveCount(0);
  await signOut(page);
});
