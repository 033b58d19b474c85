import { describe, expect, it } from "vitest";
import { splitCsvLine } from "./split-line";
import { csvNumber, csvRow, csvText, neutraliseFormula } from "./write-csv";

describe("neutraliseFormula", () => {
  it.each(["=HYPERLINK(\"http://x\")", "+46 70 123", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1"])("puts a quote before %j so a spreadsheet shows it as text", (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it("leaves ordinary text alone, also with a formula character later on", () => {
    for (const text of ["Kv. Björken 4", "Villan – el", "a=b", "Brf Solgläntan + garage", "2025-10-26T02:00+02:00", "", " =1"]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});

describe("csvText", () => {
  it("neutralises first and then quotes, so the quote is inside the field", () => {
    expect(csvText('=HYPERLINK("http://x")', ";")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(splitCsvLine(csvText('=HYPERLINK("http://x";"klicka")', ";"), ";")).toEqual([`'=HYPERLINK("http://x";"klicka")`]);
  });

  it("quotes a field with the separator, a quote or a line break and nothing else", () => {
    expect(csvText("Start, UTC", ",")).toBe('"Start, UTC"');
    expect(csvText("Start, UTC", ";")).toBe("Start, UTC");
    expect(csvText("rad 1\nrad 2", ";")).toBe('"rad 1\nrad 2"');
  });
});

describe("csvNumber and numeric cells", () => {
  it("writes up to three decimals without grouping, with the decimal separator asked for", () => {
    expect(csvNumber(1234.5, "comma")).toBe("1234,5");
    expect(csvNumber(1234.5, "point")).toBe("1234.5");
    expect(csvNumber(0.00049)).toBe("0");
    expect(csvNumber(-0.0001)).toBe("0");
    expect(csvNumber(24)).toBe("24");
    expect(csvNumber(1.23456, "point", 2)).toBe("1.23");
  });

  it("keeps a negative number a number: it is not neutralised like text", () => {
    expect(csvRow([-1.5, "-1,5"], { separator: ";", decimal: "comma" })).toBe("-1,5;'-1,5");
    expect(csvRow([-2, 3], { separator: ",", decimal: "point" })).toBe("-2,3");
  });

  it("quotes a number whose decimal comma is also the field separator", () => {
    expect(csvRow([1.5], { separator: ",", decimal: "comma" })).toBe('"1,5"');
  });
});

describe("csvRow", () => {
  it("writes text, numbers and empty cells joined by the separator", () => {
    expect(csvRow(["Garaget – el", "735999100000000011", 1.25, null, undefined, "kWh", 24], { separator: ";", decimal: "comma" })).toBe(
      "Garaget – el;735999100000000011;1,25;;;kWh;24",
    );
  });

  it("neutralises every text cell of a row, the header included", () => {
    expect(csvRow(["@admin", "=1+1", "Anläggning"], { separator: "," })).toBe("'@admin,'=1+1,Anläggning");
  });
});
