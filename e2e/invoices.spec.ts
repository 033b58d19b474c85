// Fakturor: Anna's invoices from the demo billing (src/fixtures/demo-billing.ts), the unpaid tab, a
// filter, a PDF copy opened from the invoice number, the explanation of the bill, and another
// customer refused the invoice page and the PDF. Personas (read only): Anna, ekonomi@norrsken.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support/auth";
import { ANNA, NORRSKEN_ADMIN } from "./support/personas";

const NOT_FOUND_TITLE = "Sidan finns inte";
const STATUSES = /^(Betald|Obetald|Förfallen|Krediterad|Tillgodo)$/;

const tabs = (page: Page) => page.getByRole("navigation", { name: "Visa fakturor" });
const table = (page: Page) => page.getByRole("main").getByRole("table");
const rows = (page: Page) => table(page).locator("tbody tr");
const statusCells = (page: Page) => rows(page).locator("td:nth-child(6)");

async function openInvoices(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Fakturor" }).click();
  await page.waitForURL((url) => url.pathname === "/fakturor");
  await expect(page.getByRole("heading", { level: 1, name: "Fakturor" })).toBeVisible();
}

/** The first invoice of the list: its detail page and its PDF address. */
async function firstInvoice(page: Page): Promise<{ number: string; detail: string; pdf: string }> {
  const pdfLink = rows(page).first().getByRole("link", { name: /^Öppna faktura \d+ som PDF$/ });
  const number = (await pdfLink.textContent())!.trim();
  const pdf = (await pdfLink.getAttribute("href"))!;
  const detail = (await rows(page).first().getByRole("link", { name: /^Detaljer/ }).getAttribute("href"))!;
  return { number, detail, pdf };
}

test("Anna sees her invoices, filters the unpaid ones, opens a PDF copy and the explanation", async ({ page }) => {
  await signIn(page, ANNA.email);
  await openInvoices(page);

  // Seed 000: number, installation, invoice date, due date, amount, status; newest first.
  await expect(tabs(page).getByRole("link", { name: "Fakturor", exact: true })).toHaveAttribute("aria-current", "page");
  for (const column of ["Fakturanummer", "Anläggning", "Fakturadatum", "Förfallodag", "Belopp", "Status"]) {
    await expect(table(page).getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  expect(await rows(page).count()).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("main").getByRole("status")).toContainText(/^Visar 1–\d+ av \d+$/);
  for (const status of await statusCells(page).allTextContents()) expect(status.trim()).toMatch(STATUSES);
  await expectNoAxeViolations(page);

  // "Obetalda fakturor": only unpaid and overdue invoices, or the empty state.
  await tabs(page).getByRole("link", { name: "Obetalda fakturor" }).click();
  await expect(tabs(page).getByRole("link", { name: "Obetalda fakturor" })).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveURL(/flik=obetalda/);
  if ((await rows(page).count()) === 0) {
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Du har inga obetalda fakturor.");
  } else {
    for (const status of await statusCells(page).allTextContents()) expect(status.trim()).toMatch(/^(Obetald|Förfallen)$/);
  }

  // The filter: paid invoices on the all tab.
  await tabs(page).getByRole("link", { name: "Fakturor", exact: true }).click();
  await page.getByLabel("Status").selectOption({ label: "Betalda" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(page).toHaveURL(/status=betald/);
  for (const status of await statusCells(page).allTextContents()) expect(status.trim()).toBe("Betald");
  // A mistyped amount is pointed out at its field, not silently ignored.
  await page.getByLabel("Belopp från (kr)").fill("12,345");
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(page.getByLabel("Belopp från (kr)")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("link", { name: "Rensa filtret" }).click();
  await expect(page).not.toHaveURL(/status=/);

  // Seed 000: the invoice number opens a PDF copy.
  const invoice = await firstInvoice(page);
  const pdf = await page.request.get(invoice.pdf);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline; filename="faktura-\d+\.pdf"/);
  const pdfBytes = (await pdf.body()).toString("latin1");
  expect(pdfBytes.slice(0, 5)).toBe("%PDF-");
  // The production build finds the font files: the fonts are embedded, no standard font is used.
  expect(pdfBytes).toContain("/FontFile2");
  expect(pdfBytes).not.toMatch(/\/BaseFont \/(Helvetica|Courier)/);

  // The invoice page with its lines and the explanation of the bill.
  await rows(page).first().getByRole("link", { name: /^Detaljer/ }).click();
  await page.waitForURL((url) => url.pathname === invoice.detail);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(invoice.number);
  const explanation = page.getByRole("region", { name: "Förklaring av fakturan" });
  await expect(explanation).toBeVisible();
  await expect(explanation.getByRole("heading", { name: "Så fördelas beloppet" })).toBeVisible();
  await expect(explanation.getByRole("heading", { name: "Raderna en för en" })).toBeVisible();
  await expect(explanation.getByRole("heading", { name: "Moms" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Fakturarader" }).getByRole("table")).toBeVisible();
  await expect(page.getByRole("link", { name: "Öppna PDF" })).toHaveAttribute("href", invoice.pdf);
  await expectNoAxeViolations(page);
});

test("the installation page links to the installation's invoices", async ({ page }) => {
  await signIn(page, ANNA.email);
  await page.goto("/anlaggningar");
  await page.getByRole("link", { name: "Villa Tallvägen – el" }).click();
  await page.waitForURL(/\/anlaggningar\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Fakturor", exact: true }).and(page.getByRole("main").getByRole("link")).click();
  await page.waitForURL((url) => url.pathname === "/fakturor" && /^\d{18}$/.test(url.searchParams.get("anl") ?? ""));
  await expect(page.getByLabel("Anläggnings-id (mätpunkt)")).toHaveValue(/^\d{18}$/);
});

test("another customer gets 404 for Anna's invoice page and PDF", async ({ page }) => {
  await signIn(page, ANNA.email);
  await openInvoices(page);
  const invoice = await firstInvoice(page);
  await signOut(page);

  await signIn(page, NORRSKEN_ADMIN.email);
  const response = await page.goto(invoice.detail);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND_TITLE })).toBeVisible();
  const pdf = await page.request.get(invoice.pdf);
  expect(pdf.status()).toBe(404);
  expect(pdf.headers()["content-type"]).not.toBe("application/pdf");
  // Anna's invoice number finds nothing in the other customer's list either.
  await page.goto(`/fakturor?nr=${invoice.number}&kund=alla`);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Inga fakturor matchar filtret. Ändra eller rensa filtret.");

  await signOut(page);
  const anonymous = await page.request.get(invoice.pdf);
  expect(anonymous.status()).toBe(401);
});

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
