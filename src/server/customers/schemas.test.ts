import { describe, expect, it } from "vitest";
import { returnsEach } from "../../../tests/support/cases";
import { customerDetailsFormSchema, customerDetailsSchema, isValidPhone, isValidPostalCode, normalizePostalCode, type CustomerDetailsInput } from "./schemas";

const valid: CustomerDetailsInput = {
  email: "Anna@Example.se",
  phone: "070-123 45 67",
  invoiceCareOf: "",
  invoiceStreet: "Storgatan 1",
  invoicePostalCode: "11122",
  invoiceCity: "Stockholm",
  invoiceCountry: "SE",
  invoiceDelivery: "EINVOICE",
  invoiceEmail: "",
};

function errorsOf(input: unknown) {
  const r = customerDetailsSchema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of r.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("postal codes per country", () => {
  it.each([
    ["SE", "111 22", true],
    ["SE", "11122", true],
    ["SE", " 111 22 ", true],
    ["SE", "1112", false],
    ["SE", "111-22", false],
    ["SE", "11 122", false],
    ["SE", "111222", false],
    ["DK", "2100", true],
    ["DK", "21000", false],
    ["DK", "210", false],
    ["FI", "00100", true],
    ["FI", "0010", false],
    ["FI", "001 00", false],
    ["NO", "0150", false],
    ["SE", "abcde", false],
  ])("%s %j → %s", (country, code, ok) => {
    expect(isValidPostalCode(country, code)).toBe(ok);
  });

  it("stores Swedish codes as NNN NN and others as digits", () => {
    expect(normalizePostalCode("SE", "11122")).toBe("111 22");
    expect(normalizePostalCode("SE", "111 22")).toBe("111 22");
    expect(normalizePostalCode("DK", "2100")).toBe("2100");
    expect(normalizePostalCode("FI", "00100")).toBe("00100");
  });

  it("checks the postal code against the chosen invoice country", () => {
    expect(errorsOf({ ...valid, invoiceCountry: "DK", invoicePostalCode: "11122" })).toEqual({ invoicePostalCode: ["validation.postalCode"] });
    expect(errorsOf({ ...valid, invoiceCountry: "DK", invoicePostalCode: "2100" })).toEqual({});
    expect(errorsOf({ ...valid, invoiceCountry: "FI", invoicePostalCode: "00100" })).toEqual({});
    expect(errorsOf({ ...valid, invoicePostalCode: "" })).toMatchObject({ invoicePostalCode: ["validation.required"] });
  });
});

describe("phone numbers", () => {
  returnsEach(isValidPhone, [
    ["070-123 45 67", true],
    ["+46 70 123 45 67", true],
    ["+4670123456", true],
    ["1234567", true],
    ["123456", false], // 6 digits
    ["1234567890123456", false], // 16 digits
    ["123456789012345", true], // 15 digits
    ["46+70123456", false], // + only first
    ["(08) 123 456", false],
    ["070.123.45.67", false],
    ["070-123 45 67 ankn. 2", false],
    ["++46701234567", false],
    ["- - - - - - -", false],
  ]);

  it("is optional, and a bad one gets the phone message", () => {
    expect(errorsOf({ ...valid, phone: "" })).toEqual({});
    expect(errorsOf({ ...valid, phone: "12 34" })).toEqual({ phone: ["validation.phone"] });
  });
});

describe("customer details schema", () => {
  it("normalises the accepted input", () => {
    const parsed = customerDetailsSchema.parse(valid);
    expect(parsed).toEqual({
      email: "anna@example.se",
      phone: "070-123 45 67",
      invoiceCareOf: null,
      invoiceStreet: "Storgatan 1",
      invoicePostalCode: "111 22",
      invoiceCity: "Stockholm",
      invoiceCountry: "SE",
      invoiceDelivery: "EINVOICE",
      invoiceEmail: null,
    });
    // Its own output is valid input again (the server function re-validates what the action parsed).
    expect(customerDetailsSchema.parse(parsed)).toEqual(parsed);
  });

  it("requires an invoice e-mail address for e-mail delivery", () => {
    expect(errorsOf({ ...valid, invoiceDelivery: "EMAIL", invoiceEmail: "" })).toEqual({ invoiceEmail: ["validation.required"] });
    expect(errorsOf({ ...valid, invoiceDelivery: "EMAIL", invoiceEmail: "faktura@example.se" })).toEqual({});
    expect(errorsOf({ ...valid, invoiceDelivery: "PAPER", invoiceEmail: "" })).toEqual({});
  });

  it("rejects unknown delivery methods and countries, bad e-mail and missing address parts", () => {
    expect(errorsOf({ ...valid, invoiceDelivery: "FAX" })).toEqual({ invoiceDelivery: ["validation.choice"] });
    expect(errorsOf({ ...valid, invoiceCountry: "NO" })).toMatchObject({ invoiceCountry: ["validation.choice"] });
    expect(errorsOf({ ...valid, email: "not-an-address" })).toEqual({ email: ["validation.email"] });
    expect(errorsOf({ ...valid, invoiceStreet: "  ", invoiceCity: "" })).toEqual({
      invoiceStreet: ["validation.required"],
      invoiceCity: ["validation.required"],
    });
    expect(errorsOf({ ...valid, invoiceStreet: "x".repeat(101) })).toEqual({ invoiceStreet: ["validation.tooLong"] });
  });

  it("uses only translation keys that exist in the validation namespace", async () => {
    const sv = (await import("../../../messages/sv/validation.json")).default as Record<string, unknown>;
    const bad = customerDetailsFormSchema.safeParse({ phone: "x", email: "x", invoiceDelivery: "x", invoiceCountry: "x", invoicePostalCode: "x".repeat(11) });
    expect(bad.success).toBe(false);
    for (const issue of bad.error!.issues) {
      expect(issue.message).toMatch(/^validation\./);
      expect(sv[issue.message.slice("validation.".length)], issue.message).toBeTypeOf("string");
    }
  });
});
