import { describe, expect, it, vi } from "vitest";
import { DEMO_DK_GRID, DEMO_DK_SUPPLY, DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { constantPriceSeries, evenConsumption, quarterPeriod } from "./billing-period";
import type { BillLine } from "./invoice-explanation";
import { correctedQuarterlyBill, kWhOf, monthlyBill, quarterlyBill, spanOf, spotFactsOf, type BillingContract, type RatedSpan } from "./plan-bill";
import { RatingError, rateConsumption } from "./rate";

const TZ = "Europe/Copenhagen";
const Q3 = quarterPeriod(2026, 3);
const LISTS = [...DEMO_DK_SUPPLY, ...DEMO_DK_GRID];

const contract: BillingContract = {
  id: "c1",
  contractNumber: "K-1",
  productName: "Aconto",
  pricing: "SPOT",
  startDate: "2024-01-01",
  endDate: null,
  expectedYearlyKwh: 4000,
  priceProducts: ["DK_SUPPLY", "DK_GRID"],
  customerId: "cu1",
  installationId: "i1",
  meteringPointId: "571313100000000001",
  priceArea: "DK1",
  timeZone: TZ,
  resolution: "PT1H",
  market: "DK",
  currency: "DKK",
};

/** Q3 rated at `kWhPerHour` every hour and a constant spot price of 80 øre/kWh. */
function ratedQ3(kWhPerHour: number): RatedSpan {
  const shape = evenConsumption(0, Q3, TZ, "PT1H");
  const values = new Float64Array(shape.values.length).fill(kWhPerHour);
  const result = rateConsumption({
    market: "DK",
    currency: "DKK",
    timeZone: TZ,
    period: Q3,
    consumption: { ...shape, values },
    spotPrices: constantPriceSeries(80, Q3, TZ),
    priceLists: LISTS,
    vatRates: DEMO_VAT_RATES,
  });
  return { result, hash: "hash-q3", kWh: kWhOf(values), intervals: values.length, lists: [], spot: spotFactsOf(result, "DK1"), power: null };
}

const base = { contract, period: Q3, span: Q3, priceLists: LISTS, vatRates: DEMO_VAT_RATES };

describe("the span, kWh and spot facts of a rated period", () => {
  it("cuts the period to the contract's days (its end date is its last day)", () => {
    const period = { from: "2026-11-01", to: "2026-12-01" };
    expect(spanOf({ startDate: "2026-11-10", endDate: null }, period)).toEqual({ from: "2026-11-10", to: "2026-12-01" });
    expect(spanOf({ startDate: "2020-01-01", endDate: "2026-11-20" }, period)).toEqual({ from: "2026-11-01", to: "2026-11-21" });
    expect(spanOf({ startDate: "2020-01-01", endDate: "2027-01-31" }, period)).toEqual(period);
  });

  it("rounds every value to Wh before summing, as the rating does", () => {
    expect(kWhOf(new Float64Array([0.0004, 0.0004, 1.5]))).toBe("1.500");
    expect(kWhOf(new Float64Array([]))).toBe("0.000");
  });

  it("compares the weighted with the plain spot average", () => {
    const facts = ratedQ3(1).spot;
    expect(facts).toEqual({ weightedAverage: "80.0000", plainAverage: "80.0000", differenceMinor: "0.0000", intervals: 2208, negativeIntervals: 0, priceArea: "DK1" });
  });
});

describe("a monthly bill", () => {
  it("bills the rated lines of the span in the period section", () => {
    const rated = ratedQ3(1);
    const bill = monthlyBill(Q3, rated);
    expect(bill.lines.map((l) => l.code)).toEqual(rated.result.lines.map((l) => l.code));
    expect(bill.lines.every((l) => l.section === "period")).toBe(true);
    expect(bill.totals).toEqual(rated.result.totals);
    expect(bill).toMatchObject({ span: Q3, ratingHash: "hash-q3", kWh: "2208.000", intervals: 2208, aconto: null });
  });
});

describe("a Danish quarterly bill", () => {
  it("settles the quarter and estimates the next from last year's measured consumption", () => {
    const rated = ratedQ3(1);
    const spotMean = vi.fn(() => 99);
    const bill = quarterlyBill({ ...base, rated, annual: { wh: 3_650_000, days: 365 }, prepaid: null, spotMean });
    // The settlement's own weighted average is the assumed spot price: no plain mean is needed.
    expect(spotMean).not.toHaveBeenCalled();
    expect(bill.aconto).toMatchObject({
      settledPeriod: Q3,
      actualKwh: "2208.000",
      prepaidKwh: null,
      prepaidInvoice: null,
      prepaidAmountMinor: 0,
      nextPeriod: { from: "2026-10-01", to: "2027-01-01" },
      expectedYearlyKwh: 3650,
      basis: { kWh: 3650, days: 365, from: "2025-10-01", to: "2026-10-01" },
      basisSource: "measured",
      assumedSpotMinor: "80.0000",
    });
    const sections = new Set(bill.lines.map((l) => l.section));
    expect([...sections]).toEqual(["settlement", "aconto"]);
    expect(bill.aconto!.actualAmountMinor).toBe(rated.result.totals.totalMinor);
    expect(bill.aconto!.differenceMinor).toBe(rated.result.totals.totalMinor);
    expect(bill.aconto!.nextLines.length).toBeGreaterThan(0);
    expect(bill.totals.totalMinor).toBe(rated.result.totals.totalMinor + bill.aconto!.nextAmountMinor);
  });

  it("deducts the aconto prepaid for the quarter", () => {
    const prepaid = {
      invoiceId: "inv-q2",
      invoiceNumber: "2000000007",
      lines: [{ quantity: "1000.000", unitPriceMinor: "200", amountMinor: 200_000, vatRatePercent: "25", vatAmountMinor: 50_000 }],
    };
    const bill = quarterlyBill({ ...base, rated: ratedQ3(1), annual: undefined, prepaid, spotMean: () => 80 });
    expect(bill.lines.filter((l) => l.section === "deduction")).toEqual([expect.objectContaining({ code: "ACONTO_DEDUCTION", amountMinor: -200_000, vatAmountMinor: -50_000 })]);
    expect(bill.aconto).toMatchObject({ prepaidKwh: "1000.000", prepaidAmountMinor: 250_000, prepaidInvoice: { id: "inv-q2", invoiceNumber: "2000000007" }, basisSource: "contract", basis: null, expectedYearlyKwh: 4000 });
  });

  it("has no next aconto once the contract has ended", () => {
    const ended = { ...contract, endDate: "2026-09-30", expectedYearlyKwh: null };
    const bill = quarterlyBill({ ...base, contract: ended, rated: ratedQ3(1), annual: undefined, prepaid: null, spotMean: () => null });
    expect(bill.lines.some((l) => l.section === "aconto")).toBe(false);
    expect(bill.aconto).toMatchObject({ nextKwh: "0", nextAmountMinor: 0, nextLines: [], expectedYearlyKwh: 0, assumedSpotMinor: null });
  });

  it("cannot estimate the aconto without any expected consumption, or without a spot price", () => {
    const unknown = { ...contract, expectedYearlyKwh: null };
    expect(() => quarterlyBill({ ...base, contract: unknown, rated: ratedQ3(1), annual: undefined, prepaid: null })).toThrow(RatingError);
    const withoutSpotFacts = { ...ratedQ3(1), spot: null };
    try {
      quarterlyBill({ ...base, rated: withoutSpotFacts, annual: undefined, prepaid: null, spotMean: () => null });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RatingError);
      expect((error as RatingError).code).toBe("MISSING_SPOT_PRICE");
    }
  });

  it("rates the settlement again and carries the deduction and the next aconto over", () => {
    const first = quarterlyBill({ ...base, rated: ratedQ3(1), annual: undefined, prepaid: null, spotMean: () => 80 });
    const carried: BillLine[] = first.lines.filter((l) => l.section === "aconto");
    const again = correctedQuarterlyBill(Q3, { ...ratedQ3(2), hash: "hash-q3-v2" }, carried, { ...first.aconto!, prepaidAmountMinor: 1000 });
    expect(again.lines.slice(-carried.length)).toEqual(carried);
    expect(again.lines.filter((l) => l.section === "settlement")).toHaveLength(again.lines.length - carried.length);
    expect(again.aconto).toMatchObject({ actualKwh: "4416.000", nextAmountMinor: first.aconto!.nextAmountMinor, prepaidAmountMinor: 1000 });
    expect(again.aconto!.differenceMinor).toBe(again.aconto!.actualAmountMinor - 1000);
    expect(again.ratingHash).toBe("hash-q3-v2");
    expect(correctedQuarterlyBill(Q3, ratedQ3(2), [], null).aconto).toBeNull();
  });
});
