import { beforeEach, describe, expect, it } from "vitest";
import type { SeSupplyPriceList } from "@/domain/billing/price-list";
import { isValidSwedishOcrWithLength } from "@/domain/billing/payment-references";
import { billingExplanationSchema, type BillingExplanation } from "@/domain/billing/invoice-explanation";
import { DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { createBilledInstallation, invoicesOf, plainLine, seGridWithPowerFee } from "../../../tests/support/billing";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { runBilling } from "./run-billing";
import { storePriceLists } from "./store-price-lists";
import { loadVatRates } from "./load-vat-rates";
import { storeVatRates } from "./store-vat-rates";

const db = getTestDb();
const NOVEMBER = { cycle: "MONTHLY" as const, periodStart: "2026-11-01", periodEnd: "2026-12-01" };

/** 1 kWh every hour, with three weekday peaks in November 2026 (5, 4 and 3 kWh). */
function novemberProfile(day: { date: string }, hour: number): number {
  if (day.date === "2026-11-02" && hour === 8) return 5;
  if (day.date === "2026-11-03" && hour === 9) return 4;
  if (day.date === "2026-11-04" && hour === 10) return 3;
  return 1;
}

beforeEach(async () => {
  await resetDatabase();
  await storeVatRates(db, DEMO_VAT_RATES);
});

describe("a monthly Swedish grid invoice", () => {
  it("equals the hand-computed rating, with invoice number, OCR, dates and explanation", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
    const { contract, installation } = await createBilledInstallation(db, {
      priceProducts: ["SE_GRID"],
      values: { from: "2026-11-01", to: "2026-12-01", value: novemberProfile },
    });

    const summary = await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    expect(summary).toMatchObject({ contracts: 1, invoicesIssued: 1, creditNotesIssued: 0, resumed: false });
    expect(summary.items).toEqual({ ISSUED: 1, CORRECTED: 0, UNCHANGED: 0, SKIPPED: 0, FAILED: 0 });

    const [invoice] = await invoicesOf(db, contract.id);
    // 720 h: 717 × 1 + 5 + 4 + 3 = 729 kWh.
    // Fixed fee 1 month × 315.00 = 31 500 öre, VAT 7 875
    // Transfer 729 × 23.2 = 16 912.8 → 16 913, VAT 4 228.25 → 4 228
    // Energy tax 729 × 36 = 26 244, VAT 6 561
    // Power fee (5 + 4 + 3) / 3 = 4 kW × 47.00 kr = 18 800, VAT 4 700
    expect(invoice!.lines.map(plainLine)).toEqual([
      { code: "SE_GRID_FIXED_FEE", quantity: "1", unitPriceMinor: "31500", amountMinor: 31_500, vatRate: "25", vatAmountMinor: 7_875 },
      { code: "SE_GRID_TRANSFER", quantity: "729", unitPriceMinor: "23.2", amountMinor: 16_913, vatRate: "25", vatAmountMinor: 4_228 },
      { code: "SE_GRID_ENERGY_TAX", quantity: "729", unitPriceMinor: "36", amountMinor: 26_244, vatRate: "25", vatAmountMinor: 6_561 },
      { code: "SE_GRID_POWER_FEE", quantity: "4", unitPriceMinor: "4700", amountMinor: 18_800, vatRate: "25", vatAmountMinor: 4_700 },
    ]);
    expect(invoice).toMatchObject({
      kind: "INVOICE",
      status: "ISSUED",
      currency: "SEK",
      installationId: installation.id,
      netAmountMinor: 93_457,
      vatAmountMinor: 23_364,
      totalAmountMinor: 116_821,
      billingKey: `${contract.id}:2026-11-01:v1`,
      invoiceNumber: "1000000001",
      paymentReference: "100000000123",
      correctsInvoiceId: null,
    });
    expect(isValidSwedishOcrWithLength(invoice!.paymentReference)).toBe(true);
    expect(invoice!.ratingHash).toMatch(/^[0-9a-f]{64}$/);
    // The period ends Monday 30 November: invoice Tuesday 1 December, due 30 days later.
    expect(invoice!.invoiceDate.toISOString().slice(0, 10)).toBe("2026-12-01");
    expect(invoice!.dueDate.toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(invoice!.lines[0]!.description).toBe("Fast avgift, elnät");

    // What the run stores is what the one schema of Invoice.explanation accepts.
    expect(billingExplanationSchema.parse(invoice!.explanation)).toEqual(invoice!.explanation);
    const explanation = invoice!.explanation as unknown as BillingExplanation;
    // A line's parameters are in the explanation; the line row keeps them only when there are any.
    expect(explanation.lines[0]!.params).toEqual({});
    expect(invoice!.lines[0]!.params).toBeNull();
    expect(invoice!.lines[3]!.params).toEqual(explanation.lines[3]!.params);
    expect(explanation.lines[3]!.params).toMatchObject({ month: "2026-11" });
    expect(explanation).toMatchObject({
      kind: "INVOICE",
      market: "SE",
      cycle: "MONTHLY",
      period: { from: "2026-11-01", to: "2026-12-01" },
      consumption: { kWh: "729.000", intervals: 720, resolution: "PT1H" },
      totals: { netMinor: 93_457, vatMinor: 23_364, totalMinor: 116_821 },
      payment: { scheme: "SE_OCR", reference: "100000000123", invoiceDate: "2026-12-01", dueDate: "2026-12-31", termDays: 30 },
      nextInvoice: { periodFrom: "2026-12-01", periodTo: "2027-01-01", invoiceDate: "2027-01-01", dueDate: "2027-02-01" },
      spot: null,
      aconto: null,
      correction: null,
    });
    expect(explanation.lines[3]).toMatchObject({ position: 4, code: "SE_GRID_POWER_FEE", details: { kind: "powerFee", peakCount: 3 } });
    expect(explanation.priceLists).toHaveLength(1);
  });

  it("bills spot and margin at the consumption-weighted average and explains the plain average", async () => {
    const spot: SeSupplyPriceList = {
      id: "spot",
      name: "Timpris",
      product: "SE_SUPPLY",
      market: "SE",
      currency: "SEK",
      validFrom: "2026-01-01",
      validTo: null,
      prices: { monthlyFee: "4900", energy: { kind: "spot", marginPerKWh: "4.9" } },
    };
    await storePriceLists(db, [{ list: spot, key: "SE_SUPPLY:SPOT" }]);
    // Hourly prices: 100 öre in even hours, −20 öre in odd hours (SE3). Consumption: 2 kWh in even
    // hours, 1 kWh in odd hours → weighted (2·100 − 20) / 3 = 60 öre/kWh; plain average 40.
    await db.$executeRawUnsafe(
      `INSERT INTO "SpotPrice" ("priceArea", "resolution", "startsAt", "currency", "priceMinor")
       SELECT 'SE3', 'PT1H', $1::timestamptz + h * interval '1 hour', 'SEK', CASE WHEN h % 2 = 0 THEN 100 ELSE -20 END
       FROM generate_series(-30, 750) AS h`,
      "2026-10-31T23:00:00Z",
    );
    const { contract } = await createBilledInstallation(db, {
      priceProducts: ["SE_SUPPLY:SPOT"],
      priceArea: "SE3",
      type: "ELECTRICITY_SUPPLY",
      values: { from: "2026-11-01", to: "2026-12-01", value: (_, h) => (h % 2 === 0 ? 2 : 1) },
    });
    await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    const [invoice] = await invoicesOf(db, contract.id);
    // 360 × 2 + 360 × 1 = 1 080 kWh; Σ p·E = 360 × 200 − 360 × 20 = 64 800 öre.
    expect(invoice!.lines.map(plainLine)).toEqual([
      { code: "SUPPLY_MONTHLY_FEE", quantity: "1", unitPriceMinor: "4900", amountMinor: 4_900, vatRate: "25", vatAmountMinor: 1_225 },
      { code: "SUPPLY_ENERGY_SPOT", quantity: "1080", unitPriceMinor: "60", amountMinor: 64_800, vatRate: "25", vatAmountMinor: 16_200 },
      // 1 080 × 4.9 = 5 292
      { code: "SUPPLY_MARGIN", quantity: "1080", unitPriceMinor: "4.9", amountMinor: 5_292, vatRate: "25", vatAmountMinor: 1_323 },
    ]);
    expect((invoice!.explanation as unknown as BillingExplanation).spot).toEqual({
      weightedAverage: "60.0000",
      plainAverage: "40.0000",
      differenceMinor: "20.0000",
      intervals: 720,
      negativeIntervals: 360,
      priceArea: "SE3",
    });
  });
});

describe("idempotent and resumable runs", () => {
  it("issues nothing when the same run is made again", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
    const a = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    const b = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 2 } });
    const first = await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    expect(first.invoicesIssued).toBe(2);

    const again = await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    expect(again).toMatchObject({ resumed: false, invoicesIssued: 0, creditNotesIssued: 0 });
    expect(again.items).toEqual({ ISSUED: 0, CORRECTED: 0, UNCHANGED: 2, SKIPPED: 0, FAILED: 0 });
    expect(again.runId).not.toBe(first.runId);
    // And with corrections on: nothing changed, so nothing is rated again or issued.
    const corrections = await runBilling({ db, ...NOVEMBER, today: "2026-12-01", corrections: true });
    expect(corrections.items.UNCHANGED).toBe(2);
    expect(await db.invoice.count()).toBe(2);
    for (const x of [a, b]) expect((await invoicesOf(db, x.contract.id)).map((i) => i.billingKey)).toEqual([`${x.contract.id}:2026-11-01:v1`]);
  });

  it("resumes a run that stopped in the middle without issuing anything twice", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
    for (let i = 0; i < 3; i++) {
      await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 + i } });
    }
    await expect(
      runBilling({
        db,
        ...NOVEMBER,
        today: "2026-12-01",
        chunkSize: 1,
        onChunkCommitted: ({ chunk }) => {
          if (chunk === 1) throw new Error("simulated crash after the first chunk");
        },
      }),
    ).rejects.toThrow("simulated crash");
    expect(await db.invoice.count()).toBe(1);
    const crashed = await db.billingRun.findFirstOrThrow();
    expect(crashed.status).toBe("FAILED");

    const resumed = await runBilling({ db, ...NOVEMBER, today: "2026-12-01", chunkSize: 1 });
    expect(resumed).toMatchObject({ runId: crashed.id, resumed: true, contracts: 2, invoicesIssued: 2 });
    expect(resumed.items.ISSUED).toBe(3);
    const invoices = await db.invoice.findMany({ orderBy: { invoiceNumber: "asc" } });
    expect(invoices.map((i) => i.invoiceNumber)).toEqual(["1000000001", "1000000002", "1000000003"]);
    expect(new Set(invoices.map((i) => i.contractId)).size).toBe(3);
    expect((await db.billingRun.findUniqueOrThrow({ where: { id: crashed.id } })).status).toBe("COMPLETED");
  });

  it("lets two runs of one period race without issuing twice", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
    for (let i = 0; i < 4; i++) {
      await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    }
    const [x, y] = await Promise.all([
      runBilling({ db, ...NOVEMBER, today: "2026-12-01", chunkSize: 2 }),
      runBilling({ db, ...NOVEMBER, today: "2026-12-01", chunkSize: 2 }),
    ]);
    expect(x.invoicesIssued + y.invoicesIssued).toBe(4);
    expect(await db.invoice.count()).toBe(4);
    const numbers = (await db.invoice.findMany({ select: { invoiceNumber: true } })).map((i) => i.invoiceNumber).sort();
    expect(numbers).toEqual(["1000000001", "1000000002", "1000000003", "1000000004"]);
  });
});

describe("installations that cannot be billed", () => {
  it("fails them with the plain reason, bills nothing for them, and bills the others", async () => {
    await storePriceLists(db, [
      { list: seGridWithPowerFee("2026", "2026-01-01", null) },
      { list: seGridWithPowerFee("short", "2026-01-01", "2026-11-15"), key: "SE_GRID:SHORT" },
    ]);
    const ok = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    const noList = await createBilledInstallation(db, { priceProducts: ["SE_GRID:OTHER"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    const shortList = await createBilledInstallation(db, { priceProducts: ["SE_GRID:SHORT"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    const gap = await createBilledInstallation(db, {
      priceProducts: ["SE_GRID"],
      values: { from: "2026-11-01", to: "2026-12-01", value: (day, h) => (day.date === "2026-11-17" && h === 3 ? Number.NaN : 1) },
    });
    const noProducts = await createBilledInstallation(db, { priceProducts: [], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });

    const summary = await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    expect(summary.items).toEqual({ ISSUED: 1, CORRECTED: 0, UNCHANGED: 0, SKIPPED: 1, FAILED: 3 });
    const reasons = new Map(summary.problems.map((p) => [p.contractId, `${p.status} ${p.reason}`]));
    expect(reasons.get(noList.contract.id)).toBe(`FAILED MISSING_PRICE: No price list for product SE_GRID:OTHER in price area ${noList.installation.priceArea}`);
    expect(reasons.get(shortList.contract.id)).toBe("FAILED MISSING_PRICE: Missing price for SE_GRID (Swedish grid) for 2026-11-15: no price list is valid on that day");
    expect(reasons.get(gap.contract.id)).toBe(
      "FAILED MISSING_CONSUMPTION: Missing consumption for 2026-11-17 at 03:00 (Europe/Stockholm), the interval starting 2026-11-17T02:00:00Z: the value is missing",
    );
    expect(reasons.get(noProducts.contract.id)).toMatch(/^SKIPPED The contract names no price list products/);
    for (const x of [noList, shortList, gap, noProducts]) expect(await invoicesOf(db, x.contract.id)).toEqual([]);
    expect(await invoicesOf(db, ok.contract.id)).toHaveLength(1);

    // The missing price arrives: the next run bills that installation and leaves the rest alone.
    await storePriceLists(db, [{ list: seGridWithPowerFee("short-2", "2026-11-15", null), key: "SE_GRID:SHORT" }]);
    const next = await runBilling({ db, ...NOVEMBER, today: "2026-12-02" });
    expect(next.items).toEqual({ ISSUED: 1, CORRECTED: 0, UNCHANGED: 1, SKIPPED: 1, FAILED: 2 });
    const [late] = await invoicesOf(db, shortList.contract.id);
    // Both versions have the same prices: one line each, the list ids of both versions recorded.
    expect(late!.lines.map((l) => l.code)).toEqual(["SE_GRID_FIXED_FEE", "SE_GRID_TRANSFER", "SE_GRID_ENERGY_TAX", "SE_GRID_POWER_FEE"]);
    expect(late!.invoiceDate.toISOString().slice(0, 10)).toBe("2026-12-02");
  });
});

describe("the calendar of a billing period", () => {
  it("bills the 745 hours of October with its 25-hour day", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
    const { contract } = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-10-01", to: "2026-11-01", value: () => 1 } });
    await runBilling({ db, cycle: "MONTHLY", periodStart: "2026-10-01", periodEnd: "2026-11-01", today: "2026-11-02" });
    const [invoice] = await invoicesOf(db, contract.id);
    // 745 × 23.2 = 17 284; 745 × 36 = 26 820; power fee 1 kW × 4 700.
    expect(invoice!.lines.map(plainLine)).toEqual([
      { code: "SE_GRID_FIXED_FEE", quantity: "1", unitPriceMinor: "31500", amountMinor: 31_500, vatRate: "25", vatAmountMinor: 7_875 },
      { code: "SE_GRID_TRANSFER", quantity: "745", unitPriceMinor: "23.2", amountMinor: 17_284, vatRate: "25", vatAmountMinor: 4_321 },
      { code: "SE_GRID_ENERGY_TAX", quantity: "745", unitPriceMinor: "36", amountMinor: 26_820, vatRate: "25", vatAmountMinor: 6_705 },
      { code: "SE_GRID_POWER_FEE", quantity: "1", unitPriceMinor: "4700", amountMinor: 4_700, vatRate: "25", vatAmountMinor: 1_175 },
    ]);
    expect(invoice).toMatchObject({ netAmountMinor: 80_304, vatAmountMinor: 20_076, totalAmountMinor: 100_380 });
    expect((invoice!.explanation as unknown as BillingExplanation).consumption).toEqual({ kWh: "745.000", intervals: 745, resolution: "PT1H" });
    // October ends on Saturday: the invoice is dated Monday 2 November.
    expect(invoice!.invoiceDate.toISOString().slice(0, 10)).toBe("2026-11-02");
  });

  it("splits the transfer line where the price changes in the middle of the month", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("a", "2026-01-01", "2026-11-15", "23.2") }, { list: seGridWithPowerFee("b", "2026-11-15", null, "25") }]);
    const { contract } = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    const [invoice] = await invoicesOf(db, contract.id);
    // 1–14 November: 336 kWh × 23.2 = 7 795.2 → 7 795; 15–30 November: 384 kWh × 25 = 9 600.
    expect(invoice!.lines.map(plainLine)).toEqual([
      { code: "SE_GRID_FIXED_FEE", quantity: "1", unitPriceMinor: "31500", amountMinor: 31_500, vatRate: "25", vatAmountMinor: 7_875 },
      { code: "SE_GRID_TRANSFER", quantity: "336", unitPriceMinor: "23.2", amountMinor: 7_795, vatRate: "25", vatAmountMinor: 1_949 },
      { code: "SE_GRID_TRANSFER", quantity: "384", unitPriceMinor: "25", amountMinor: 9_600, vatRate: "25", vatAmountMinor: 2_400 },
      { code: "SE_GRID_ENERGY_TAX", quantity: "720", unitPriceMinor: "36", amountMinor: 25_920, vatRate: "25", vatAmountMinor: 6_480 },
      { code: "SE_GRID_POWER_FEE", quantity: "1", unitPriceMinor: "4700", amountMinor: 4_700, vatRate: "25", vatAmountMinor: 1_175 },
    ]);
    const explanation = invoice!.explanation as unknown as BillingExplanation;
    expect(explanation.lines.slice(1, 3).map((l) => [l.from, l.to])).toEqual([
      ["2026-11-01", "2026-11-15"],
      ["2026-11-15", "2026-12-01"],
    ]);
    expect(explanation.priceLists.map((l) => l.validFrom)).toEqual(["2026-01-01", "2026-11-15"]);
  });
});

describe("VAT rates as data", () => {
  it("reads back the rates stored, as the domain writes them", async () => {
    expect(await loadVatRates(db)).toEqual(DEMO_VAT_RATES);
    expect(JSON.stringify(await loadVatRates(db))).toBe(JSON.stringify(DEMO_VAT_RATES));
  });

  it("rates with the stored rate in force, and fails a contract on a day without one", async () => {
    await resetDatabase();
    await storeVatRates(db, [{ market: "SE", ratePercent: "12.5", validFrom: "2026-11-16", validTo: null }]);
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
    const { contract } = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
    const first = await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    expect(first.items).toMatchObject({ ISSUED: 0, FAILED: 1 });
    expect(first.problems).toEqual([
      expect.objectContaining({ contractId: contract.id, status: "FAILED", reason: "MISSING_PRICE: Missing VAT rate for SE for 2026-11-01: no VAT rate is valid on that day" }),
    ]);
    expect(await invoicesOf(db, contract.id)).toEqual([]);

    // The missing days get their rate: the resumed run bills the contract with both rates.
    await storeVatRates(db, [{ market: "SE", ratePercent: "25", validFrom: "2000-01-01", validTo: "2026-11-16" }]);
    const again = await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
    expect(again).toMatchObject({ resumed: false, invoicesIssued: 1 });
    const [invoice] = await invoicesOf(db, contract.id);
    expect([...new Set(invoice!.lines.map((l) => l.vatRate.toString()))]).toEqual(["25", "12.5"]);
  });
});
