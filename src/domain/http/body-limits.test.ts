import { describe, expect, it } from "vitest";
import { MAX_IMPORT_FILE_BYTES } from "../metering/types";
import { BODY_LIMITS, bodyTooLargeAnswer, declaredBodyLength, describeBytes, LARGEST_BODY_LIMIT } from "./body-limits";

describe("request body limits", () => {
  it("are a few KB for tokens, tens of KB for consent requests, and the import limit for uploads", () => {
    expect(BODY_LIMITS.token).toBeLessThanOrEqual(8 * 1024);
    expect(BODY_LIMITS.consentRequest).toBeGreaterThanOrEqual(10 * 1024);
    expect(BODY_LIMITS.consentRequest).toBeLessThan(100 * 1024);
    expect(BODY_LIMITS.meterImportUpload).toBeGreaterThan(MAX_IMPORT_FILE_BYTES);
    expect(LARGEST_BODY_LIMIT).toBe(BODY_LIMITS.meterImportUpload);
  });

  it("read a declared Content-Length, and count a malformed one as too long", () => {
    expect(declaredBodyLength(undefined)).toBeNull();
    expect(declaredBodyLength(null)).toBeNull();
    expect(declaredBodyLength("1234")).toBe(1234);
    expect(declaredBodyLength(["12"])).toBe(12);
    expect(declaredBodyLength("-1")).toBe(Number.POSITIVE_INFINITY);
    expect(declaredBodyLength("1e9")).toBe(Number.POSITIVE_INFINITY);
  });

  it("name the limit in the 413 answer, as problem details under /api/v1 and the portal's shape elsewhere", () => {
    expect(describeBytes(4096)).toBe("4 KB");
    expect(describeBytes(BODY_LIMITS.meterImportUpload)).toBe("50 MB");
    const api = bodyTooLargeAnswer("/api/v1/oauth/token", 4096);
    expect(api.contentType).toBe("application/problem+json");
    expect(JSON.parse(api.body)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", detail: expect.stringContaining("4 KB") });
    expect(JSON.parse(bodyTooLargeAnswer("/api/auth/callback/customer", 4096).body)).toEqual({ error: "PAYLOAD_TOO_LARGE" });
    expect(bodyTooLargeAnswer("/api/v10", 1).contentType).toBe("application/json");
  });
});
