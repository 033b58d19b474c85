import { describe, expect, it } from "vitest";
import {
  acontoKWhForQuarter,
  buildQuarterlyAcontoBill,
  checkBillingPeriod,
  constantPriceSeries,
  dueDateFor,
  evenConsumption,
  expectedYearlyConsumption,
  firstWeekdayOnOrAfter,
  invoiceDateFor,
  monthlyPeriod,
  nextInvoiceEstimate,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodLabel,
  previousPeriod,
  quarterPeriod,
} from "./billing-period";
import { highestDailyMeanPower } from "./billing-power";
import { creditLines, negateDecimal, totalsOf, type BillLine } from "./invoice-explanation";
import type { VatRate } from "./price-list";
import { rateConsumption } from "./rate";
import { DK_GRID_ALL_LOW as DK_GRID, DK_SUPPLY_FIXED_100 as DK_SUPPLY, names } from "../../../tests/support/rating";

describe("periods", () => {
  it("cuts calendar months and quarters in local dates", () => {
    expect(monthlyPeriod("2026-10")).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(monthlyPeriod("2026-12")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
    expect(quarterPeriod(2026, 3)).toEqual({ from: "2026-07-01", to: "2026-10-01" });
    expect(quarterPeriod(2026, 4)).toEqual({ from: "2026-10-01", to: "2027-01-01" });
    expect(periodContaining("QUARTERLY_ACONTO", "2026-02-28")).toEqual({ from: "2026-01-01", to: "2026-04-01" });
    expect(nextPeriod("MONTHLY", monthlyPeriod("2026-12"))).toEqual({ from: "2027-01-01", to: "2027-02-01" });
    expect(previousPeriod("QUARTERLY_ACONTO", quarterPeriod(2026, 1))).toEqual({ from: "2025-10-01", to: "2026-01-01" });
  });

  it("parses command-line periods", () => {
    expect(parsePeriod("MONTHLY", "2026-10")).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(parsePeriod("QUARTERLY_ACONTO", "2026-Q3")).toEqual({ from: "2026-07-01", to: "2026-10-01" });
    expect(parsePeriod("QUARTERLY_ACONTO", "2026-07")).toEqual({ from: "2026-07-01", to: "2026-10-01" });
    expect(() => parsePeriod("QUARTERLY_ACONTO", "2026-08")).toThrow("not the first month of a quarter: write the quarter, e.g. 2026-Q3");
    expect(() => parsePeriod("MONTHLY", "2026-Q3")).toThrow("Monthly billing takes a month");
    expect(() => parsePeriod("MONTHLY", "2026-13")).toThrow("A month is written YYYY-MM");
  });

  it("accepts only whole months and quarters as billing periods", () => {
    expect(checkBillingPeriod("MONTHLY", "2026-10-01", "2026-11-01")).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(() => checkBillingPeriod("MONTHLY", "2026-10-02", "2026-11-01")).toThrow(
      "A MONTHLY billing period is a calendar month [2026-10-01, 2026-11-01), got [2026-10-02, 2026-11-01)",
    );
    expect(() => checkBillingPeriod("QUARTERLY_ACONTO", "2026-07-01", "2026-08-01")).toThrow("a calendar quarter [2026-07-01, 2026-10-01)");
    expect(() => checkBillingPeriod("MONTHLY", "2026-02-30", "2026-03-01")).toThrow("Period start must be a date");
  });

  it("labels periods in Swedish, English and Danish", () => {
    expect(periodLabel("MONTHLY", monthlyPeriod("2026-10"), "sv")).toBe("oktober 2026");
    expect(periodLabel("MONTHLY", monthlyPeriod("2026-03"), "en")).toBe("March 2026");
    expect(periodLabel("QUARTERLY_ACONTO", quarterPeriod(2026, 1), "sv")).toBe("1:a kvartalet 2026");
    expect(periodLabel("QUARTERLY_ACONTO", quarterPeriod(2026, 3), "sv")).toBe("3:e kvartalet 2026");
    expect(periodLabel("QUARTERLY_ACONTO", quarterPeriod(2026, 3), "da")).toBe("3. kvartal 2026");
    expect(periodLabel("QUARTERLY_ACONTO", quarterPeriod(2026, 4), "en")).toBe("Q4 2026");
  });
});

describe("invoice and due dates", () => {
  it("dates the invoice on the first weekday after the period", () => {
    // October 2026 ends on Saturday the 31st: the exclusive end 1 Nov is a Sunday → Monday 2 Nov.
    expect(invoiceDateFor("2026-11-01")).toBe("2026-11-02");
    // September 2026: 1 Oct is a Thursday.
    expect(invoiceDateFor("2026-10-01")).toBe("2026-10-01");
    expect(firstWeekdayOnOrAfter("2026-08-01")).toBe("2026-08-03");
  });

  it("never dates an invoice before the run's day", () => {
    expect(invoiceDateFor("2026-11-01", "2026-11-22")).toBe("2026-11-22");
    expect(invoiceDateFor("2026-11-01", "2026-10-20")).toBe("2026-11-02");
  });

  it("gives 30 days in Sweden and 14 in Finland and Denmark, moved off weekends", () => {
    expect(dueDateFor("SE", "2026-11-02")).toBe("2026-12-02"); // Wednesday
    expect(dueDateFor("FI", "2026-11-02")).toBe("2026-11-16"); // Monday
    expect(dueDateFor("DK", "2026-10-01")).toBe("2026-10-15");
    // 2026-10-01 + 30 = Saturday 31 October → Monday 2 November.
    expect(dueDateFor("SE", "2026-10-01")).toBe("2026-11-02");
  });

  it("estimates the next invoice's dates (seed 003)", () => {
    expect(nextInvoiceEstimate("FI", "MONTHLY", monthlyPeriod("2026-10"))).toEqual({
      periodFrom: "2026-11-01",
      periodTo: "2026-12-01",
      invoiceDate: "2026-12-01",
      dueDate: "2026-12-15",
    });
    expect(nextInvoiceEstimate("DK", "QUARTERLY_ACONTO", quarterPeriod(2026, 3))).toEqual({
      periodFrom: "2026-10-01",
      periodTo: "2027-01-01",
      invoiceDate: "2027-01-01",
      dueDate: "2027-01-15",
    });
  });
});

describe("Danish aconto quantities", () => {
  it("annualizes last year's consumption (DOMAIN.md: 25 433 kWh over 358 days → 25 930)", () => {
    expect(expectedYearlyConsumption({ measuredKWh: 25_433, measuredDays: 358, contractExpectedYearlyKWh: 4_200 })).toEqual({
      kWh: 25_930,
      source: "measured",
    });
    expect(expectedYearlyConsumption({ measuredKWh: 0, measuredDays: 0, contractExpectedYearlyKWh: 4_200 })).toEqual({ kWh: 4_200, source: "contract" });
    expect(expectedYearlyConsumption({ measuredKWh: 0, measuredDays: 0, contractExpectedYearlyKWh: null })).toBeNull();
  });

  it("splits the expected year by the quarter's days", () => {
    // 25 930 × 92 / 365 = 6 535.89 → 6 536; Q1 2027: 25 930 × 90 / 365 = 6 393.7 → 6 394.
    expect(acontoKWhForQuarter(25_930, quarterPeriod(2026, 4))).toBe(6_536);
    expect(acontoKWhForQuarter(25_930, quarterPeriod(2027, 1))).toBe(6_394);
    // The seed 004 example: 25 000 a year, roughly 6 250 a quarter; by days Q2 2026 (91 days) → 6 233.
    expect(acontoKWhForQuarter(25_000, quarterPeriod(2026, 2))).toBe(6_233);
  });

  it("spreads an expected quantity evenly in whole Wh that add up exactly", () => {
    // Q4 2026 in Copenhagen has 2 209 hours (25-hour day on 25 October).
    const series = evenConsumption(6_536_000, quarterPeriod(2026, 4), "Europe/Copenhagen", "PT1H");
    expect(series.values.length).toBe(2_209);
    expect(series.start).toBe("2026-09-30T22:00:00.000Z");
    let wh = 0;
    for (let i = 0; i < series.values.length; i++) wh += Math.round(series.values[i]! * 1000);
    expect(wh).toBe(6_536_000);
    // 6 536 000 / 2 209 = 2 958 rem 1 778: the first 1 778 hours get 2.959 kWh.
    expect(series.values[0]).toBe(2.959);
    expect(series.values[2_208]).toBe(2.958);
    expect(constantPriceSeries(85.5, quarterPeriod(2026, 4), "Europe/Copenhagen").values.length).toBe(2_209);
  });
});

const VAT: VatRate[] = [{ market: "DK", ratePercent: "25", validFrom: "2000-01-01", validTo: null }];

function rateDk(period: { from: string; to: string }, kWhPerHour: number) {
  const days = evenConsumption(0, period, "Europe/Copenhagen", "PT1H");
  return rateConsumption({
    market: "DK",
    currency: "DKK",
    timeZone: "Europe/Copenhagen",
    period,
    consumption: { ...days, values: new Float64Array(days.values.length).fill(kWhPerHour) },
    priceLists: [DK_SUPPLY, DK_GRID],
    vatRates: VAT,
  });
}

describe("the Danish quarterly bill", () => {
  const q3 = quarterPeriod(2026, 3);
  const q4 = quarterPeriod(2026, 4);

  it("settles the quarter, deducts the prepaid aconto and adds the next one", () => {
    // Q3 2026: 92 days × 24 h × 3 kWh = 6 624 kWh at 250 øre/kWh all in (100 + 50 + 5 + 5 + 90),
    // plus 3 months of subscriptions (20 + 30 kr) → 1 656 000 + 15 000 = 1 671 000 øre net.
    const settlement = rateDk(q3, 3);
    expect(settlement.totals).toEqual({ netMinor: 1_671_000, vatMinor: 417_750, totalMinor: 2_088_750 });
    // Next quarter 6 536 kWh on an even profile at the same prices: 1 634 000 + 15 000.
    const nextEstimate = rateConsumption({
      market: "DK",
      currency: "DKK",
      timeZone: "Europe/Copenhagen",
      period: q4,
      consumption: evenConsumption(6_536_000, q4, "Europe/Copenhagen", "PT1H"),
      priceLists: [DK_SUPPLY, DK_GRID],
      vatRates: VAT,
    });
    const bill = buildQuarterlyAcontoBill({
      settled: q3,
      settlement,
      prepaid: {
        invoiceNumber: "2000000007",
        lines: [{ quantity: "6505.000", unitPriceMinor: "252.3059", amountMinor: 1_641_250, vatRatePercent: "25", vatAmountMinor: 410_313 }],
      },
      next: q4,
      nextKWh: 6_536,
      nextEstimate,
    });
    const deduction = bill.lines.filter((l) => l.section === "deduction");
    const aconto = bill.lines.filter((l) => l.section === "aconto");
    expect(bill.lines.filter((l) => l.section === "settlement")).toHaveLength(settlement.lines.length);
    expect(deduction).toEqual([
      expect.objectContaining({
        code: "ACONTO_DEDUCTION",
        quantity: "-6505.000",
        unitPriceMinor: "252.3059",
        amountMinor: -1_641_250,
        vatAmountMinor: -410_313,
      }),
    ]);
    expect(aconto).toEqual([
      expect.objectContaining({
        code: "ACONTO_NEXT",
        quantity: "6536.000",
        // 1 649 000 / 6 536 = 252.2950…
        unitPriceMinor: "252.2950",
        amountMinor: 1_649_000,
        vatAmountMinor: 412_250,
        from: "2026-10-01",
        to: "2027-01-01",
      }),
    ]);
    expect(deduction.map((l) => names(l, ["sv", "en", "da"]))).toEqual([
      { sv: "Avdrag för betald aconto 3:e kvartalet 2026", en: "Aconto paid for Q3 2026, deducted", da: "Fradrag for betalt aconto 3. kvartal 2026" },
    ]);
    expect(aconto.map((l) => names(l, ["sv", "en", "da"]))).toEqual([
      { sv: "Aconto 4:e kvartalet 2026, kommande kvartal", en: "Aconto for Q4 2026, the coming quarter", da: "Aconto 4. kvartal 2026, kommende kvartal" },
    ]);
    expect(bill.settlementTotals.totalMinor).toBe(2_088_750);
    expect(bill.prepaidTotals.totalMinor).toBe(2_051_563);
    expect(bill.nextTotals.totalMinor).toBe(2_061_250);
    // 2 088 750 − 2 051 563 = 37 187 øre more to pay for Q3; the bill adds the Q4 aconto.
    expect(bill.differenceMinor).toBe(37_187);
    expect(bill.totals).toEqual({ netMinor: 1_671_000 - 1_641_250 + 1_649_000, vatMinor: 417_750 - 410_313 + 412_250, totalMinor: 37_187 + 2_061_250 });
  });

  it("has no deduction on a first bill", () => {
    const settlement = rateDk(q3, 1);
    const bill = buildQuarterlyAcontoBill({ settled: q3, settlement, prepaid: null, next: q4, nextKWh: 0, nextEstimate: rateDk(q4, 0) });
    expect(bill.lines.some((l) => l.section === "deduction")).toBe(false);
    expect(bill.differenceMinor).toBe(bill.settlementTotals.totalMinor);
    // Nothing expected: the next aconto is the subscriptions only, at unit price 0 per kWh shown.
    expect(bill.lines.at(-1)).toMatchObject({ code: "ACONTO_NEXT", quantity: "0.000", unitPriceMinor: "0", amountMinor: 15_000 });
  });
});

describe("credit lines", () => {
  const line: BillLine = {
    code: "SE_GRID_TRANSFER",
    section: "period",
    quantity: "412.345",
    unit: "kWh",
    unitPriceMinor: "23.2",
    amountMinor: 9_566,
    vatRatePercent: "25",
    vatAmountMinor: 2_392,
    from: "2026-10-01",
    to: "2026-11-01",
    priceListIds: ["p1"],
  };

  it("negates quantity, amount and VAT and nets the original to zero", () => {
    const [credit] = creditLines([line], "1000000042");
    expect(credit).toMatchObject({
      section: "credit",
      quantity: "-412.345",
      unitPriceMinor: "23.2",
      amountMinor: -9_566,
      vatAmountMinor: -2_392,
    });
    expect(names(line)).toEqual({ sv: "Överföringsavgift", en: "Transfer fee" });
    expect(names(credit!)).toEqual({ sv: "Kreditering faktura 1000000042: Överföringsavgift", en: "Credit of invoice 1000000042: Transfer fee" });
    expect(totalsOf([line, credit!])).toEqual({ netMinor: 0, vatMinor: 0, totalMinor: 0 });
  });

  it("negates decimals exactly", () => {
    expect(negateDecimal("12.500")).toBe("-12.500");
    expect(negateDecimal("-3")).toBe("3");
    expect(negateDecimal("0.000")).toBe("0.000");
    expect(negateDecimal("-0.000")).toBe("0.000");
  });
});

describe("billing power of district heating", () => {
  it("is the highest daily mean power of the period, one decimal, the 25-hour day divided by 25", () => {
    // 2026-10-24 … 26 in Stockholm: 24, 25 and 24 hours.
    const values = [...Array(24).fill(10), ...Array(25).fill(12.3), ...Array(24).fill(12)];
    // Day 2: 307.5 kWh / 25 h = 12.3 kW; day 3: 288 / 24 = 12.0.
    expect(highestDailyMeanPower(values, { from: "2026-10-24", to: "2026-10-27" }, "Europe/Stockholm", "PT1H")).toEqual({ kW: "12.3", date: "2026-10-25" });
  });

  it("reads quarter-hours and rounds half up", () => {
    // 96 × 0.3125 kWh = 30 kWh a day → 1.25 kW → 1.3.
    const values = Array(96).fill(0.3125);
    expect(highestDailyMeanPower(values, { from: "2026-06-01", to: "2026-06-02" }, "Europe/Helsinki", "PT15M")).toEqual({ kW: "1.3", date: "2026-06-01" });
  });
});
