import { beforeEach, describe, expect, it } from "vitest";
import type { BillingExplanation } from "@/domain/billing/invoice-explanation";
import { localMidnightUtc } from "@/domain/time/zoned";
import { DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { importMeterValues } from "@/server/metering/import-meter-values";
import { createBilledInstallation, invoicesOf, plainLine, seGridWithPowerFee, type BilledInstallation } from "../../../tests/support/billing";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { findCorrectionCandidates } from "./find-correction-candidates";
import { importPayments } from "./import-payments";
import { runBilling } from "./run-billing";
import { storePriceLists } from "./store-price-lists";
import { storeVatRates } from "./store-vat-rates";

const db = getTestDb();
const NOVEMBER = { cycle: "MONTHLY" as const, periodStart: "2026-11-01", periodEnd: "2026-12-01" };

/** The grid company's revised values: a whole local day at `kWh` an hour. */
async function reviseDay(installation: BilledInstallation["installation"], date: string, kWh: number) {
  const start = localMidnightUtc(date, installation.timeZone).getTime();
  const lines = ["metering_point;quantity;resolution;start;value;quality"];
  for (let h = 0; h < 24; h++) lines.push(`${installation.meteringPointId};ENERGY_KWH;PT1H;${new Date(start + h * 3_600_000).toISOString()};${kWh};corrected`);
  const result = await importMeterValues({ fileName: `revision-${date}.csv`, bytes: new TextEncoder().encode(lines.join("\n")) }, { db });
  expect(result.status).toBe("STORED");
}

function payments(...rows: [string, string, string, string][]) {
  return new TextEncoder().encode(["reference;amount;currency;paid_on", ...rows.map((r) => r.join(";"))].join("\n"));
}

let grid: BilledInstallation;

beforeEach(async () => {
  await resetDatabase();
  await storeVatRates(db, DEMO_VAT_RATES);
  await storePriceLists(db, [{ list: seGridWithPowerFee("2026", "2026-01-01", null) }]);
  grid = await createBilledInstallation(db, { priceProducts: ["SE_GRID"], values: { from: "2026-11-01", to: "2026-12-01", value: () => 1 } });
  await runBilling({ db, ...NOVEMBER, today: "2026-12-01" });
});

describe("corrections after revised meter values", () => {
  it("credits and re-bills through a chain v1 → v2 → v3, each amount exact and linked", async () => {
    const [v1] = await invoicesOf(db, grid.contract.id);
    // v1: 720 kWh; 31 500 + 16 704 + 25 920 + 4 700 = 78 824 net, VAT 19 706.
    expect(v1).toMatchObject({ netAmountMinor: 78_824, vatAmountMinor: 19_706, totalAmountMinor: 98_530 });
    // The customer pays v1 in full before anything changes.
    const paid = await importPayments({ fileName: "bank-1.csv", bytes: payments([v1!.paymentReference, "985,30", "SEK", "2026-12-20"]) }, { db });
    expect(paid.paid.map((p) => p.invoiceNumber)).toEqual([v1!.invoiceNumber]);

    // Tuesday 10 November revised to 2 kWh an hour: +24 kWh, and the power fee's three highest hours become 2 kWh.
    await reviseDay(grid.installation, "2026-11-10", 2);
    const candidates = await findCorrectionCandidates({ db, cycle: "MONTHLY", periodStart: "2026-11-01" });
    expect(candidates).toEqual([
      expect.objectContaining({ invoiceId: v1!.id, version: 1, reasons: [expect.objectContaining({ kind: "METER_VALUES", revisions: 24 })] }),
    ]);
    const second = await runBilling({ db, ...NOVEMBER, today: "2027-01-11", corrections: true });
    expect(second).toMatchObject({ invoicesIssued: 1, creditNotesIssued: 1 });

    let all = await invoicesOf(db, grid.contract.id);
    const credit1 = all.find((i) => i.billingKey === `${grid.contract.id}:2026-11-01:v1:credit`)!;
    const v2 = all.find((i) => i.billingKey === `${grid.contract.id}:2026-11-01:v2`)!;
    expect(credit1.lines.map(plainLine)).toEqual(v1!.lines.map((l) => ({ ...plainLine(l), quantity: `-${plainLine(l).quantity}`, amountMinor: -l.amountMinor, vatAmountMinor: -l.vatAmountMinor })));
    expect(credit1).toMatchObject({ kind: "CREDIT_NOTE", correctsInvoiceId: v1!.id, totalAmountMinor: -98_530 });
    // 744 kWh: 744 × 23.2 = 17 260.8 → 17 261; 744 × 36 = 26 784; power 2 kW × 4 700 = 9 400.
    expect(v2.lines.map(plainLine)).toEqual([
      { code: "SE_GRID_FIXED_FEE", quantity: "1", unitPriceMinor: "31500", amountMinor: 31_500, vatRate: "25", vatAmountMinor: 7_875 },
      { code: "SE_GRID_TRANSFER", quantity: "744", unitPriceMinor: "23.2", amountMinor: 17_261, vatRate: "25", vatAmountMinor: 4_315 },
      { code: "SE_GRID_ENERGY_TAX", quantity: "744", unitPriceMinor: "36", amountMinor: 26_784, vatRate: "25", vatAmountMinor: 6_696 },
      { code: "SE_GRID_POWER_FEE", quantity: "2", unitPriceMinor: "4700", amountMinor: 9_400, vatRate: "25", vatAmountMinor: 2_350 },
    ]);
    expect(v2).toMatchObject({ kind: "INVOICE", status: "ISSUED", correctsInvoiceId: v1!.id, totalAmountMinor: 106_181 });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: v1!.id } })).status).toBe("CREDITED");
    // v1 was paid: only the difference remains to pay on v2.
    expect((v2.explanation as unknown as BillingExplanation).correction).toMatchObject({
      version: 2,
      correctsInvoiceNumber: v1!.invoiceNumber,
      creditNoteNumber: credit1.invoiceNumber,
      previous: { totalMinor: 98_530, kWh: "720.000" },
      current: { totalMinor: 106_181, kWh: "744.000" },
      differenceMinor: 7_651,
      paidOnEarlierVersionsMinor: 98_530,
      toPayMinor: 7_651,
      toRefundMinor: 0,
    });
    expect((credit1.explanation as unknown as BillingExplanation).credits).toMatchObject({ invoiceId: v1!.id, replacedByInvoiceNumber: v2.invoiceNumber });
    // The same corrections run again issues nothing.
    expect((await runBilling({ db, ...NOVEMBER, today: "2027-01-11", corrections: true })).invoicesIssued).toBe(0);

    // The customer pays the difference: v2 is paid (the v1 payment counts towards it).
    const topUp = await importPayments({ fileName: "bank-2.csv", bytes: payments([v2.paymentReference, "76.51", "SEK", "2027-01-20"]) }, { db });
    expect(topUp.paid).toEqual([{ invoiceNumber: v2.invoiceNumber, paidMinor: 106_181, totalMinor: 106_181, paidAt: "2027-01-20T12:00:00.000Z" }]);

    // Friday 20 November revised to 3 kWh an hour: v3 corrects v2.
    await reviseDay(grid.installation, "2026-11-20", 3);
    await runBilling({ db, ...NOVEMBER, today: "2027-02-01", corrections: true });
    all = await invoicesOf(db, grid.contract.id);
    const v3 = all.find((i) => i.billingKey === `${grid.contract.id}:2026-11-01:v3`)!;
    const credit2 = all.find((i) => i.billingKey === `${grid.contract.id}:2026-11-01:v2:credit`)!;
    // 792 kWh: 18 374 + 28 512 + 3 kW × 4 700 = 14 100 → net 92 486, VAT 23 122.
    expect(v3).toMatchObject({ correctsInvoiceId: v2.id, netAmountMinor: 92_486, vatAmountMinor: 23_122, totalAmountMinor: 115_608, status: "ISSUED" });
    expect(credit2).toMatchObject({ correctsInvoiceId: v2.id, totalAmountMinor: -106_181 });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: v2.id } })).status).toBe("CREDITED");
    expect(all.map((i) => i.status).filter((s) => s !== "CREDITED")).toHaveLength(3); // two credit notes and v3
    // Everything issued for the period nets to the current version.
    expect(all.reduce((s, i) => s + i.totalAmountMinor, 0)).toBe(115_608);
    expect((v3.explanation as unknown as BillingExplanation).correction).toMatchObject({ version: 3, paidOnEarlierVersionsMinor: 106_181, toPayMinor: 9_427, differenceMinor: 9_427 });
    const items = await db.billingRunItem.findMany({ where: { contractId: grid.contract.id, status: "CORRECTED" } });
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.invoiceIds.length === 2)).toBe(true);
  });

  it("re-bills when a price list for the period is published after the invoice", async () => {
    const [v1] = await invoicesOf(db, grid.contract.id);
    // A corrected November tariff: 30 öre transfer instead of 23.2 (the newer row wins on its days).
    const [newList] = await storePriceLists(db, [{ list: seGridWithPowerFee("nov-fix", "2026-11-01", "2026-12-01", "30") }]);
    const candidates = await findCorrectionCandidates({ db });
    expect(candidates.map((c) => [c.invoiceId, c.reasons])).toEqual([[v1!.id, [{ kind: "PRICE_LIST", priceListIds: [newList] }]]]);
    await runBilling({ db, ...NOVEMBER, today: "2026-12-15", corrections: true });
    const v2 = (await invoicesOf(db, grid.contract.id)).find((i) => i.billingKey?.endsWith(":v2"))!;
    // 720 × 30 = 21 600 (was 16 704).
    expect(v2.lines.find((l) => l.code === "SE_GRID_TRANSFER")).toMatchObject({ amountMinor: 21_600, vatAmountMinor: 5_400 });
    expect(v2.totalAmountMinor - v1!.totalAmountMinor).toBe(4_896 + 1_224);
    expect((v2.explanation as unknown as BillingExplanation).correction!.reason).toContain(`new prices were published (price list ${newList})`);
  });

  it("issues nothing when newer data bills the same: a list published again, a value replaced by itself", async () => {
    await storePriceLists(db, [{ list: seGridWithPowerFee("2026-again", "2026-01-01", null) }]);
    const summary = await runBilling({ db, ...NOVEMBER, today: "2026-12-15", corrections: true });
    expect(summary.items).toMatchObject({ UNCHANGED: 1, CORRECTED: 0 });
    expect(summary.invoicesIssued + summary.creditNotesIssued).toBe(0);
    // Once rated again and found unchanged, the invoice is no longer proposed for correction.
    expect(await findCorrectionCandidates({ db })).toEqual([]);
    // An estimated value confirmed as measured: a revision, the same lines.
    await reviseDay(grid.installation, "2026-11-11", 1);
    const again = await runBilling({ db, ...NOVEMBER, today: "2026-12-15", corrections: true });
    expect(again.invoicesIssued).toBe(0);
    expect(await db.invoice.count()).toBe(1);
  });

  it("finds nothing to correct for revisions outside the invoiced period or before the invoice", async () => {
    // A revision in December (outside the period) does not make November a candidate.
    await createBilledInstallation(db, { priceProducts: ["SE_GRID"] });
    const series = await db.meterSeries.findFirstOrThrow({ where: { installationId: grid.installation.id } });
    await db.meterValueRevision.create({
      data: { seriesId: series.id, intervalStart: new Date("2026-11-30T23:00:00Z"), previousValue: 1, previousQuality: 0, newValue: 5, newQuality: 2 },
    });
    // One inside the period but replaced before the invoice was issued was already billed.
    await db.meterValueRevision.create({
      data: { seriesId: series.id, intervalStart: new Date("2026-11-12T10:00:00Z"), previousValue: 1, previousQuality: 1, newValue: 1, newQuality: 0, replacedAt: new Date("2026-11-20T00:00:00Z") },
    });
    expect(await findCorrectionCandidates({ db })).toEqual([]);
    // Rating everything again ("all") finds the same data and issues nothing.
    const all = await runBilling({ db, ...NOVEMBER, today: "2026-12-15", corrections: "all" });
    expect(all.items.UNCHANGED).toBe(1);
    expect(all.invoicesIssued).toBe(0);
  });
});
