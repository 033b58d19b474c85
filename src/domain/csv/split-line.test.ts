import { describe, expect, it } from "vitest";
import { splitCsvLine } from "./split-line";

describe("splitCsvLine", () => {
  it("splits on the separator and trims fields", () => {
    expect(splitCsvLine(" SE3 ; 2025-01-01T00:00Z ;12,5", ";")).toEqual(["SE3", "2025-01-01T00:00Z", "12,5"]);
  });
  it("keeps separators and doubled quotes inside quoted fields", () => {
    expect(splitCsvLine('"Kv. Björken, 4";"say ""hej""";x', ";")).toEqual(["Kv. Björken, 4", 'say "hej"', "x"]);
    expect(splitCsvLine('"a,b",c', ",")).toEqual(["a,b", "c"]);
  });
  it("gives an empty last field for a trailing separator", () => {
    expect(splitCsvLine("a;b;", ";")).toEqual(["a", "b", ""]);
  });
});
