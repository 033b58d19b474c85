import { describe, expect, it } from "vitest";
import { makeMeteringPointId } from "@/domain/identity";
import { intervalsInLocalDay, localMidnightUtc } from "@/domain/time/zoned";
import { parseMeterCsv } from "./csv-format";
import { parseMeterFile } from "./parse-meter-file";
import type { ParsedMeterFile, Problem } from "./types";

const GSRN = makeMeteringPointId("73599910000000001");
const GSRN2 = makeMeteringPointId("73599910000000002");
const BAD_CHECK = `${GSRN.slice(0, 17)}${(Number(GSRN[17]) + 1) % 10}`;
const HEADER = "metering_point;quantity;resolution;start;value;quality";

const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
const only = (parsed: ParsedMeterFile) => {
  expect(parsed.runs).toHaveLength(1);
  return parsed.runs[0]!;
};

describe("CSV: valid files", () => {
  it("reads a semicolon file with decimal commas, a BOM, CRLF line ends and every quality", () => {
    const text =
      "\ufeff" +
      [
        HEADER,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T01:00:00+01:00;1,25;measured`,
        `${GSRN};ENERGY_KWH;PT1H;2024-12-31T23:00:00Z;0,75;estimated`, // an hour earlier, out of order
        `${GSRN};energy_kwh;pt1h;2025-01-01T01:00:00Z;2;CORRECTED`,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T02:00:00Z;3.5;`,
        "",
      ].join("\r\n");
    const parsed = parseMeterCsv(text);
    expect(parsed.problems.total).toBe(0);
    expect(parsed.valuesReceived).toBe(4);
    expect(parsed.valuesRejected).toBe(0);
    const run = only(parsed);
    expect(run.target).toEqual({ kind: "meteringPoint", meteringPointId: GSRN });
    expect(run.quantity).toBe("ENERGY_KWH");
    expect(run.resolution).toBe("PT1H");
    expect(Array.from(run.times)).toEqual([0, 1, 2, 3].map((h) => Date.UTC(2024, 11, 31, 23 + h)));
    expect(Array.from(run.values)).toEqual([0.75, 1.25, 2, 3.5]);
    expect(Array.from(run.quality)).toEqual([1, 0, 2, 0]);
    expect(Array.from(run.refA)).toEqual([3, 2, 4, 5]);
  });

  it("reads a comma-separated file with quoted decimal commas and columns in another order", () => {
    const text = [
      "start,value,metering_point,quantity,resolution",
      `2025-01-01T00:00:00Z,"0,5",${GSRN},POWER_KW,PT15M`,
      `2025-01-01T00:15:00Z,0.25,${GSRN},POWER_KW,PT15M`,
    ].join("\n");
    const parsed = parseMeterCsv(text);
    expect(parsed.problems.items).toEqual([]);
    expect(Array.from(only(parsed).values)).toEqual([0.5, 0.25]);
  });

  it("keeps series apart: metering points, quantities, resolutions and areas", () => {
    const parsed = parseMeterCsv(
      csv(
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`,
        `${GSRN};VOLUME_M3;PT1H;2025-01-01T00:00:00Z;0.1;measured`,
        `${GSRN2};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;2;measured`,
        `area:se3;OUTDOOR_TEMP_C;PT1H;2025-01-01T00:00:00Z;-12,5;measured`,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T01:00:00Z;1.5;measured`,
        `${GSRN.slice(0, 6)} ${GSRN.slice(6, 10)} ${GSRN.slice(10, 14)} ${GSRN.slice(14)};ENERGY_KWH;PT1H;2025-01-01T02:00:00Z;1.75;measured`,
      ),
    );
    expect(parsed.problems.total).toBe(0);
    const keys = parsed.runs.map((r) => `${r.key}:${r.length}`);
    expect(keys).toEqual([`${GSRN}|ENERGY_KWH|PT1H:3`, `${GSRN}|VOLUME_M3|PT1H:1`, `${GSRN2}|ENERGY_KWH|PT1H:1`, "area:SE3|OUTDOOR_TEMP_C|PT1H:1"]);
    expect(parsed.runs[3]!.target).toEqual({ kind: "area", areaCode: "SE3" });
    expect(parsed.runs[3]!.values[0]).toBe(-12.5);
  });

  it("imports a Stockholm autumn daylight-saving day in full: 25 hourly values", () => {
    // 26 Oct 2025: 02:00–03:00 local time happens twice (+02:00, then +01:00).
    const start = localMidnightUtc("2025-10-26", "Europe/Stockholm").getTime();
    expect(intervalsInLocalDay("2025-10-26", "Europe/Stockholm", "PT1H")).toBe(25);
    const offsets = (i: number) => (i <= 2 ? 2 : 1); // intervals 0–2 are in summer time
    const lines = Array.from({ length: 25 }, (_, i) => {
      const t = new Date(start + i * 3_600_000 + offsets(i) * 3_600_000);
      const local = t.toISOString().slice(0, 19);
      return `${GSRN};ENERGY_KWH;PT1H;${local}+0${offsets(i)}:00;${i + 1};measured`;
    });
    expect(lines[2]).toContain("2025-10-26T02:00:00+02:00");
    expect(lines[3]).toContain("2025-10-26T02:00:00+01:00");
    const parsed = parseMeterCsv(csv(...lines));
    expect(parsed.problems.items).toEqual([]);
    const run = only(parsed);
    expect(run.length).toBe(25);
    expect(run.times[0]).toBe(start);
    expect(run.times[24]).toBe(start + 24 * 3_600_000);
  });
});

type Case = [name: string, line: string, problem: Partial<Problem>];

describe("CSV: bad lines", () => {
  const cases: Case[] = [
    [
      "a wrong check digit",
      `${BAD_CHECK};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`,
      { code: "INVALID_METERING_POINT", message: `Metering point ${BAD_CHECK} has a wrong check digit.`, line: 2, field: "metering_point" },
    ],
    [
      "a short metering point",
      `735999;ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`,
      { code: "INVALID_METERING_POINT", message: '"735999" is not a metering point: expected an 18-digit GSRN or area:<code>.', line: 2 },
    ],
    [
      "an area without code",
      `area:;OUTDOOR_TEMP_C;PT1H;2025-01-01T00:00:00Z;1;measured`,
      { code: "INVALID_AREA", message: '"area:" is not an area series: write area:<code>, for example area:SE3.', line: 2 },
    ],
    [
      "an unknown quantity",
      `${GSRN};ENERGY;PT1H;2025-01-01T00:00:00Z;1;measured`,
      {
        code: "UNKNOWN_QUANTITY",
        message: 'Unknown quantity "ENERGY": expected one of ENERGY_KWH, VOLUME_M3, SUPPLY_TEMP_C, RETURN_TEMP_C, FLOW_M3H, POWER_KW, OUTDOOR_TEMP_C.',
        line: 2,
        field: "quantity",
      },
    ],
    [
      "a wrong resolution",
      `${GSRN};ENERGY_KWH;PT30M;2025-01-01T00:00:00Z;1;measured`,
      { code: "WRONG_RESOLUTION", message: 'Resolution "PT30M" is not supported: use PT15M (15 minutes) or PT1H (one hour).', line: 2, field: "resolution" },
    ],
    [
      "a quarter-hour start at 10:07",
      `${GSRN};ENERGY_KWH;PT15M;2025-01-01T10:07:00Z;1;measured`,
      { code: "OFF_GRID", message: '"2025-01-01T10:07:00Z" is not on the 15-minute grid: PT15M intervals start at :00, :15, :30 or :45.', line: 2, field: "start" },
    ],
    [
      "an hourly start at :30",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:30:00+01:00;1;measured`,
      { code: "OFF_GRID", message: '"2025-01-01T10:30:00+01:00" is not on the hourly grid: PT1H intervals start on the whole hour.', line: 2 },
    ],
    [
      "a start without offset",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:00:00;1;measured`,
      {
        code: "TIMESTAMP_WITHOUT_OFFSET",
        message: '"2025-01-01T10:00:00" has no UTC offset: add Z or an offset such as +01:00 (local times are ambiguous on daylight-saving days).',
        line: 2,
      },
    ],
    [
      "a start that is not a date",
      `${GSRN};ENERGY_KWH;PT1H;01.01.2025 10:00;1;measured`,
      {
        code: "INVALID_TIMESTAMP",
        message: '"01.01.2025 10:00" is not an ISO-8601 instant such as 2025-01-01T00:00:00Z or 2025-01-01T01:00:00+01:00.',
        line: 2,
      },
    ],
    [
      "a non-numeric value",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:00:00Z;1,2 kWh;measured`,
      { code: "NOT_A_NUMBER", message: '"1,2 kWh" is not a number: use digits with . or , as the decimal mark.', line: 2, field: "value" },
    ],
    [
      "an empty value",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:00:00Z;;measured`,
      { code: "NOT_A_NUMBER", message: '"" is not a number: use digits with . or , as the decimal mark.', line: 2 },
    ],
    [
      "negative energy",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:00:00Z;-0,5;measured`,
      { code: "NEGATIVE_VALUE", message: "Negative value -0,5 for ENERGY_KWH: energy and volume cannot be negative.", line: 2, field: "value" },
    ],
    [
      "negative volume",
      `${GSRN};VOLUME_M3;PT1H;2025-01-01T10:00:00Z;-1;measured`,
      { code: "NEGATIVE_VALUE", message: "Negative value -1 for VOLUME_M3: energy and volume cannot be negative.", line: 2 },
    ],
    [
      "an unknown quality",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:00:00Z;1;good`,
      {
        code: "UNKNOWN_QUALITY",
        message: 'Unknown quality "good": use measured, estimated or corrected (or leave it empty for measured).',
        line: 2,
        field: "quality",
      },
    ],
    [
      "too many fields (an unquoted decimal comma)",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T10:00:00Z;1;measured;x`,
      { code: "WRONG_FIELD_COUNT", message: "The line has 7 fields but the header has 6.", line: 2 },
    ],
  ];

  it.each(cases)("%s", (_name, line, expected) => {
    const parsed = parseMeterCsv(csv(line));
    expect(parsed.problems.items).toHaveLength(1);
    expect(parsed.problems.items[0]).toMatchObject(expected);
    expect(parsed.valuesReceived).toBe(1);
    expect(parsed.valuesRejected).toBe(1);
    expect(parsed.runs).toEqual([]);
  });

  it("allows negative temperatures, flows and power", () => {
    const parsed = parseMeterCsv(
      csv(
        `${GSRN};SUPPLY_TEMP_C;PT1H;2025-01-01T10:00:00Z;-1;measured`,
        `${GSRN};RETURN_TEMP_C;PT1H;2025-01-01T10:00:00Z;-1;measured`,
        `${GSRN};FLOW_M3H;PT1H;2025-01-01T10:00:00Z;-1;measured`,
        `${GSRN};POWER_KW;PT1H;2025-01-01T10:00:00Z;-1;measured`,
        `area:SE1;OUTDOOR_TEMP_C;PT1H;2025-01-01T10:00:00Z;-31,4;measured`,
      ),
    );
    expect(parsed.problems.total).toBe(0);
    expect(parsed.runs).toHaveLength(5);
  });

  it("explains a decimal comma in a comma-separated file", () => {
    const parsed = parseMeterCsv(["metering_point,quantity,resolution,start,value", `${GSRN},ENERGY_KWH,PT1H,2025-01-01T00:00:00Z,0,5`].join("\n"));
    expect(parsed.problems.items[0]).toMatchObject({
      code: "WRONG_FIELD_COUNT",
      message: 'The line has 6 fields but the header has 5. A value with a decimal comma in a comma-separated file must be quoted ("0,5").',
      line: 2,
    });
  });

  it("reports a series-level problem once, with the number of values it kept out", () => {
    const lines = Array.from({ length: 24 }, (_, h) => `${GSRN};ENERGY_KWH;PT30M;2025-01-01T${String(h).padStart(2, "0")}:00:00Z;1;measured`);
    const parsed = parseMeterCsv(csv(`${GSRN2};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`, ...lines));
    expect(parsed.problems.items).toEqual([
      {
        code: "WRONG_RESOLUTION",
        message: 'Resolution "PT30M" is not supported: use PT15M (15 minutes) or PT1H (one hour).',
        params: { value: "PT30M" },
        field: "resolution",
        line: 3,
        values: 24,
      },
    ]);
    expect(parsed.valuesReceived).toBe(25);
    expect(parsed.valuesRejected).toBe(24);
    expect(only(parsed).key).toBe(`${GSRN2}|ENERGY_KWH|PT1H`);
  });

  it("reports every bad field of a line and keeps the good lines", () => {
    const parsed = parseMeterCsv(
      csv(
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T01:07:00Z;x;measured`,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T02:00:00Z;2;measured`,
      ),
    );
    expect(parsed.problems.items.map((p) => [p.code, p.line])).toEqual([
      ["OFF_GRID", 3],
      ["NOT_A_NUMBER", 3],
    ]);
    expect(parsed.valuesRejected).toBe(1);
    expect(Array.from(only(parsed).values)).toEqual([1, 2]);
  });

  it("rejects both values of an interval given twice with different values", () => {
    const parsed = parseMeterCsv(
      csv(
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T01:00:00+01:00;1;measured`, // the same interval and value: harmless
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T01:00:00Z;2;measured`,
        `${GSRN};ENERGY_KWH;PT1H;2025-01-01T01:00:00Z;2;estimated`,
      ),
    );
    expect(parsed.problems.items).toEqual([
      expect.objectContaining({
        code: "DUPLICATE_TIMESTAMP",
        message: "The interval starting 2025-01-01T01:00:00Z is given more than once with different values: 2 (estimated) here and 2 (measured) at line 4.",
        line: 5,
      }),
    ]);
    expect(parsed.valuesReceived).toBe(4);
    expect(parsed.valuesRejected).toBe(2);
    expect(Array.from(only(parsed).values)).toEqual([1]);
  });
});

describe("CSV: bad files", () => {
  it.each<[string, string, Partial<Problem>[]]>([
    [
      "no header row",
      `${GSRN};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;1;measured`,
      [
        {
          code: "MISSING_HEADER",
          message: "The first line must be the header row metering_point;quantity;resolution;start;value;quality, but it holds data.",
          line: 1,
        },
      ],
    ],
    [
      "a missing column",
      "metering_point;quantity;start;value\n1;2;3;4",
      [
        {
          code: "MISSING_COLUMN",
          message: "The header row lacks the column resolution; the columns are metering_point;quantity;resolution;start;value;quality.",
          line: 1,
        },
      ],
    ],
    [
      "a misspelt column",
      "metering_point;quantity;resolution;start;value;qualty",
      [
        {
          code: "UNKNOWN_COLUMN",
          message: 'Unknown column "qualty" in the header row; the columns are metering_point;quantity;resolution;start;value;quality.',
          field: "qualty",
        },
      ],
    ],
    ["a repeated column", `${HEADER};value`, [{ code: "DUPLICATE_COLUMN", message: 'The column "value" appears twice in the header row.' }]],
    ["a header without values", `${HEADER}\n\n`, [{ code: "EMPTY_FILE", message: "The file has a header row but no values.", line: 1 }]],
  ])("%s", (_name, text, expected) => {
    const parsed = parseMeterCsv(text);
    expect(parsed.problems.items).toMatchObject(expected);
    expect(parsed.runs).toEqual([]);
  });

  it("refuses a Windows-1252 file before reading it", () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(`${HEADER}\narea:SE3;OUTDOOR_TEMP_C;PT1H;2025-01-01T00:00:00Z;1;m`), 0xe4, 0x0a]);
    const parsed = parseMeterFile(bytes, { fileName: "värden.csv" });
    expect(parsed.format).toBe("CSV");
    expect(parsed.problems.items).toMatchObject([{ code: "NOT_UTF8", line: 2 }]);
    expect(parsed.problems.items[0]!.message).toMatch(/^The file is not UTF-8 encoded \(looks like Windows-1252: byte 0xE4/);
  });

  it("keeps the first problems of a very bad file and counts the rest", () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `${GSRN};ENERGY_KWH;PT1H;2025-01-01T00:00:00Z;x${i};measured`);
    const parsed = parseMeterFile(new TextEncoder().encode(csv(...lines)));
    expect(parsed.problems.total).toBe(1500);
    const report = parsed.problems.report();
    expect(report).toHaveLength(1001);
    expect(report[1000]).toEqual({
      code: "TOO_MANY_PROBLEMS",
      message: "500 more problems not listed; the first 1000 are shown.",
      params: { more: 500, shown: 1000 },
    });
  });
});
