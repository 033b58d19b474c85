import { describe, expect, it } from "vitest";
import {
  formatInvoiceNumber,
  invoiceNumberBounds,
  isValidPaymentReference,
  nextInvoiceNumbers,
  normalizePaymentReference,
  parseInvoiceNumber,
  paymentReferenceFor,
} from "./invoice-number";
import { isValidDanishFik71, isValidFinnishReference, isValidSwedishOcrWithLength } from "./payment-references";

describe("invoice numbers", () => {
  it("are a market digit and a 9-digit serial", () => {
    expect(formatInvoiceNumber("SE", 42)).toBe("1000000042");
    expect(formatInvoiceNumber("DK", 1)).toBe("2000000001");
    expect(formatInvoiceNumber("FI", 999_999_999)).toBe("3999999999");
    expect(parseInvoiceNumber("3000012345")).toEqual({ market: "FI", serial: 12_345 });
    expect(parseInvoiceNumber("F-123")).toBeNull();
    expect(parseInvoiceNumber("9000000001")).toBeNull();
    expect(parseInvoiceNumber("1000000000")).toBeNull();
    expect(invoiceNumberBounds("SE")).toEqual({ first: "1000000001", last: "1999999999" });
  });

  it("continue the series and refuse bad serials", () => {
    expect(nextInvoiceNumbers("SE", 0, 3)).toEqual(["1000000001", "1000000002", "1000000003"]);
    expect(nextInvoiceNumbers("DK", 41, 1)).toEqual(["2000000042"]);
    expect(() => formatInvoiceNumber("SE", 0)).toThrow("Invoice serial must be a whole number 1–999999999, got 0");
    expect(() => nextInvoiceNumbers("FI", 999_999_999, 1)).toThrow("The FI invoice number series is exhausted");
  });
});

describe("payment references from invoice numbers", () => {
  it("gives a Swedish OCR with length digit", () => {
    // Base 1000000042, length 12 → length digit 2; Luhn over 10000000422: 2·2 + 2 + 4·2 + 1·2 = 16 → 4.
    const ocr = paymentReferenceFor("SE", "1000000042");
    expect(ocr).toBe("100000004224");
    expect(ocr).toHaveLength(12);
    expect(isValidSwedishOcrWithLength(ocr)).toBe(true);
    expect(isValidPaymentReference("SE", ocr)).toBe(true);
    expect(isValidPaymentReference("SE", "100000004227")).toBe(false);
  });

  it("gives a Finnish national reference", () => {
    // Weights 7, 3, 1 from the right over 3000000042: 2·7 + 4·3 + 3·7 (tenth digit) = 47 → 10 − 7 = 3.
    const ref = paymentReferenceFor("FI", "3000000042");
    expect(ref).toBe("30000000423");
    expect(isValidFinnishReference(ref)).toBe(true);
    expect(isValidPaymentReference("FI", ref)).toBe(true);
  });

  it("gives a Danish FI-kort +71 payment id of 15 digits", () => {
    const id = paymentReferenceFor("DK", "2000000042");
    expect(id).toHaveLength(15);
    expect(id.startsWith("00002000000042")).toBe(true);
    expect(isValidDanishFik71(id)).toBe(true);
  });

  it("refuses a number of another market or format", () => {
    expect(() => paymentReferenceFor("FI", "1000000042")).toThrow("Invoice number 1000000042 belongs to market SE, not FI");
    expect(() => paymentReferenceFor("SE", "12345")).toThrow("Not an invoice number of ours");
  });

  it("normalizes references as banks and people write them", () => {
    expect(normalizePaymentReference(" 3000 00004 22 ")).toBe("30000000422");
    expect(normalizePaymentReference("rf71 2348 231")).toBe("RF712348231");
    expect(normalizePaymentReference("+71<000020000000421+12345678<")).toBe("000020000000421");
    expect(normalizePaymentReference("20000000421", "DKK")).toBe("000020000000421");
    expect(normalizePaymentReference("20000000421", "SEK")).toBe("20000000421");
  });

  it("reads a Finnish reference as bank statements write it: zero-padded to 20 digits, or as RF", () => {
    const reference = paymentReferenceFor("FI", "3000000042");
    expect(reference).toBe("30000000423");
    expect(normalizePaymentReference("00000000030000000423", "EUR")).toBe(reference);
    expect(normalizePaymentReference("0000 0000 0300 0000 0423", "EUR")).toBe(reference);
    // The RF creditor reference built on the national one, in print groups, lower case, padded.
    expect(normalizePaymentReference("RF37 3000 0000 423", "EUR")).toBe(reference);
    expect(normalizePaymentReference("rf37 3000 0000 423", "EUR")).toBe(reference);
    expect(normalizePaymentReference("RF37 0000 0000 0030 0000 0042 3", "EUR")).toBe(reference);
    // Not a Finnish reference once unpadded (wrong check digit, bad RF check): left as written.
    expect(normalizePaymentReference("00000000030000000424", "EUR")).toBe("00000000030000000424");
    expect(normalizePaymentReference("RF38 3000 0000 423", "EUR")).toBe("RF3830000000423");
    // Other currencies keep their zeros (a Danish payment id is padded, not unpadded).
    expect(normalizePaymentReference("00000000030000000423", "SEK")).toBe("00000000030000000423");
  });
});
