import { describe, expect, it } from "vitest";
import { returnsEach } from "../../../tests/support/cases";
import { ProblemList, RunBuilder } from "./types";
import { decodeUtf8, finalizeRun, firstInvalidUtf8, isOnGrid, parseDecimal, parseInstant, parseQuantity, parseResolution } from "./validate";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeUtf8", () => {
  it("decodes UTF-8 and drops a byte order mark", () => {
    const r = decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("Malmö;1")]));
    expect(r).toEqual({ ok: true, text: "Malmö;1" });
  });

  it.each([
    ["an empty file", new Uint8Array(0), "EMPTY_FILE", "The file is empty.", undefined],
    ["only blanks", utf8(" \r\n\n "), "EMPTY_FILE", "The file is empty.", undefined],
    [
      "UTF-16 LE with BOM",
      Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x3b, 0x00]),
      "NOT_UTF8",
      "The file is not UTF-8 encoded (looks like UTF-16: it starts with a UTF-16 byte order mark). Save it as UTF-8 and import it again.",
      undefined,
    ],
    [
      "UTF-16 BE with BOM",
      Uint8Array.from([0xfe, 0xff, 0x00, 0x61]),
      "NOT_UTF8",
      "The file is not UTF-8 encoded (looks like UTF-16: it starts with a UTF-16 byte order mark). Save it as UTF-8 and import it again.",
      undefined,
    ],
    [
      "UTF-16 LE without BOM",
      Uint8Array.from([...utf8("metering_point;")].flatMap((b) => [b, 0])),
      "NOT_UTF8",
      "The file is not UTF-8 encoded (looks like UTF-16: every other byte is zero). Save it as UTF-8 and import it again.",
      undefined,
    ],
    [
      "Windows-1252 (ä as the single byte 0xE4 on line 3)",
      Uint8Array.from([...utf8("a;b\n1;2\nV"), 0xe4, ...utf8("xjö;3\n")]),
      "NOT_UTF8",
      'The file is not UTF-8 encoded (looks like Windows-1252: byte 0xE4, "ä" in Windows-1252 on line 3 is not valid UTF-8). Save it as UTF-8 and import it again.',
      3,
    ],
  ])("refuses %s", (_name, bytes, code, message, line) => {
    const r = decodeUtf8(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(r.problem.message).toBe(message);
      expect(r.problem.line).toBe(line);
    }
  });

  it("finds the first invalid UTF-8 byte", () => {
    expect(firstInvalidUtf8(utf8("åäö€😀"))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xc3))).toBe(1); // truncated sequence
    expect(firstInvalidUtf8(Uint8Array.of(0xc0, 0x80))).toBe(0); // overlong
    expect(firstInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(0); // surrogate
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0x80))).toBe(1); // lone continuation
  });
});

describe("parseInstant", () => {
  returnsEach(parseInstant, [
    ["2025-01-01T00:00:00Z", Date.UTC(2025, 0, 1)],
    ["2025-01-01T00:00Z", Date.UTC(2025, 0, 1)],
    ["2025-01-01T01:00:00+01:00", Date.UTC(2025, 0, 1)],
    ["2025-01-01T01:00:00+0100", Date.UTC(2025, 0, 1)],
    ["2025-01-01T01:00:00+01", Date.UTC(2025, 0, 1)],
    ["2024-12-31T19:00:00-05:00", Date.UTC(2025, 0, 1)],
    ["2025-01-01 00:00:00z", Date.UTC(2025, 0, 1)],
    ["2025-01-01T00:00:00.000Z", Date.UTC(2025, 0, 1)],
    ["2025-01-01T00:00:00.5Z", Date.UTC(2025, 0, 1) + 500],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["  2025-01-01T00:00:00Z ", Date.UTC(2025, 0, 1)],
  ], "%s");

  returnsEach(parseInstant, [
    ["2025-01-01T00:00:00", "no-offset"],
    ["2025-01-01T00:00", "no-offset"],
    ["2025-02-29T00:00:00Z", "invalid"],
    ["2025-13-01T00:00:00Z", "invalid"],
    ["2025-01-01T24:00:00Z", "invalid"],
    ["2025-01-01T00:60:00Z", "invalid"],
    ["2025-01-01", "invalid"],
    ["01.01.2025 00:00", "invalid"],
    ["2025-01-01T00:00:00Q", "invalid"],
    ["2025-01-01T00:00:00+1", "invalid"],
    ["2025-01-01T00:00:00Zx", "invalid"],
    ["", "invalid"],
  ], "%s → %s");

  it("reads a slice of a longer string", () => {
    const line = "x;2025-01-01T01:00:00+01:00;1";
    expect(parseInstant(line, 2, 27)).toBe(Date.UTC(2025, 0, 1));
  });
});

describe("parseDecimal", () => {
  returnsEach(parseDecimal, [
    ["0.123", 0.123],
    ["0,123", 0.123],
    ["-4,5", -4.5],
    ["+7", 7],
    ["12.", 12],
    [",5", 0.5],
    [" 3.25 ", 3.25],
    ["1234567.891", 1234567.891],
    ["0.000000000000000000001", 1e-21],
    ["12345678901234567890.5", 12345678901234567890.5],
  ], "%s → %s");

  it.each(["", " ", "abc", "1,2,3", "1.2.3", "1e3", "0x10", "−1", "1 000", "-", "NaN"])("%j is not a number", (text) => {
    expect(parseDecimal(text)).toBeNaN();
  });

  it("gives exactly what Number gives", () => {
    for (let i = 0; i < 20_000; i++) {
      const digits = String(Math.floor(Math.random() * 10 ** (1 + (i % 15))));
      const at = Math.floor(Math.random() * digits.length);
      const text = `${digits.slice(0, at) || "0"}.${digits.slice(at)}`;
      expect(parseDecimal(text)).toBe(Number(text));
    }
  });
});

describe("grid, resolution and quantity", () => {
  it("checks interval starts against the resolution's grid", () => {
    const base = Date.UTC(2025, 0, 1, 10);
    expect(isOnGrid(base, "PT1H")).toBe(true);
    expect(isOnGrid(base + 30 * 60_000, "PT1H")).toBe(false);
    expect(isOnGrid(base + 45 * 60_000, "PT15M")).toBe(true);
    expect(isOnGrid(base + 7 * 60_000, "PT15M")).toBe(false);
    expect(isOnGrid(base + 1000, "PT15M")).toBe(false);
  });

  it("knows the resolutions and quantities", () => {
    expect(parseResolution("pt1h")).toBe("PT1H");
    expect(parseResolution("PT30M")).toBeNull();
    expect(parseQuantity("energy_kwh")).toBe("ENERGY_KWH");
    expect(parseQuantity("ENERGY")).toBeNull();
  });
});

describe("finalizeRun", () => {
  const locate = (line: number) => ({ line });
  it("sorts by time, drops exact repeats and rejects conflicting repeats", () => {
    const b = new RunBuilder("k", { kind: "area", areaCode: "SE3" }, "OUTDOOR_TEMP_C", "PT1H", 2);
    const h = (n: number) => Date.UTC(2025, 0, 1, n);
    b.push(h(2), 3, 0, 2);
    b.push(h(0), 1, 0, 3);
    b.push(h(1), 2, 0, 4);
    b.push(h(0), 1, 0, 5); // exact repeat of line 3
    b.push(h(1), 2.5, 0, 6); // conflicts with line 4
    const problems = new ProblemList();
    const { run, rejected } = finalizeRun(b, problems, locate, "DUPLICATE_TIMESTAMP");
    expect(Array.from(run.times)).toEqual([h(0), h(2)]);
    expect(Array.from(run.values)).toEqual([1, 3]);
    expect(rejected).toBe(2);
    expect(problems.items).toEqual([
      {
        code: "DUPLICATE_TIMESTAMP",
        message: "The interval starting 2025-01-01T01:00:00Z is given more than once with different values: 2.5 here and 2 at line 4.",
        params: { instant: "2025-01-01T01:00:00Z", value: "2.5", otherValue: "2", otherLocation: "line 4" },
        line: 6,
        values: 1,
        related: { line: 4 },
      },
    ]);
  });
});
