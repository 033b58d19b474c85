import { describe, expect, it } from "vitest";
import { checkDataAccess, consentedDataEnd, resolutionAllowed, type ConsentGrant } from "./data-access";

const grant: ConsentGrant = { state: "ACTIVE", validTo: "2027-01-01T00:00:00Z", resolution: "PT1H", dataFrom: "2025-01-01", dataTo: null };
const at = "2026-06-01T12:00:00Z";
const q = (from: string, to: string, resolution: ConsentGrant["resolution"] = "PT1H") => ({ from, to, resolution });

describe("what a third party may fetch under a consent", () => {
  it("allows the consented resolution and coarser ones, never finer", () => {
    expect(resolutionAllowed("PT1H", "PT15M")).toBe(false);
    expect(resolutionAllowed("PT1H", "PT1H")).toBe(true);
    expect(resolutionAllowed("PT1H", "P1D")).toBe(true);
    expect(resolutionAllowed("PT1H", "P1M")).toBe(true);
    expect(resolutionAllowed("P1D", "PT1H")).toBe(false);
    expect(resolutionAllowed("P1M", "P1D")).toBe(false);
    expect(resolutionAllowed("PT15M", "PT15M")).toBe(true);
  });

  it("allows a query inside the period", () => {
    expect(checkDataAccess(grant, q("2025-01-01", "2025-02-01"), at, "2026-12-31")).toEqual({ ok: true });
  });

  it("refuses a consent that is not active, whatever else is right", () => {
    for (const state of ["AWAITING_CUSTOMER", "DECLINED", "TERMINATED_BY_CUSTOMER", "TERMINATED_BY_THIRD_PARTY", "EXPIRED"] as const) {
      expect(checkDataAccess({ ...grant, state }, q("2025-01-01", "2025-02-01"), at, "2026-12-31")).toMatchObject({ ok: false, code: "CONSENT_NOT_ACTIVE" });
    }
  });

  it("refuses from the second the validity ends", () => {
    expect(checkDataAccess(grant, q("2025-01-01", "2025-01-02"), "2026-12-31T23:59:59.999Z", "2026-12-31").ok).toBe(true);
    expect(checkDataAccess(grant, q("2025-01-01", "2025-01-02"), "2027-01-01T00:00:00.000Z", "2026-12-31")).toMatchObject({ code: "CONSENT_NOT_ACTIVE" });
  });

  it("refuses a finer resolution than consented", () => {
    expect(checkDataAccess(grant, q("2025-01-01", "2025-01-02", "PT15M"), at, "2026-12-31")).toMatchObject({ ok: false, code: "RESOLUTION_NOT_CONSENTED" });
  });

  it("refuses history before the consented start and after its end", () => {
    expect(checkDataAccess(grant, q("2024-12-31", "2025-01-02"), at, "2026-12-31")).toMatchObject({ code: "OUTSIDE_CONSENTED_PERIOD" });
    const bounded = { ...grant, dataTo: "2025-07-01" };
    expect(checkDataAccess(bounded, q("2025-06-01", "2025-07-01"), at, "2026-12-31").ok).toBe(true);
    expect(checkDataAccess(bounded, q("2025-06-01", "2025-07-02"), at, "2026-12-31")).toMatchObject({ code: "OUTSIDE_CONSENTED_PERIOD" });
    // Ongoing: up to and including the last day of validity.
    expect(checkDataAccess(grant, q("2026-12-01", "2027-01-01"), at, "2026-12-31").ok).toBe(true);
    expect(checkDataAccess(grant, q("2026-12-01", "2027-01-02"), at, "2026-12-31")).toMatchObject({ code: "OUTSIDE_CONSENTED_PERIOD" });
  });

  it("limits how much one call may ask for", () => {
    const long = { ...grant, dataFrom: "2015-01-01" };
    expect(checkDataAccess(long, q("2025-01-01", "2026-02-06"), at, "2026-12-31")).toMatchObject({ code: "PERIOD_TOO_LONG" });
    expect(checkDataAccess(long, q("2016-01-01", "2026-01-01", "P1M"), at, "2026-12-31").ok).toBe(true);
  });

  it("knows where an ongoing consent's data ends", () => {
    expect(consentedDataEnd({ dataTo: null }, "2026-12-31")).toBe("2027-01-01");
    expect(consentedDataEnd({ dataTo: "2025-07-01" }, "2026-12-31")).toBe("2025-07-01");
    expect(consentedDataEnd({ dataTo: null }, null)).toBeNull();
  });
});
