import { describe, expect, it } from "vitest";
import { billingExplanationSchema, EXPLANATION_VERSION, type BillingExplanation } from "./invoice-explanation";
import { explanationForRun, readExplanationFacts, storedLineParams } from "./invoice-explanation-read";

const current: BillingExplanation = {
  version: EXPLANATION_VERSION,
  kind: "INVOICE",
  market: "SE",
  currency: "SEK",
  cycle: "MONTHLY",
  timeZone: "Europe/Stockholm",
  period: { from: "2026-01-01", to: "2026-02-01" },
  contract: { id: "c", contractNumber: "N-1", productName: "Timpris", pricing: "SPOT", priceProducts: ["SE_GRID"] },
  installation: { id: "i", meteringPointId: "735999000000000013", priceArea: "SE1", resolution: "PT1H" },
  consumption: { kWh: "729.000", intervals: 744, resolution: "PT1H" },
  lines: [
    {
      position: 1,
      code: "SE_GRID_POWER_FEE",
      section: "period",
      product: "SE_GRID",
      params: { month: "2026-01" },
      from: "2026-01-01",
      to: "2026-02-01",
      priceListIds: ["g"],
      details: { kind: "powerFee", month: "2026-01", days: 31, daysInMonth: 31, peakCount: 3, peaks: [{ start: "2026-01-14T07:00:00Z", localDate: "2026-01-14", localHour: 8, kWh: "5.200" }] },
    },
  ],
  totals: { netMinor: 13_500, vatMinor: 3_375, totalMinor: 16_875 },
  vatSummary: [{ ratePercent: "25", netMinor: 13_500, vatMinor: 3_375 }],
  priceLists: [{ id: "g", product: "SE_GRID", name: "Nät 20 A", validFrom: "2026-01-01", validTo: null }],
  spot: null,
  billingPower: null,
  aconto: null,
  correction: null,
  credits: null,
  payment: { scheme: "SE_OCR", reference: "100000000123", invoiceDate: "2026-02-02", dueDate: "2026-03-04", termDays: 30 },
  nextInvoice: { periodFrom: "2026-02-01", periodTo: "2026-03-01", invoiceDate: "2026-03-02", dueDate: "2026-04-01" },
};

describe("readExplanationFacts", () => {
  it("reads the current version through its schema: sections, parameters, details and the next invoice", () => {
    const facts = readExplanationFacts(current);
    expect(facts.lineInfo.get(1)).toMatchObject({ section: "period", text: null, params: { month: "2026-01" }, product: "SE_GRID" });
    expect(facts.lines.get(1)).toEqual({ kind: "powerFee", peakCount: 3, peaks: [{ localDate: "2026-01-14", localHour: 8, kWh: "5.200" }] });
    expect(facts.nextInvoice).toEqual({ invoiceDate: "2026-03-02", dueDate: "2026-04-01" });
  });

  it("does not take a malformed current explanation for what it claims to be", () => {
    const broken = { ...current, lines: [{ ...current.lines[0]!, params: { month: "January" } }] };
    expect(billingExplanationSchema.safeParse(broken).success).toBe(false);
    // Read as an older shape: what it can understand, nothing more.
    expect(readExplanationFacts(broken).lineInfo.get(1)?.params).toBeNull();
  });
});

describe("storedLineParams", () => {
  it("gives the stored parameters, and null for lines before the catalogue or malformed ones", () => {
    expect(storedLineParams({ season: "winter" })).toEqual({ season: "winter" });
    expect(storedLineParams(null)).toBeNull();
    expect(storedLineParams({ season: "monsoon" })).toBeNull();
    expect(storedLineParams({ unknown: 1 })).toBeNull();
  });
});

describe("explanationForRun", () => {
  it("passes the current version through and upgrades version 1: texts become parameters", () => {
    expect(explanationForRun(current)).toEqual(current);
    const { params: _params, ...line } = current.lines[0]!;
    const v1 = {
      ...current,
      version: 1,
      lines: [{ ...line, description: { sv: "Effektavgift 2026-01", en: "Power fee 2026-01" } }],
    };
    const upgraded = explanationForRun(v1);
    expect(billingExplanationSchema.safeParse(upgraded).success).toBe(true);
    expect(upgraded.lines).toEqual(current.lines);
  });

  it("gives nothing for an explanation of no known version", () => {
    expect(explanationForRun({ lines: [] })).toEqual({});
    expect(explanationForRun(null)).toEqual({});
  });
});
