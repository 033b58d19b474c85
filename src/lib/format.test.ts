import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "./format";

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatting for the user's language", () => {
  it("shows Swedish kronor with a decimal comma and space grouping", () => {
    expect(nbsp(formatMoney(123456, "SEK", "sv"))).toBe("1 234,56 kr");
  });
  it("shows English amounts with a decimal point", () => {
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
  });
  it("keeps every öre of large and negative amounts exact", () => {
    expect(nbsp(formatMoney(-900719925474099n, "SEK", "sv"))).toBe("−9 007 199 254 740,99 kr");
  });
  it("shows calendar dates without shifting them across time zones", () => {
    expect(formatDate("2026-03-29", "sv")).toBe("2026-03-29");
    expect(formatDate("2026-03-29", "en")).toBe("29/03/2026");
  });
  it("shows instants in the installation's time zone", () => {
    expect(nbsp(formatDateTime(new Date("2026-07-01T10:00:00Z"), "sv", "Europe/Helsinki"))).toBe("2026-07-01 13:00");
  });
});
