import { describe, expect, it } from "vitest";
import { validateConsentRequest, type RuleFacts } from "./request-rules";

const match: NonNullable<RuleFacts["match"]> = { installationStatus: "ACTIVE", installationStartDate: "2020-01-01", installationEndDate: null, meterResolution: "PT1H" };
const request: RuleFacts["request"] = { resolution: "PT1H", dataFrom: "2024-01-01" };

describe("the utility's rules for a third party's request", () => {
  it("passes a request for a live installation of the named customer on to the customer", () => {
    expect(validateConsentRequest({ match, request })).toEqual({ decision: "validate" });
    expect(validateConsentRequest({ match, request: { ...request, dataFrom: "2020-01-01" } })).toEqual({ decision: "validate" });
  });

  it("rejects a customer and metering point that do not belong together", () => {
    expect(validateConsentRequest({ match: null, request })).toMatchObject({ decision: "reject", code: "CUSTOMER_INSTALLATION_MISMATCH" });
  });

  it("rejects quarter-hours from an hourly meter but allows them from a quarter-hour meter, and coarser values from either", () => {
    expect(validateConsentRequest({ match, request: { ...request, resolution: "PT15M" } })).toMatchObject({ decision: "reject", code: "RESOLUTION_NOT_AVAILABLE" });
    expect(validateConsentRequest({ match: { ...match, meterResolution: "PT15M" }, request: { ...request, resolution: "PT15M" } })).toEqual({ decision: "validate" });
    for (const resolution of ["PT1H", "P1D", "P1M"] as const) expect(validateConsentRequest({ match, request: { ...request, resolution } }).decision).toBe("validate");
  });

  it("asks staff when the installation has ended or the history reaches back before the customer's start", () => {
    expect(validateConsentRequest({ match: { ...match, installationStatus: "TERMINATED" }, request })).toMatchObject({ decision: "needsReview", code: "INSTALLATION_ENDED" });
    expect(validateConsentRequest({ match: { ...match, installationEndDate: "2026-01-31" }, request })).toMatchObject({ decision: "needsReview", code: "INSTALLATION_ENDED" });
    expect(validateConsentRequest({ match, request: { ...request, dataFrom: "2019-12-31" } })).toMatchObject({ decision: "needsReview", code: "HISTORY_BEFORE_CUSTOMER_START" });
  });
});
