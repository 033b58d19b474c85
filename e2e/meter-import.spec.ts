// Issue 10, item 11: a staff upload is imported by the background worker, not on the web server's
// event loop; the page follows it (queued, importing) until the report is there.
import { expect, test } from "@playwright/test";
import { signInStaff } from "./support/auth";
import { SUPPORT_STAFF } from "./support/personas";

// A metering point no installation has: the import is refused with a report, and the demo data
// other specs rely on stays as it was.
const FILE = ["metering_point;quantity;resolution;start;value;quality", "735999100000000010;ENERGY_KWH;PT1H;2025-01-01T00:00:00+01:00;1,234;measured", ""].join("\n");

test("staff upload a meter-value file; the page shows it queued, then its report once the worker has imported it", async ({ page }) => {
  await signInStaff(page, SUPPORT_STAFF.email);
  await page.goto("/support/import");
  await page.getByLabel("Fil", { exact: false }).first().setInputFiles({ name: "e2e-okand-matpunkt.csv", mimeType: "text/csv", buffer: Buffer.from(FILE) });
  await page.getByRole("button", { name: "Importera" }).click();

  await page.waitForURL((url) => url.searchParams.has("jobb"));
  const job = page.getByRole("region", { name: "Import av e2e-okand-matpunkt.csv" });
  await expect(job).toBeVisible();
  await expect(job.getByRole("status")).toContainText(/väntar på att importeras|importeras nu/);
  await page.screenshot({ path: test.info().outputPath("queued-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("queued-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The worker runs every few seconds; the page refreshes itself and lands on the import's report.
  await page.waitForURL((url) => url.searchParams.has("import"), { timeout: 30_000 });
  const report = page.getByRole("region", { name: "Resultat: e2e-okand-matpunkt.csv" });
  await expect(report).toBeVisible();
  await expect(report.getByRole("status")).toContainText("Ingenting ur filen sparades");
  await expect(report.getByRole("row", { name: /Rad 2/ })).toContainText("Ingen anläggning har mätpunkten 735999100000000010");
  await page.screenshot({ path: test.info().outputPath("report-desktop.png"), fullPage: true });
});

test("the upload form refuses a missing file before sending anything", async ({ page }) => {
  await signInStaff(page, SUPPORT_STAFF.email);
  await page.goto("/support/import");
  await page.getByRole("button", { name: "Importera" }).click();
  await expect(page.getByText("Välj en fil att importera.")).toBeVisible();
  expect(new URL(page.url()).searchParams.has("jobb")).toBe(false);
});
