// Förbrukning: views per month, day and hour, the accessible table, CSV export, the row limit of
// an export, and another customer refused. Personas (read only): Anna, ekonomi@norrsken.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { signIn, signOut } from "./support/auth";
import { ANNA, NORRSKEN_ADMIN } from "./support/personas";

const NOT_FOUND_TITLE = "Sidan finns inte";

/** Anna's electricity installation, opened from the installation list; returns its id. */
async function openAnnasGridInstallation(page: Page): Promise<string> {
  await page.goto("/anlaggningar");
  await page.getByRole("link", { name: "Villa Tallvägen – el" }).click();
  await page.waitForURL(/\/anlaggningar\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

const table = (page: Page) => page.getByRole("main").getByRole("table");
const granularityTabs = (page: Page) => page.getByRole("navigation", { name: "Visa per" });

test("Anna sees her consumption per month, day and hour and downloads it as CSV", async ({ page }) => {
  await signIn(page, ANNA.email);
  const id = await openAnnasGridInstallation(page);
  await page.getByRole("link", { name: "Visa förbrukning" }).click();
  await page.waitForURL((url) => url.pathname === "/forbrukning" && url.searchParams.get("anl") === id);
  await expect(page.getByRole("heading", { level: 1, name: "Förbrukning" })).toBeVisible();
  await expect(page.getByText("Visar: Villa Tallvägen – el")).toBeVisible();

  // Month view (the default): one row per month of this year so far, with a total.
  await expect(granularityTabs(page).getByRole("link", { name: "Månad" })).toHaveAttribute("aria-current", "page");
  await expect(table(page).locator("caption")).toContainText("Energi per månad");
  await expect(table(page).getByRole("columnheader", { name: "Förbrukning (kWh)" })).toBeVisible();
  const months = await table(page).locator("tbody tr").count();
  expect(months).toBeGreaterThanOrEqual(1);
  expect(months).toBeLessThanOrEqual(12);
  await expect(table(page).locator("tfoot")).toContainText("Summa");
  await expectNoAxeViolations(page);

  // Day view: the month of yesterday.
  await granularityTabs(page).getByRole("link", { name: "Dygn" }).click();
  await expect(granularityTabs(page).getByRole("link", { name: "Dygn" })).toHaveAttribute("aria-current", "page");
  await expect(table(page).locator("caption")).toContainText("Energi per dygn");
  expect(await table(page).locator("tbody tr").count()).toBeGreaterThanOrEqual(1);

  // Compare with last year: a second column appears.
  await page.getByLabel("Jämför med samma period förra året").check();
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  await expect(table(page).getByRole("columnheader", { name: "Förra året (kWh)" })).toBeVisible();

  // Hour view: yesterday's 23–25 hours.
  await granularityTabs(page).getByRole("link", { name: "Timme" }).click();
  await expect(table(page).locator("caption")).toContainText("Energi per timme");
  const hours = await table(page).locator("tbody tr").count();
  expect(hours).toBeGreaterThanOrEqual(23);
  expect(hours).toBeLessThanOrEqual(25);
  await expect(table(page).locator("tbody tr").first().getByRole("rowheader")).toHaveText(/^00:00/);
  await expectNoAxeViolations(page);

  // CSV with decimal comma (the default in Swedish).
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Ladda ner CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^forbrukning-\d{18}-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("Anläggning;Anläggnings-id;Start, lokal tid (Europe/Stockholm);Start, UTC;Värde;Enhet;Antal värden;Förväntat antal;Status");
  expect(lines).toHaveLength(1 + hours);
  const first = lines[1]!.split(";");
  expect(first[0]).toBe("Villa Tallvägen – el");
  expect(first[2]).toMatch(/^\d{4}-\d{2}-\d{2}T00:00\+0[12]:00$/);
  expect(first[3]).toMatch(/^\d{4}-\d{2}-\d{2}T2[23]:00:00Z$/);
  expect(first[4]).toMatch(/^\d+(,\d{1,3})?$/);
  expect(first[5]).toBe("kWh");
  expect(lines.some((l) => /;\d+,\d+;kWh;/.test(l))).toBe(true);
});

test("another customer cannot open Anna's consumption or export it", async ({ page }) => {
  await signIn(page, ANNA.email);
  const id = await openAnnasGridInstallation(page);
  const exportUrl = `/api/forbrukning/export?installation=${id}&from=2026-01-01&to=2026-01-31&granularity=day&format=csv`;
  expect((await page.request.get(exportUrl)).status()).toBe(200);
  await signOut(page);

  await signIn(page, NORRSKEN_ADMIN.email);
  const response = await page.goto(`/forbrukning?anl=${id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND_TITLE })).toBeVisible();
  await expect(page.getByText("Villa Tallvägen")).toHaveCount(0);

  // Mixed with one of her own installations, still refused.
  await page.goto("/forbrukning");
  const own = await page.locator('input[name="anl"][type="checkbox"]:not([value="alla"])').first().getAttribute("value");
  expect((await page.goto(`/forbrukning?anl=${own}&anl=${id}`))?.status()).toBe(404);

  const refused = await page.request.get(exportUrl);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain("Villa Tallvägen");
  expect((await page.request.get(exportUrl.replace("format=csv", "format=xlsx"))).status()).toBe(404);

  await signOut(page);
  expect((await page.request.get(exportUrl)).status()).toBe(401);
});

test("an export link too large for one file leads back to the page with the limit; what the page offers downloads", async ({ page }) => {
  await signIn(page, NORRSKEN_ADMIN.email);
  await page.goto("/forbrukning?anl=alla&niva=dygn");
  const exportCard = page.getByRole("region", { name: "Exportera förbrukning" });
  await expect(exportCard.getByText(/^Filen blir [\d\s]+ rader \(högst 50\s000 per fil\)\.$/)).toBeVisible();
  const customer = await exportCard.locator('input[name="customer"]').getAttribute("value");

  // 20 years of days for all 36 installations, as an old bookmark or a hand-made link would ask.
  await page.goto(`/api/forbrukning/export?installation=all&customer=${customer}&from=2006-01-01&to=2025-12-31&granularity=day&format=xlsx`);
  await page.waitForURL((url) => url.pathname === "/forbrukning" && url.searchParams.get("exportfel") === "for-stor");
  expect(new URL(page.url()).hash).toBe("#export");
  await expect(exportCard.getByRole("alert")).toHaveText(
    "Exporten du bad om blev för stor: högst 50 000 rader kan exporteras åt gången. Välj en grövre indelning eller en kortare period och försök igen.",
  );
  await expectNoAxeViolations(page);

  // The page shows at most a year of days: that file is within the limit and downloads.
  const downloading = page.waitForEvent("download");
  await exportCard.getByRole("button", { name: "Ladda ner Excel" }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^forbrukning-alla-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
