import { beforeAll, describe, expect, it } from "vitest";
import { billingExplanationSchema, type BillingExplanation } from "@/domain/billing/invoice-explanation";
import { lineName } from "@/domain/billing/line-name";
import { invoiceTranslator } from "@/server/invoices/invoice-translator";
import { isValidDanishFik71 } from "@/domain/billing/payment-references";
import { localMidnightUtc } from "@/domain/time/zoned";
import { DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { importMeterValues } from "@/server/metering/import-meter-values";
import { createBilledInstallation, invoicesOf, plainLine, type BilledInstallation } from "../../../tests/support/billing";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { DK_GRID_ALL_LOW, DK_SUPPLY_FIXED_100 } from "../../../tests/support/rating";
import { runBilling } from "./run-billing";
import { storePriceLists } from "./store-price-lists";
import { storeVatRates } from "./store-vat-rates";

const db = getTestDb();

// Hand-checkable Danish prices (tests/support/rating.ts): 250 øre/kWh all in, subscriptions 20 + 30 kr a month.
const DK_GRID = { ...DK_GRID_ALL_LOW, name: "Nettarif test" };
const DK_SUPPLY = { ...DK_SUPPLY_FIXED_100, name: "FastEl test" };

const Q2 = { cycle: "QUARTERLY_ACONTO" as const, periodStart: "2026-04-01", periodEnd: "2026-07-01" };
const Q3 = { cycle: "QUARTERLY_ACONTO" as const, periodStart: "2026-07-01", periodEnd: "2026-10-01" };

let home: BilledInstallation;

beforeAll(async () => {
  await resetDatabase();
  await storeVatRates(db, DEMO_VAT_RATES);
  await storePriceLists(db, [{ list: DK_SUPPLY }, { list: DK_GRID }]);
  // DOMAIN.md: 25 433 kWh measured over 358 days (2025-10-08 … 2026-09-30). The third quarter of 2026
  // is 3 kWh every hour (92 × 24 × 3 = 6 624 kWh); the 266 days before it share the other 18 809 kWh
  // evenly in whole Wh (6 384 hours: 2 946 Wh, the first 1 736 hours 2 947 Wh).
  let hour = 0;
  home = await createBilledInstallation(db, {
    market: "DK",
    priceArea: "DK1",
    timeZone: "Europe/Copenhagen",
    priceProducts: ["DK_SUPPLY", "DK_GRID"],
    billingCycle: "QUARTERLY_ACONTO",
    expectedYearlyKwh: 4_200,
    values: {
      from: "2025-10-08",
      to: "2026-10-01",
      value: (day) => {
        if (day.date >= "2026-07-01") return 3;
        const wh = hour < 1_736 ? 2_947 : 2_946;
        hour++;
        return wh / 1000;
      },
    },
  });
});

describe("the Danish quarterly aconto bill", () => {
  it("bills the first quarter without a deduction and prepays the next from last year's consumption", async () => {
    const summary = await runBilling({ db, ...Q2, today: "2026-07-01" });
    expect(summary.items.ISSUED).toBe(1);
    const [bill] = await invoicesOf(db, home.contract.id);
    const facts = bill!.explanation as unknown as BillingExplanation;
    // Last year [2025-07-01, 2026-07-01): 18 809 kWh on 266 complete days → 18 809 × 365 / 266 = 25 809.3 → 25 809;
    // the third quarter's 92 days: 25 809 × 92 / 365 = 6 505.3 → 6 505 kWh.
    expect(facts.aconto).toMatchObject({
      settledPeriod: { from: "2026-04-01", to: "2026-07-01" },
      prepaidKwh: null,
      prepaidAmountMinor: 0,
      prepaidInvoice: null,
      nextPeriod: { from: "2026-07-01", to: "2026-10-01" },
      nextKwh: "6505",
      expectedYearlyKwh: 25_809,
      basis: { kWh: 18_809, days: 266, from: "2025-07-01", to: "2026-07-01" },
      basisSource: "measured",
      // 6 505 × 250 + 3 × 5 000 = 1 641 250 net, VAT 410 312.5 → 410 313.
      nextAmountMinor: 2_051_563,
    });
    expect(bill!.lines.filter((l) => l.code.startsWith("ACONTO")).map(plainLine)).toEqual([
      { code: "ACONTO_NEXT", quantity: "6505", unitPriceMinor: "252.3059", amountMinor: 1_641_250, vatRate: "25", vatAmountMinor: 410_313 },
    ]);
    expect(isValidDanishFik71(bill!.paymentReference)).toBe(true);
    expect(bill!.invoiceNumber).toBe("2000000001");
  });

  it("settles the quarter against the prepaid aconto and prepays the next (25 433 kWh / 358 days → 25 930)", async () => {
    await runBilling({ db, ...Q3, today: "2026-10-01" });
    const [q2, q3] = await invoicesOf(db, home.contract.id);
    expect(q3!.lines.map(plainLine)).toEqual([
      // Opgørelse: the third quarter's 6 624 kWh.
      { code: "DK_SUPPLY_SUBSCRIPTION", quantity: "3", unitPriceMinor: "2000", amountMinor: 6_000, vatRate: "25", vatAmountMinor: 1_500 },
      { code: "SUPPLY_ENERGY_FIXED", quantity: "6624", unitPriceMinor: "100", amountMinor: 662_400, vatRate: "25", vatAmountMinor: 165_600 },
      { code: "DK_GRID_TRANSPORT_LOW", quantity: "6624", unitPriceMinor: "50", amountMinor: 331_200, vatRate: "25", vatAmountMinor: 82_800 },
      { code: "DK_GRID_SUBSCRIPTION", quantity: "3", unitPriceMinor: "3000", amountMinor: 9_000, vatRate: "25", vatAmountMinor: 2_250 },
      { code: "DK_ENERGINET_NET_TARIFF", quantity: "6624", unitPriceMinor: "5", amountMinor: 33_120, vatRate: "25", vatAmountMinor: 8_280 },
      { code: "DK_ENERGINET_SYSTEM_TARIFF", quantity: "6624", unitPriceMinor: "5", amountMinor: 33_120, vatRate: "25", vatAmountMinor: 8_280 },
      { code: "DK_ELECTRICITY_TAX", quantity: "6624", unitPriceMinor: "90", amountMinor: 596_160, vatRate: "25", vatAmountMinor: 149_040 },
      // Fradrag for betalt aconto: the Q2 bill's aconto for this quarter, as billed.
      { code: "ACONTO_DEDUCTION", quantity: "-6505", unitPriceMinor: "252.3059", amountMinor: -1_641_250, vatRate: "25", vatAmountMinor: -410_313 },
      // Aconto for Q4: 25 930 × 92 / 365 = 6 535.9 → 6 536 kWh × 250 + 15 000 = 1 649 000.
      { code: "ACONTO_NEXT", quantity: "6536", unitPriceMinor: "252.295", amountMinor: 1_649_000, vatRate: "25", vatAmountMinor: 412_250 },
    ]);
    expect(q3).toMatchObject({ netAmountMinor: 1_678_750, vatAmountMinor: 419_687, totalAmountMinor: 2_098_437, currency: "DKK" });
    // Stored in Swedish like every line (the issued text); code + parameters word it in Danish and English.
    expect(q3!.lines.find((l) => l.code === "ACONTO_DEDUCTION")!.description).toBe("Avdrag för betald aconto 3:e kvartalet 2026");
    const facts = billingExplanationSchema.parse(q3!.explanation);
    expect(facts.lines.slice(-2).map((l) => l.params)).toEqual([{ year: 2026, quarter: 3 }, { year: 2026, quarter: 4 }]);
    expect(q3!.lines.slice(-2).map((l) => l.params)).toEqual([{ year: 2026, quarter: 3 }, { year: 2026, quarter: 4 }]);
    expect(facts.lines.slice(-2).map((l) => lineName({ ...l, description: "" }, "da", invoiceTranslator("da")))).toEqual(["Fradrag for betalt aconto 3. kvartal 2026", "Aconto 4. kvartal 2026, kommende kvartal"]);
    expect(facts.lines.slice(-2).map((l) => lineName({ ...l, description: "" }, "en", invoiceTranslator("en")))).toEqual(["Aconto paid for Q3 2026, deducted", "Aconto for Q4 2026, the coming quarter"]);
    expect(facts.aconto).toMatchObject({
      settledPeriod: { from: "2026-07-01", to: "2026-10-01" },
      actualKwh: "6624.000",
      prepaidKwh: "6505.000",
      actualAmountMinor: 2_088_750,
      prepaidAmountMinor: 2_051_563,
      // 2 088 750 − 2 051 563: 371.87 kr more to pay for the third quarter.
      differenceMinor: 37_187,
      prepaidInvoice: { id: q2!.id, invoiceNumber: q2!.invoiceNumber },
      nextPeriod: { from: "2026-10-01", to: "2027-01-01" },
      nextKwh: "6536",
      nextAmountMinor: 2_061_250,
      expectedYearlyKwh: 25_930,
      basis: { kWh: 25_433, days: 358, from: "2025-10-01", to: "2026-10-01" },
    });
    expect(facts.lines.map((l) => l.section)).toEqual([...Array(7).fill("settlement"), "deduction", "aconto"]);
    expect(q3!.invoiceDate.toISOString().slice(0, 10)).toBe("2026-10-01");
    expect(q3!.dueDate.toISOString().slice(0, 10)).toBe("2026-10-15");
    expect(facts.nextInvoice).toEqual({ periodFrom: "2026-10-01", periodTo: "2027-01-01", invoiceDate: "2027-01-01", dueDate: "2027-01-15" });
  });

  it("corrects the settlement after revised meter values and carries the aconto over", async () => {
    const [, original] = await invoicesOf(db, home.contract.id);
    // The grid company revises 10 August: 4 kWh an hour instead of 3 (+24 kWh).
    const start = localMidnightUtc("2026-08-10", "Europe/Copenhagen").getTime();
    const lines = ["metering_point;quantity;resolution;start;value;quality"];
    for (let h = 0; h < 24; h++) lines.push(`${home.installation.meteringPointId};ENERGY_KWH;PT1H;${new Date(start + h * 3_600_000).toISOString()};4;corrected`);
    const imported = await importMeterValues({ fileName: "revision.csv", bytes: new TextEncoder().encode(lines.join("\n")) }, { db });
    expect(imported.counts.replaced).toBe(24);

    const summary = await runBilling({ db, ...Q3, today: "2026-11-20", corrections: true });
    expect(summary).toMatchObject({ invoicesIssued: 1, creditNotesIssued: 1 });
    expect(summary.items.CORRECTED).toBe(1);
    const all = await invoicesOf(db, home.contract.id);
    const credit = all.find((i) => i.kind === "CREDIT_NOTE")!;
    const rebill = all.find((i) => i.billingKey === `${home.contract.id}:2026-07-01:v2`)!;
    expect((await db.invoice.findUniqueOrThrow({ where: { id: original!.id } })).status).toBe("CREDITED");
    expect(credit).toMatchObject({ correctsInvoiceId: original!.id, totalAmountMinor: -2_098_437, netAmountMinor: -1_678_750, vatAmountMinor: -419_687 });
    expect(credit.lines.map((l) => [l.code, l.amountMinor])).toEqual(original!.lines.map((l) => [l.code, -l.amountMinor]));
    // 6 648 kWh × 250 + 15 000 = 1 677 000 net, VAT 419 250; the deduction and the Q4 aconto unchanged.
    expect(rebill.lines.map(plainLine).slice(-2)).toEqual([
      { code: "ACONTO_DEDUCTION", quantity: "-6505", unitPriceMinor: "252.3059", amountMinor: -1_641_250, vatRate: "25", vatAmountMinor: -410_313 },
      { code: "ACONTO_NEXT", quantity: "6536", unitPriceMinor: "252.295", amountMinor: 1_649_000, vatRate: "25", vatAmountMinor: 412_250 },
    ]);
    expect(rebill).toMatchObject({ correctsInvoiceId: original!.id, status: "ISSUED", netAmountMinor: 1_684_750, vatAmountMinor: 421_187, totalAmountMinor: 2_105_937 });
    // The correction nets to exactly the extra 24 kWh × 250 øre × 1.25.
    expect(original!.totalAmountMinor + credit.totalAmountMinor + rebill.totalAmountMinor).toBe(2_105_937);
    expect(rebill.totalAmountMinor - original!.totalAmountMinor).toBe(7_500);
    const facts = rebill.explanation as unknown as BillingExplanation;
    expect(facts.aconto).toMatchObject({ actualKwh: "6648.000", actualAmountMinor: 2_096_250, prepaidAmountMinor: 2_051_563, differenceMinor: 44_687, nextKwh: "6536" });
    expect(facts.correction).toMatchObject({
      correctsInvoiceNumber: original!.invoiceNumber,
      creditNoteNumber: credit.invoiceNumber,
      version: 2,
      previous: { totalMinor: 2_098_437, kWh: "6624.000" },
      current: { totalMinor: 2_105_937, kWh: "6648.000" },
      differenceMinor: 7_500,
      reasons: [{ kind: "METER_VALUES", revisions: 24, firstInterval: "2026-08-09T22:00:00.000Z", lastInterval: "2026-08-10T21:00:00.000Z" }],
    });
    expect(facts.correction!.reason).toBe(
      `Invoice ${original!.invoiceNumber} is credited and the quarter's settlement billed again because 24 meter values were replaced (intervals 2026-08-09 22:00–2026-08-10 21:00 UTC) after it was issued. Consumption 6624.000 kWh → 6648.000 kWh.`,
    );
    expect(rebill.invoiceDate.toISOString().slice(0, 10)).toBe("2026-11-20");
  });
});
