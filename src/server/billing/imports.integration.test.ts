import { beforeEach, describe, expect, it } from "vitest";
import type { SeGridPriceList } from "@/domain/billing/price-list";
import { rfReference } from "@/domain/billing/payment-references";
import { DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { createCustomer } from "@/fixtures/factories";
import { createBilledInstallation, invoicesOf } from "../../../tests/support/billing";
import { createTestInvoice } from "../../../tests/support/invoice-fixtures";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { importPayments } from "./import-payments";
import { importSpotPrices } from "./import-spot-prices";
import { runBilling } from "./run-billing";
import { storePriceLists } from "./store-price-lists";
import { storeVatRates } from "./store-vat-rates";

const db = getTestDb();
const file = (...lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");
/** Imports a file of these rows under the format's header line. */
const importSpotRows = (fileName: string, ...rows: string[]) => importSpotPrices({ fileName, bytes: file("price_area;start;resolution;price;unit", ...rows) }, { db });
const importPaymentRows = (fileName: string, ...rows: string[]) => importPayments({ fileName, bytes: file("reference;amount;currency;paid_on", ...rows) }, { db });

beforeEach(async () => {
  await resetDatabase();
  await storeVatRates(db, DEMO_VAT_RATES);
});

async function spotRows() {
  const rows = await db.spotPrice.findMany({ orderBy: [{ priceArea: "asc" }, { resolution: "asc" }, { startsAt: "asc" }] });
  return rows.map((r) => [r.priceArea, r.resolution, r.startsAt.toISOString(), r.currency, r.priceMinor.toString()]);
}

describe("importSpotPrices", () => {
  it("converts each unit exactly to minor units per kWh of the area's currency", async () => {
    const result = await importSpotRows(
      "spot.csv",
      // EUR/MWh ÷ 10 = c/kWh: 45,67 €/MWh → 4.567 c/kWh; negative prices stay negative.
      "FI;2025-10-01T00:00:00+03:00;PT15M;45,67;EUR/MWh",
      "FI;2025-10-01T00:15:00+03:00;PT15M;-1.25;EUR/MWh",
      // SEK/MWh ÷ 10 = öre/kWh.
      "SE3;2025-09-30T22:00:00Z;PT60M;523.4;SEK/MWh",
      // Already öre/kWh; and kr/kWh × 100.
      "SE4;2025-09-30T22:00:00Z;PT1H;61,25;öre/kWh",
      "SE4;2025-09-30T23:00:00Z;PT1H;0.61255;SEK/kWh",
      // Danish øre/kWh and DKK/MWh.
      "dk1;2025-09-30T22:00:00Z;PT1H;98.7654;øre/kWh",
      "DK2;2025-09-30T22:00:00Z;PT1H;987.65432;DKK/MWh",
    );
    expect(result).toMatchObject({ status: "STORED", received: 7, stored: 7, replaced: 0, unchanged: 0, problemCount: 0 });
    expect(await spotRows()).toEqual([
      ["DK1", "PT1H", "2025-09-30T22:00:00.000Z", "DKK", "98.7654"],
      ["DK2", "PT1H", "2025-09-30T22:00:00.000Z", "DKK", "98.765432"],
      ["FI", "PT15M", "2025-09-30T21:00:00.000Z", "EUR", "4.567"],
      ["FI", "PT15M", "2025-09-30T21:15:00.000Z", "EUR", "-0.125"],
      ["SE3", "PT1H", "2025-09-30T22:00:00.000Z", "SEK", "52.34"],
      ["SE4", "PT1H", "2025-09-30T22:00:00.000Z", "SEK", "61.25"],
      ["SE4", "PT1H", "2025-09-30T23:00:00.000Z", "SEK", "61.255"],
    ]);

    // The same prices again change nothing; a changed price is replaced and its month reported.
    const again = await importSpotRows("spot-2.csv", "FI;2025-10-01T00:00:00+03:00;PT15M;45.67;EUR/MWh", "SE3;2025-09-30T22:00:00Z;PT1H;530;SEK/MWh");
    expect(again).toMatchObject({ status: "STORED", stored: 0, replaced: 1, unchanged: 1, changedMonths: [{ priceArea: "SE3", resolution: "PT1H", month: "2025-10" }] });
  });

  it("stores nothing from a file with any problem and says what is wrong, line by line", async () => {
    const result = await importSpotRows(
      "bad.csv",
      "FI;2025-10-01T00:00:00+03:00;PT15M;45.67;EUR/MWh",
      "SE3;2025-10-01T00:00:00+02:00;PT1H;45.67;EUR/MWh",
      "NO1;2025-10-01T00:00:00+02:00;PT1H;1;EUR/MWh",
      "FI;2025-10-01T00:07:00+03:00;PT15M;1;EUR/MWh",
      "FI;2025-10-01 00:00;PT15M;1;EUR/MWh",
      "FI;2025-10-01T00:30:00+03:00;PT15M;1.123456;EUR/MWh",
      "FI;2025-10-01T00:00:00+03:00;PT15M;45.68;EUR/MWh",
    );
    expect(result.status).toBe("REJECTED");
    expect(result.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [3, "INVALID_PRICE", "Unit EUR/MWh is in EUR, the price area bills in SEK; convert to SEK first."],
      [4, "UNKNOWN_AREA", 'Unknown price area "NO1": use SE1, SE2, SE3, SE4, DK1, DK2, FI.'],
      [5, "OFF_GRID", "Start 2025-10-01T00:07:00+03:00 is not on the PT15M grid (:00, :15, :30, :45)."],
      [6, "INVALID_START", 'Start must be an ISO-8601 instant with offset, e.g. 2025-10-01T00:00:00+02:00 or 2025-09-30T22:00:00Z; got "2025-10-01 00:00".'],
      [7, "INVALID_PRICE", "Price 1.123456 EUR/MWh would need more than 6 decimals in minor units per kWh; give at most 5 decimals."],
      [8, "CONFLICTING_DUPLICATE", "FI PT15M 2025-09-30T21:00:00.000Z has another price on line 2 (4.567 against 4.568 minor units per kWh)."],
    ]);
    expect(await db.spotPrice.count()).toBe(0);
  });
});

const grid: SeGridPriceList = {
  id: "g",
  name: "Elnät",
  product: "SE_GRID",
  market: "SE",
  currency: "SEK",
  validFrom: "2026-01-01",
  validTo: null,
  prices: { fixedFee: { amount: "20000", per: "month" }, transferPerKWh: "20", energyTaxPerKWh: "40" },
};

describe("importPayments", () => {
  it("marks full payments PAID, keeps partial ones unpaid, and reports unknown references", async () => {
    await storePriceLists(db, [{ list: grid }]);
    const a = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    const b = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 2 } });
    await runBilling({ db, cycle: "MONTHLY", periodStart: "2026-11-01", periodEnd: "2026-12-01", today: "2026-12-01" });
    const [ia] = await invoicesOf(db, a.contract.id);
    const [ib] = await invoicesOf(db, b.contract.id);
    // a: 20 000 + 720 × 60 = 63 200 net + 25 % = 79 000; b: 20 000 + 1 440 × 60 = 106 400 + 25 % = 133 000.
    expect([ia!.totalAmountMinor, ib!.totalAmountMinor]).toEqual([79_000, 133_000]);
    const ocrA = ia!.paymentReference.replace(/(\d{4})/g, "$1 ").trim();

    const result = await importPaymentRows(
      "bankgiro-2026-12-28.csv",
      `${ocrA};500,00;SEK;2026-12-20`,
      `${ia!.paymentReference};290.00;SEK;2026-12-28`,
      `${ib!.paymentReference};1000;SEK;2026-12-21`,
      "99999999999;150,00;SEK;2026-12-21",
    );
    expect(result).toMatchObject({ status: "STORED", received: 4, matched: 3, unmatched: 1 });
    expect(result.paid).toEqual([{ invoiceNumber: ia!.invoiceNumber, paidMinor: 79_000, totalMinor: 79_000, paidAt: "2026-12-28T12:00:00.000Z" }]);
    expect(result.partiallyPaid).toEqual([{ invoiceNumber: ib!.invoiceNumber, paidMinor: 100_000, totalMinor: 133_000 }]);
    expect(result.problems.map((p) => [p.line ?? null, p.code])).toEqual([
      [5, "UNKNOWN_REFERENCE"],
      [null, "PARTLY_PAID"],
    ]);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: ia!.id } })).toMatchObject({ status: "PAID", paidAt: new Date("2026-12-28T12:00:00.000Z") });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: ib!.id } })).status).toBe("ISSUED");
    const stored = await db.payment.findMany({ orderBy: { amountMinor: "asc" } });
    expect(stored.map((p) => [p.amountMinor, p.invoiceId])).toEqual([
      [15_000, null],
      [29_000, ia!.id],
      [50_000, ia!.id],
      [100_000, ib!.id],
    ]);
    const importRow = await db.paymentImport.findUniqueOrThrow({ where: { id: result.importId! } });
    expect(importRow.report).toHaveLength(2);

    // The same file again is refused: no payment counts twice.
    const twice = await importPaymentRows("again.csv", `${ocrA};500,00;SEK;2026-12-20`, `${ia!.paymentReference};290.00;SEK;2026-12-28`, `${ib!.paymentReference};1000;SEK;2026-12-21`, "99999999999;150,00;SEK;2026-12-21");
    expect(twice.status).toBe("REJECTED");
    expect(twice.problems[0]!.code).toBe("ALREADY_IMPORTED");

    // The rest of b arrives.
    const rest = await importPaymentRows("rest.csv", `${ib!.paymentReference};330;SEK;2027-01-05`);
    expect(rest.paid.map((p) => p.invoiceNumber)).toEqual([ib!.invoiceNumber]);
    expect(await db.payment.count()).toBe(5);
  });

  it("matches Finnish references as bank statements write them: zero-padded to 20 digits, or as RF references", async () => {
    const customer = await createCustomer(db, { market: "FI" });
    const invoice = () => createTestInvoice(db, { customerId: customer.id, invoiceDate: "2026-11-01", periodStart: "2026-10-01", periodEnd: "2026-11-01", netAmountMinor: 10_000 });
    const [a, b, c] = [await invoice(), await invoice(), await invoice()];
    const grouped = (ref: string) => ref.replace(/(.{4})(?=.)/g, "$1 ");
    const result = await importPaymentRows(
      "tiliote-2026-11-20.csv",
      // The fixed-width field of a bank statement.
      `${a.paymentReference.padStart(20, "0")};125,50;EUR;2026-11-14`,
      // The RF creditor reference built on the national one, in print groups and lower case…
      `${grouped(rfReference(b.paymentReference)).toLowerCase()};125,50;EUR;2026-11-15`,
      // …and zero-padded.
      `${grouped(rfReference(c.paymentReference.padStart(21, "0")))};125,50;EUR;2026-11-16`,
    );
    expect(result).toMatchObject({ status: "STORED", received: 3, matched: 3, unmatched: 0, problems: [] });
    expect(result.paid.map((p) => p.invoiceNumber).sort()).toEqual([a.invoiceNumber, b.invoiceNumber, c.invoiceNumber].sort());
    for (const i of [a, b, c]) expect((await db.invoice.findUniqueOrThrow({ where: { id: i.id } })).status).toBe("PAID");
    // Stored in the form the invoice carries, so later lookups by reference find them.
    expect((await db.payment.findMany({ orderBy: { paidOn: "asc" } })).map((p) => p.reference)).toEqual([a.paymentReference, b.paymentReference, c.paymentReference]);
  });

  it("stores nothing from a file with a malformed line", async () => {
    const result = await importPaymentRows("bad.csv", "123;12,345;SEK;2026-12-01", "124;10;NOK;2026-12-01", "125;10;SEK;2026-02-30", "126;-5;SEK;2026-12-01", "127;10;SEK;2026-12-01", "127;10;SEK;2026-12-01");
    expect(result.status).toBe("REJECTED");
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [2, "INVALID_AMOUNT"],
      [3, "INVALID_CURRENCY"],
      [4, "INVALID_DATE"],
      [5, "INVALID_AMOUNT"],
      [7, "DUPLICATE_PAYMENT"],
    ]);
    expect(await db.paymentImport.count()).toBe(0);
    expect(await db.payment.count()).toBe(0);
  });
});
