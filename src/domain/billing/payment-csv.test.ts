import { describe, expect, it } from "vitest";
import { parseAmountMinor, parsePaymentCsv } from "./payment-csv";

describe("parseAmountMinor", () => {
  it.each([
    ["1234,50", 123_450],
    ["1234.5", 123_450],
    ["0.01", 1],
    ["790", 79_000],
  ])("%s → %i", (text, minor) => expect(parseAmountMinor(text)).toBe(minor));

  it.each(["0", "0,00", "-5", "12,345", "1 234,50", "1.234,50", "1e3", ""])("refuses %s", (text) => expect(parseAmountMinor(text)).toBeNull());
});

describe("parsePaymentCsv", () => {
  it("reads payments with references as printed", () => {
    const parsed = parsePaymentCsv("paid_on;reference;currency;amount\n2026-12-20;1000 0000 0123;sek;985,30\n2026-12-21;+71<000020000000421+12345678<;DKK;100\n");
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { reference: "100000000123", amountMinor: 98_530, currency: "SEK", paidOn: "2026-12-20", line: 2 },
      { reference: "+71<000020000000421+12345678<", amountMinor: 10_000, currency: "DKK", paidOn: "2026-12-21", line: 3 },
    ]);
  });

  it("reports every malformed line", () => {
    const parsed = parsePaymentCsv("reference;amount;currency;paid_on\n;10;SEK;2026-12-01\n1;10;SEK\n");
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([
      [2, "NO_REFERENCE"],
      [3, "FIELD_COUNT"],
    ]);
    expect(parsePaymentCsv("ref;amount\n").problems[0]!.message).toBe("The header must be reference;amount;currency;paid_on (any order); missing reference, currency, paid_on; unknown ref.");
  });
});
