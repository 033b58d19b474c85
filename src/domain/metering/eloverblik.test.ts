import { describe, expect, it } from "vitest";
import { makeMeteringPointId } from "@/domain/identity";
import { localMidnightUtc } from "@/domain/time/zoned";
import { parseEloverblik } from "./eloverblik";
import { detectFormat, parseMeterFile } from "./parse-meter-file";
import type { Problem } from "./types";

const GSRN = makeMeteringPointId("57131310000000001");
const GSRN2 = makeMeteringPointId("57131310000000002");

type Point = { position: string; "out_Quantity.quantity"?: string; "out_Quantity.quality"?: string };
type Period = { resolution: string; timeInterval: { start: string; end: string }; Point: Point[] };

const points = (n: number, value = (i: number) => ((i + 1) / 10).toFixed(3), quality = "A04"): Point[] =>
  Array.from({ length: n }, (_, i) => ({ position: String(i + 1), "out_Quantity.quantity": value(i), "out_Quantity.quality": quality }));

const period = (start: string, end: string, pts: Point[], resolution = "PT1H"): Period => ({ resolution, timeInterval: { start, end }, Point: pts });

function document(series: { mRID: string; unit?: string; businessType?: string | null; periods: Period[] }[]) {
  return {
    result: [
      {
        MyEnergyData_MarketDocument: {
          mRID: "e3b0c442",
          createdDateTime: "2025-02-01T08:00:00Z",
          "period.timeInterval": { start: "2024-12-31T23:00:00Z", end: "2025-01-02T23:00:00Z" },
          TimeSeries: series.map((s) => ({
            mRID: s.mRID,
            ...(s.businessType === null ? {} : { businessType: s.businessType ?? "A04" }),
            curveType: "A01",
            "measurement_Unit.name": s.unit ?? "KWH",
            MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: s.mRID } },
            Period: s.periods,
          })),
        },
        success: true,
        errorCode: 10000,
        errorText: "NoError",
        id: series[0]?.mRID ?? "",
        stackTraceText: null,
      },
    ],
  };
}

const day1 = period("2024-12-31T23:00:00Z", "2025-01-01T23:00:00Z", points(24));
const parse = (doc: unknown) => parseEloverblik(JSON.stringify(doc));

describe("Eloverblik: valid documents", () => {
  it("reads hourly periods of several series with their qualities", () => {
    const day2 = period(
      "2025-01-01T23:00:00Z",
      "2025-01-02T23:00:00Z",
      points(24).map((p, i) => ({ ...p, "out_Quantity.quality": ["A04", "A03", "A01", "A05", "A06", "E01"][i % 6] })),
    );
    const parsed = parse(document([{ mRID: GSRN, periods: [day1, day2] }, { mRID: GSRN2, periods: [day1] }]));
    expect(parsed.format).toBe("ELOVERBLIK_JSON");
    expect(parsed.problems.items).toEqual([]);
    expect(parsed.valuesReceived).toBe(72);
    expect(parsed.runs.map((r) => [r.key, r.length])).toEqual([
      [`${GSRN}|ENERGY_KWH|PT1H`, 48],
      [`${GSRN2}|ENERGY_KWH|PT1H`, 24],
    ]);
    const run = parsed.runs[0]!;
    expect(run.times[0]).toBe(Date.UTC(2024, 11, 31, 23));
    expect(run.times[47]).toBe(Date.UTC(2025, 0, 2, 22));
    expect(run.values[0]).toBe(0.1);
    expect(Array.from(run.quality.subarray(24, 30))).toEqual([0, 1, 2, 1, 1, 2]);
    expect(parsed.locate(run.refA[30]!, run.refB[30]!)).toEqual({ series: 1, period: 2, position: 7 });
  });

  it("reads quarter-hours", () => {
    const parsed = parse(document([{ mRID: GSRN, periods: [period("2025-10-01T22:00:00Z", "2025-10-02T22:00:00Z", points(96), "PT15M")] }]));
    expect(parsed.problems.items).toEqual([]);
    expect(parsed.runs[0]!.resolution).toBe("PT15M");
    expect(parsed.runs[0]!.times[1]! - parsed.runs[0]!.times[0]!).toBe(15 * 60_000);
  });

  it("reads a Copenhagen autumn daylight-saving day in full: 25 hourly points", () => {
    const start = localMidnightUtc("2025-10-26", "Europe/Copenhagen").toISOString().replace(".000Z", "Z");
    const end = localMidnightUtc("2025-10-27", "Europe/Copenhagen").toISOString().replace(".000Z", "Z");
    expect([start, end]).toEqual(["2025-10-25T22:00:00Z", "2025-10-26T23:00:00Z"]);
    const parsed = parse(document([{ mRID: GSRN, periods: [period(start, end, points(25))] }]));
    expect(parsed.problems.items).toEqual([]);
    expect(parsed.runs[0]!.length).toBe(25);
  });

  it("skips points that are not available (A02) without counting them as received", () => {
    const pts = points(24);
    pts[5] = { position: "6", "out_Quantity.quality": "A02" };
    pts[6] = { position: "7", "out_Quantity.quantity": "0", "out_Quantity.quality": "A02" };
    const parsed = parse(document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T23:00:00Z", pts)] }]));
    expect(parsed.problems.items).toEqual([]);
    expect(parsed.valuesReceived).toBe(22);
    expect(parsed.runs[0]!.length).toBe(22);
  });

  it("treats a point without quality as measured and accepts numeric quantities", () => {
    const parsed = parse(
      document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T01:00:00Z", [{ position: "1", "out_Quantity.quantity": "1.5" }, { position: "2", "out_Quantity.quantity": 2 as unknown as string }])] }]),
    );
    expect(parsed.problems.items).toEqual([]);
    expect(Array.from(parsed.runs[0]!.values)).toEqual([1.5, 2]);
    expect(Array.from(parsed.runs[0]!.quality)).toEqual([0, 0]);
  });

  it("is detected by its first character", () => {
    expect(detectFormat('\ufeff  {"result":[]}')).toBe("ELOVERBLIK_JSON");
    expect(detectFormat("metering_point;quantity")).toBe("CSV");
    const parsed = parseMeterFile(new TextEncoder().encode(JSON.stringify(document([{ mRID: GSRN, periods: [day1] }]))));
    expect(parsed.format).toBe("ELOVERBLIK_JSON");
    expect(parsed.runs[0]!.length).toBe(24);
  });
});

describe("Eloverblik: production series", () => {
  it("refuses a production series (businessType A01) and names it, keeping the consumption series", () => {
    const parsed = parse(document([{ mRID: GSRN, periods: [day1] }, { mRID: GSRN2, businessType: "A01", periods: [day1, day1] }]));
    expect(parsed.runs.map((r) => [r.key, r.length])).toEqual([[`${GSRN}|ENERGY_KWH|PT1H`, 24]]);
    expect(parsed.valuesReceived).toBe(72);
    expect(parsed.valuesRejected).toBe(48);
    expect(parsed.problems.items).toEqual([
      {
        code: "UNSUPPORTED_BUSINESS_TYPE",
        message: `Series 2 (metering point ${GSRN2}) is production (businessType A01): production is not imported, only consumption (A04).`,
        params: { businessType: "A01", series: 2, meteringPoint: GSRN2 },
        field: "businessType",
        series: 2,
        meteringPoint: GSRN2,
        values: 48,
      },
    ]);
  });

  it("refuses any business type other than consumption, and reads a series without one as consumption", () => {
    const other = parse(document([{ mRID: GSRN, businessType: "a07", periods: [day1] }]));
    expect(other.runs).toEqual([]);
    expect(other.problems.items[0]).toMatchObject({ code: "UNSUPPORTED_BUSINESS_TYPE", params: { businessType: "A07" }, series: 1 });
    expect(other.problems.items[0]!.message).toBe(`Series 1 (metering point ${GSRN}) has businessType "A07": only consumption (A04) is imported.`);

    const missing = parse(document([{ mRID: GSRN, businessType: null, periods: [day1] }]));
    expect(missing.problems.items).toEqual([]);
    expect(missing.runs[0]!.length).toBe(24);
  });
});

describe("Eloverblik: bad documents", () => {
  const mutate = (f: (p: Point[]) => void) => {
    const pts = points(24);
    f(pts);
    return document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T23:00:00Z", pts)] }]);
  };

  it.each<[string, unknown, Partial<Problem>, number]>([
    [
      "a wrong resolution",
      document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T23:00:00Z", points(1), "P1D")] }]),
      { code: "WRONG_RESOLUTION", message: 'Resolution "P1D" is not supported: use PT15M (15 minutes) or PT1H (one hour).', series: 1, period: 1 },
      1,
    ],
    [
      "fewer points than the period's intervals",
      document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T23:00:00Z", points(23))] }]),
      {
        code: "PERIOD_LENGTH_MISMATCH",
        message: "The period 2024-12-31T23:00:00Z–2025-01-01T23:00:00Z holds 24 PT1H intervals but has 23 points.",
        series: 1,
        period: 1,
        field: "Point",
      },
      23,
    ],
    [
      "a period start off the hour",
      document([{ mRID: GSRN, periods: [period("2024-12-31T23:30:00Z", "2025-01-01T23:30:00Z", points(24))] }]),
      { code: "OFF_GRID", message: '"2024-12-31T23:30:00Z" is not on the hourly grid: PT1H intervals start on the whole hour.', series: 1, period: 1 },
      24,
    ],
    [
      "a period that is not whole intervals",
      document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T23:15:00Z", points(24))] }]),
      { code: "INVALID_PERIOD", message: "The period 2024-12-31T23:00:00Z–2025-01-01T23:15:00Z is not a whole number of PT1H intervals.", series: 1, period: 1 },
      24,
    ],
    [
      "a period end without offset",
      document([{ mRID: GSRN, periods: [period("2024-12-31T23:00:00Z", "2025-01-01T23:00:00", points(24))] }]),
      { code: "TIMESTAMP_WITHOUT_OFFSET", field: "timeInterval.end", series: 1, period: 1 },
      24,
    ],
    [
      "a wrong check digit in mRID",
      document([{ mRID: `${GSRN.slice(0, 17)}${(Number(GSRN[17]) + 1) % 10}`, periods: [day1] }]),
      { code: "INVALID_METERING_POINT", message: `Metering point ${GSRN.slice(0, 17)}${(Number(GSRN[17]) + 1) % 10} has a wrong check digit.`, series: 1 },
      24,
    ],
    [
      "another unit",
      document([{ mRID: GSRN, unit: "MWH", periods: [day1] }]),
      { code: "UNSUPPORTED_UNIT", message: 'Unit "MWH" is not supported: Eloverblik series must be in KWH.', series: 1 },
      24,
    ],
    [
      "a position past the period's end",
      mutate((p) => (p[3]!.position = "25")),
      { code: "POSITION_OUT_OF_RANGE", message: "Position 25 is outside the period, which has 24 intervals (positions 1–24).", series: 1, period: 1, position: 25 },
      1,
    ],
    [
      "a position that is not a number",
      mutate((p) => (p[3]!.position = "four")),
      { code: "INVALID_POSITION", message: 'Position "four" is not a whole number.', series: 1, period: 1 },
      1,
    ],
    [
      "a non-numeric quantity",
      mutate((p) => (p[3]!["out_Quantity.quantity"] = "n/a")),
      { code: "NOT_A_NUMBER", message: '"n/a" is not a number: use digits with . or , as the decimal mark.', series: 1, period: 1, position: 4 },
      1,
    ],
    [
      "a negative quantity",
      mutate((p) => (p[3]!["out_Quantity.quantity"] = "-0.2")),
      { code: "NEGATIVE_VALUE", message: "Negative value -0.2 for ENERGY_KWH: energy and volume cannot be negative.", series: 1, period: 1, position: 4 },
      1,
    ],
    [
      "an unknown quality code",
      mutate((p) => (p[3]!["out_Quantity.quality"] = "Z99")),
      { code: "UNKNOWN_QUALITY", message: 'Unknown quality code "Z99": expected A01, A02, A03, A04, A05, A06, E01.', series: 1, period: 1, position: 4 },
      1,
    ],
    [
      "a position given twice with different values",
      mutate((p) => (p[4]!.position = "4")),
      {
        code: "DUPLICATE_POSITION",
        message: "The interval starting 2025-01-01T02:00:00Z is given more than once with different values: 0.5 here and 0.4 at series 1, period 1, position 4.",
        series: 1,
        period: 1,
        position: 4,
      },
      2,
    ],
  ])("%s", (_name, doc, expected, rejected) => {
    const parsed = parse(doc);
    expect(parsed.problems.items).toHaveLength(1);
    expect(parsed.problems.items[0]).toMatchObject(expected);
    expect(parsed.valuesRejected).toBe(rejected);
  });

  it.each<[string, string, Partial<Problem>]>([
    ["not JSON", '{"result": [', { code: "INVALID_JSON" }],
    ["another JSON document", '{"data": []}', { code: "INVALID_STRUCTURE", message: 'Not an Eloverblik time-series document: the top level must be {"result": [ … ]}.' }],
    [
      "an error answer from DataHub",
      JSON.stringify({ result: [{ MyEnergyData_MarketDocument: null, success: false, errorCode: 20000, errorText: "NoCprConsent", id: GSRN }] }),
      { code: "DOCUMENT_ERROR", message: `Eloverblik reported an error instead of data for ${GSRN}: NoCprConsent (code 20000).` },
    ],
    ["no values", JSON.stringify(document([])), { code: "EMPTY_FILE", message: "The document holds no values." }],
  ])("%s", (_name, text, expected) => {
    const parsed = parseEloverblik(text);
    expect(parsed.problems.items[0]).toMatchObject(expected);
    expect(parsed.runs).toEqual([]);
  });
});
