import { describe, expect, it } from "vitest";
import { estimateNextInvoice, explainInvoice, lineCategory, lineSection, type ExplainInput, type ExplainLine } from "./explain";
import { readExplanationFacts } from "./invoice-explanation-read";

function line(position: number, code: string, amountMinor: number, extra: Partial<ExplainLine> = {}): ExplainLine {
  return {
    position,
    code,
    description: code,
    quantity: "100",
    unit: "kWh",
    unitPriceMinor: "10",
    amountMinor,
    vatRate: "25",
    vatAmountMinor: Math.round(amountMinor / 4),
    ...extra,
  };
}

function invoice(overrides: Partial<ExplainInput> = {}): ExplainInput {
  const lines = overrides.lines ?? [line(1, "SUPPLY_MONTHLY_FEE", 4_900, { unit: "month", quantity: "1" }), line(2, "SUPPLY_ENERGY_SPOT", 87_425, { quantity: "1000.000", unitPriceMinor: "87.4250" })];
  const net = lines.reduce((s, l) => s + l.amountMinor, 0);
  const vat = lines.reduce((s, l) => s + l.vatAmountMinor, 0);
  return {
    kind: "INVOICE",
    invoiceDate: "2026-02-05",
    dueDate: "2026-02-19",
    periodStart: "2026-01-01",
    periodEnd: "2026-02-01",
    netAmountMinor: net,
    vatAmountMinor: vat,
    totalAmountMinor: net + vat,
    billingCycle: "MONTHLY",
    lines,
    corrects: null,
    facts: {},
    ...overrides,
  };
}

describe("spot price: weighted against plain average", () => {
  it("DOMAIN.md's example: p = [10, −1, 5], E = [2, 4, 1] → weighted 3.00, plain 4.67: lower, because more was used in the cheap hour", () => {
    const e = explainInvoice(invoice({ facts: { lines: [{ position: 2, details: { kind: "spot", weightedAverage: 3, plainAverage: 14 / 3, intervals: 3, negativeIntervals: 1 } }] } }));
    expect(e.spot).toEqual([
      {
        position: 2,
        weightedAverage: "3.00",
        plainAverage: "4.67",
        difference: "1.67",
        comparison: "lower",
        negativeIntervals: 1,
        intervalKind: "hour",
      },
    ]);
  });

  it("is higher when consumption was higher in the expensive hours", () => {
    const e = explainInvoice(invoice({ facts: { spot: { weightedAverage: 92.5, plainAverage: 80.25, intervals: 744, negativeIntervals: 0 } } }));
    expect(e.spot[0]).toMatchObject({ comparison: "higher", difference: "12.25", weightedAverage: "92.50", plainAverage: "80.25" });
  });

  it("calls differences under 0.05 minor units per kWh the same", () => {
    const e = explainInvoice(invoice({ facts: { spot: { weightedAverage: 80.27, plainAverage: 80.25 } } }));
    expect(e.spot[0]!.comparison).toBe("same");
  });

  it("tells quarter-hour prices from hourly ones by the number of intervals", () => {
    const e = explainInvoice(invoice({ facts: { spot: { weightedAverage: 1, plainAverage: 1, intervals: 31 * 96, negativeIntervals: 12 } } }));
    expect(e.spot[0]).toMatchObject({ intervalKind: "quarterHour", negativeIntervals: 12 });
  });

  it("without the run's figures still gives the weighted average from the line, and no comparison", () => {
    const e = explainInvoice(invoice({ facts: {} }));
    expect(e.spot[0]).toMatchObject({ weightedAverage: "87.43", plainAverage: null, comparison: null, difference: null });
  });
});

describe("lines, categories and VAT", () => {
  it("says what each line is and who receives the money", () => {
    expect(lineCategory("SE_GRID_ENERGY_TAX")).toEqual({ category: "tax", recipient: "state" });
    expect(lineCategory("SE_GRID_TRANSFER")).toEqual({ category: "transfer", recipient: "gridCompany" });
    expect(lineCategory("DK_ENERGINET_SYSTEM_TARIFF")).toEqual({ category: "transfer", recipient: "energinet" });
    expect(lineCategory("SUPPLY_MONTHLY_FEE")).toEqual({ category: "fixedFee", recipient: "retailer" });
    expect(lineCategory("DK_ACONTO_NEXT")).toEqual({ category: "aconto", recipient: "retailer" });
    expect(lineCategory("SOMETHING_NEW")).toEqual({ category: "other", recipient: "unknown" });
  });

  it("gives unknown codes the generic wording and keeps their stored description", () => {
    const e = explainInvoice(invoice({ lines: [line(1, "ROUNDING", 1, { description: "Öresavrundning" })] }));
    expect(e.lines[0]).toMatchObject({ messageKey: "OTHER", description: "Öresavrundning", category: "other" });
  });

  it("breaks the net amount down by category and adds VAT; groups VAT per rate", () => {
    const lines = [
      line(1, "SE_GRID_FIXED_FEE", 30_000),
      line(2, "SE_GRID_TRANSFER", 22_400),
      line(3, "SE_GRID_ENERGY_TAX", 43_900),
      line(4, "SE_GRID_POWER_FEE", 13_500),
    ];
    const e = explainInvoice(invoice({ lines }));
    expect(e.breakdown).toEqual([
      { category: "fixedFee", amountMinor: 30_000 },
      { category: "transfer", amountMinor: 22_400 },
      { category: "tax", amountMinor: 43_900 },
      { category: "power", amountMinor: 13_500 },
      { category: "vat", amountMinor: 7_500 + 5_600 + 10_975 + 3_375 },
    ]);
    expect(e.vat).toEqual([{ ratePercent: "25", netMinor: 109_800, vatMinor: 27_450 }]);
  });

  it("keeps two VAT rates apart and writes them as people do (25.50 → 25.5)", () => {
    const lines = [line(1, "SUPPLY_MONTHLY_FEE", 1_000, { vatRate: "24.00", vatAmountMinor: 240 }), line(2, "SUPPLY_MONTHLY_FEE", 1_000, { vatRate: "25.50", vatAmountMinor: 255 })];
    expect(explainInvoice(invoice({ lines })).vat).toEqual([
      { ratePercent: "24", netMinor: 1_000, vatMinor: 240 },
      { ratePercent: "25.5", netMinor: 1_000, vatMinor: 255 },
    ]);
  });

  it("passes the power fee's peak hours on to the wording", () => {
    const lines = [line(1, "SE_GRID_POWER_FEE", 13_500, { unit: "kW" })];
    const peaks = [{ localDate: "2026-01-14", localHour: 8, kWh: "5.200", start: "2026-01-14T07:00:00Z" }];
    const e = explainInvoice(invoice({ lines, facts: { lines: { 1: { details: { kind: "powerFee", peakCount: 3, peaks } } } } }));
    expect(e.lines[0]!.peaks).toEqual([{ localDate: "2026-01-14", localHour: 8, kWh: "5.200" }]);
  });
});

describe("Danish aconto: settlement of the past quarter and the next aconto", () => {
  const lines = [
    line(1, "DK_SUPPLY_SUBSCRIPTION", 5_700, { unit: "month", quantity: "3" }),
    line(2, "SUPPLY_ENERGY_SPOT", 150_000, { quantity: "1800.000" }),
    line(3, "DK_ELECTRICITY_TAX", 130_860, { quantity: "1800.000" }),
    line(4, "DK_ACONTO_PREPAID", -250_000, { quantity: "1" }),
    line(5, "DK_ACONTO_NEXT", 260_000, { quantity: "6250" }),
  ];

  it("puts each line in its section", () => {
    expect(lines.map((l) => lineSection(l, true))).toEqual(["settlement", "settlement", "settlement", "prepaid", "nextAconto"]);
    expect(lineSection({ code: "SUPPLY_ENERGY_SPOT", amountMinor: 1 }, false)).toBe("regular");
    expect(lineSection({ code: "ACONTO", amountMinor: -1 }, true)).toBe("prepaid");
  });

  it("derives the settlement from the lines: actual against prepaid (incl. VAT) and the coming quarter", () => {
    const e = explainInvoice(invoice({ billingCycle: "QUARTERLY_ACONTO", periodStart: "2026-01-01", periodEnd: "2026-04-01", lines }));
    const actual = (5_700 + 150_000 + 130_860) * 1.25;
    expect(e.aconto).toMatchObject({
      actualAmountMinor: actual,
      prepaidAmountMinor: 312_500,
      differenceMinor: actual - 312_500,
      outcome: "payExtra",
      nextAmountMinor: 325_000,
      nextKwh: "6250",
      settledPeriod: { from: "2026-01-01", to: "2026-04-01" },
    });
  });

  it("uses the run's figures when it states them, the expected yearly consumption and its basis included", () => {
    const facts = {
      aconto: {
        settledPeriod: { from: "2025-10-01", to: "2026-01-01" },
        actualKwh: "1800.000",
        prepaidKwh: "1500",
        actualAmountMinor: 400_000,
        prepaidAmountMinor: 312_500,
        nextPeriod: { from: "2026-01-01", to: "2026-04-01" },
        nextKwh: "6164",
        nextAmountMinor: 325_000,
        expectedYearlyKwh: 25_930,
        basis: { kWh: 25_433, days: 358 },
      },
    };
    const e = explainInvoice(invoice({ billingCycle: "QUARTERLY_ACONTO", lines, facts }));
    expect(e.aconto).toEqual({ ...facts.aconto, differenceMinor: 87_500, outcome: "payExtra", basisSource: null });
  });

  it("has no aconto part on monthly bills", () => {
    expect(explainInvoice(invoice()).aconto).toBeNull();
  });
});

describe("corrections", () => {
  const original = { invoiceNumber: "2026000123", periodStart: "2026-01-01", periodEnd: "2026-02-01", totalAmountMinor: 115_406 };

  it("a credit note cancels the original in full", () => {
    const e = explainInvoice(invoice({ kind: "CREDIT_NOTE", corrects: original, totalAmountMinor: -115_406 }));
    expect(e.correction).toEqual({
      role: "creditNote",
      original,
      differenceMinor: -115_406,
      reasons: [],
      paidOnEarlierVersionsMinor: null,
      toPayMinor: null,
      toRefundMinor: null,
      consumptionChange: null,
      replacedByInvoiceNumber: null,
    });
    expect(e.summary.outcome).toBe("credit");
    expect(e.nextInvoice).toBeNull();
  });

  it("a re-billed invoice tells the difference to the original and why", () => {
    const e = explainInvoice(invoice({ corrects: original, totalAmountMinor: 120_000, facts: { correction: { reason: "METER_VALUES" } } }));
    expect(e.correction).toMatchObject({ role: "rebill", original, differenceMinor: 4_594, reasons: ["METER_VALUES"] });
    expect(e.nextInvoice).toBeNull();
  });
});

describe("the next invoice's estimated due date", () => {
  it("monthly: one month after, with the same lag after the period and the same payment term (14 days)", () => {
    expect(estimateNextInvoice({ invoiceDate: "2026-02-05", dueDate: "2026-02-19", periodStart: "2026-01-01", periodEnd: "2026-02-01", billingCycle: "MONTHLY" })).toEqual({
      invoiceDate: "2026-03-05",
      dueDate: "2026-03-19",
    });
  });

  it("quarterly aconto: one quarter after", () => {
    expect(
      estimateNextInvoice({ invoiceDate: "2026-01-10", dueDate: "2026-01-31", periodStart: "2025-10-01", periodEnd: "2026-01-01", billingCycle: "QUARTERLY_ACONTO" }),
    ).toEqual({ invoiceDate: "2026-04-10", dueDate: "2026-05-01" });
  });

  it("without a cycle: a period of about three months counts as quarterly", () => {
    expect(estimateNextInvoice({ invoiceDate: "2026-04-03", dueDate: "2026-04-17", periodStart: "2026-01-01", periodEnd: "2026-04-01", billingCycle: null }).invoiceDate).toBe(
      "2026-07-03",
    );
  });

  it("prefers the date the billing run stated", () => {
    expect(explainInvoice(invoice({ facts: { nextInvoice: { invoiceDate: "2026-03-04", dueDate: "2026-03-18" } } })).nextInvoice).toEqual({
      invoiceDate: "2026-03-04",
      dueDate: "2026-03-18",
      source: "billing",
    });
    expect(explainInvoice(invoice({ facts: { nextDueDate: "2026-03-20" } })).nextInvoice).toEqual({ invoiceDate: null, dueDate: "2026-03-20", source: "billing" });
    expect(explainInvoice(invoice()).nextInvoice).toEqual({ invoiceDate: "2026-03-05", dueDate: "2026-03-19", source: "estimate" });
  });
});

describe("readExplanationFacts", () => {
  it("ignores what it does not understand instead of failing", () => {
    for (const junk of [null, 42, "text", [], { lines: "x", aconto: 3, spot: [], nextDueDate: "soon" }, { lines: [{ position: "x", details: { kind: "spot" } }] }]) {
      const facts = readExplanationFacts(junk);
      expect(facts.aconto).toBeNull();
      expect(facts.nextInvoice).toBeNull();
    }
  });

  it("reads line details by position from an array or an object", () => {
    const peaks = [{ localDate: "2026-01-14", localHour: 8, kWh: "5.200" }];
    expect(readExplanationFacts({ lines: [{ position: 3, details: { kind: "powerFee", peakCount: 3, peaks } }] }).lines.get(3)).toEqual({ kind: "powerFee", peakCount: 3, peaks });
    expect(readExplanationFacts({ lines: { "2": { kind: "spot", weightedAverage: "3.0000", plainAverage: 4.5 } } }).lines.get(2)).toEqual({
      kind: "spot",
      weightedAverage: 3,
      plainAverage: 4.5,
      intervals: null,
      negativeIntervals: null,
    });
  });
});

describe("aconto refund", () => {
  it("says money back when less was used than paid in advance", () => {
    const lines = [line(1, "SUPPLY_ENERGY_SPOT", 100_000), line(2, "DK_ACONTO_PREPAID", -200_000), line(3, "DK_ACONTO_NEXT", 50_000)];
    const e = explainInvoice(invoice({ billingCycle: "QUARTERLY_ACONTO", lines }));
    expect(e.aconto).toMatchObject({ actualAmountMinor: 125_000, prepaidAmountMinor: 250_000, differenceMinor: -125_000, outcome: "refund", nextAmountMinor: 62_500 });
    expect(e.summary).toMatchObject({ outcome: "credit", totalAmountMinor: -62_500 });
  });
});

describe("a billing run's explanation of version 1 (texts recorded per line, before the line catalogue)", () => {
  const lines = [
    line(1, "SUPPLY_ENERGY_SPOT", 150_000, { quantity: "1800.000", unitPriceMinor: "83.3333" }),
    line(2, "DK_ELECTRICITY_TAX", 130_860, { quantity: "1800.000" }),
    line(3, "ACONTO_DEDUCTION", -250_000, { quantity: "-2100.000", description: "Avdrag för betald aconto 2025 K4" }),
    line(4, "ACONTO_NEXT", 260_000, { quantity: "2164.000", description: "Aconto 2026 K1, kommande kvartal" }),
  ];
  const facts = {
    version: 1,
    kind: "INVOICE",
    cycle: "QUARTERLY_ACONTO",
    lines: [
      { position: 1, code: "SUPPLY_ENERGY_SPOT", section: "settlement", description: { sv: "Elenergi, spotpris", en: "Electricity, spot price", da: "Elenergi, spotpris" }, from: "2025-10-01", to: "2026-01-01", priceListIds: [] },
      { position: 2, code: "DK_ELECTRICITY_TAX", section: "settlement", description: { sv: "Elskatt (elafgift)", en: "Electricity tax", da: "Elafgift" }, from: "2025-10-01", to: "2026-01-01", priceListIds: [] },
      { position: 3, code: "ACONTO_DEDUCTION", section: "deduction", description: { sv: "Avdrag för betald aconto 2025 K4", en: "Aconto paid for 2025 Q4, deducted", da: "Fradrag for betalt aconto 2025 K4" }, from: "2025-10-01", to: "2026-01-01", priceListIds: [], details: { kind: "acontoDeduction", invoiceNumber: "2000000007" } },
      { position: 4, code: "ACONTO_NEXT", section: "aconto", description: { sv: "Aconto 2026 K1, kommande kvartal", en: "Aconto for 2026 Q1, the coming quarter", da: "Aconto 2026 K1, kommende kvartal" }, from: "2026-01-01", to: "2026-04-01", priceListIds: [], details: { kind: "acontoNext", kWh: 2164 } },
    ],
    spot: { weightedAverage: "83.3333", plainAverage: "79.1000", differenceMinor: "4.2333", intervals: 2208, negativeIntervals: 31, priceArea: "DK1" },
    aconto: {
      settledPeriod: { from: "2025-10-01", to: "2026-01-01" },
      actualKwh: "1800.000",
      prepaidKwh: "2100.000",
      actualAmountMinor: 351_075,
      prepaidAmountMinor: 312_500,
      differenceMinor: 38_575,
      prepaidInvoice: { id: "x", invoiceNumber: "2000000007" },
      nextPeriod: { from: "2026-01-01", to: "2026-04-01" },
      nextKwh: "2164",
      nextAmountMinor: 325_000,
      expectedYearlyKwh: 8_776,
      basis: { kWh: 8_608, days: 358, from: "2024-12-31", to: "2025-12-24" },
      basisSource: "measured",
      assumedSpotMinor: "83.3333",
      nextLines: [],
    },
    correction: null,
    credits: null,
    billingPower: null,
    nextInvoice: { periodFrom: "2026-01-01", periodTo: "2026-04-01", invoiceDate: "2026-04-01", dueDate: "2026-04-15" },
  };

  it("takes the sections, the texts, the spot figures, the aconto and the next invoice from the run", () => {
    const e = explainInvoice(invoice({ billingCycle: null, lines, facts, periodStart: "2025-10-01", periodEnd: "2026-01-01" }));
    expect(e.lines.map((l) => l.section)).toEqual(["settlement", "settlement", "prepaid", "nextAconto"]);
    expect(e.lines[2]!.texts).toEqual({ sv: "Avdrag för betald aconto 2025 K4", en: "Aconto paid for 2025 Q4, deducted", da: "Fradrag for betalt aconto 2025 K4" });
    expect(e.spot[0]).toMatchObject({ weightedAverage: "83.33", plainAverage: "79.10", difference: "4.23", comparison: "higher", negativeIntervals: 31, intervalKind: "hour" });
    expect(e.aconto).toMatchObject({ differenceMinor: 38_575, outcome: "payExtra", expectedYearlyKwh: 8_776, basis: { kWh: 8_608, days: 358 }, basisSource: "measured" });
    expect(e.nextInvoice).toEqual({ invoiceDate: "2026-04-01", dueDate: "2026-04-15", source: "billing" });
  });

  it("reads a correction's reasons and what is left to pay after payments on the earlier version", () => {
    const correction = {
      reason: "New meter values for 2026-01-03 – 2026-01-05",
      reasons: [{ kind: "METER_VALUES", revisions: 12, firstInterval: "2026-01-03T00:00:00Z", lastInterval: "2026-01-05T11:00:00Z" }],
      paidOnEarlierVersionsMinor: 115_406,
      toPayMinor: 4_594,
      toRefundMinor: 0,
      differenceMinor: 4_594,
      previous: { totalMinor: 115_406, kWh: "1235.268" },
      current: { totalMinor: 120_000, kWh: "1267.412" },
    };
    const original = { invoiceNumber: "1000000123", periodStart: "2026-01-01", periodEnd: "2026-02-01", totalAmountMinor: 115_406 };
    const e = explainInvoice(invoice({ corrects: original, totalAmountMinor: 120_000, facts: { correction } }));
    expect(e.correction).toMatchObject({
      reasons: ["METER_VALUES"],
      paidOnEarlierVersionsMinor: 115_406,
      toPayMinor: 4_594,
      toRefundMinor: 0,
      consumptionChange: { before: "1235.268", after: "1267.412" },
    });
    const credit = explainInvoice(invoice({ kind: "CREDIT_NOTE", corrects: original, totalAmountMinor: -115_406, facts: { credits: { replacedByInvoiceNumber: "1000000200" } } }));
    expect(credit.correction?.replacedByInvoiceNumber).toBe("1000000200");
  });
});
