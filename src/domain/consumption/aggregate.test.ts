import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  localDate,
  localMidnightUtc,
  utcOffsetMs,
  utcOffsetTransitions,
  zonedParts,
} from "../time/zoned";
import {
  aggregateSeries,
  weightedAveragePrice,
  type Bucket,
  type Granularity,
  type Resolution,
  type Series,
} from "./aggregate";
import { mulberry32 } from "@/fixtures/synthetic-profile";

const STOCKHOLM = "Europe/Stockholm";
const COPENHAGEN = "Europe/Copenhagen";
const HELSINKI = "Europe/Helsinki";
const ZONES = [STOCKHOLM, COPENHAGEN, HELSINKI] as const;
const GRANULARITIES: Granularity[] = ["hour", "day", "month", "year"];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const STEP_MS: Record<Resolution, number> = { PT15M: 15 * MINUTE_MS, PT1H: HOUR_MS };
const PER_HOUR: Record<Resolution, number> = { PT15M: 4, PT1H: 1 };

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const ones = (n: number) => new Float64Array(n).fill(1);
const series = (start: string, resolution: Resolution, values: ArrayLike<number>): Series => ({
  start,
  resolution,
  values,
});
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------------------------
// Table tests

describe("aggregateSeries: DST days", () => {
  // zone, local date, its local midnight in UTC, hours in the day
  const days: [string, string, string, number][] = [
    [STOCKHOLM, "2025-03-30", "2025-03-29T23:00:00Z", 23],
    [STOCKHOLM, "2025-10-26", "2025-10-25T22:00:00Z", 25],
    [STOCKHOLM, "2024-03-31", "2024-03-30T23:00:00Z", 23],
    [STOCKHOLM, "2024-10-27", "2024-10-26T22:00:00Z", 25],
    [STOCKHOLM, "2025-06-15", "2025-06-14T22:00:00Z", 24],
    [COPENHAGEN, "2025-03-30", "2025-03-29T23:00:00Z", 23],
    [COPENHAGEN, "2025-10-26", "2025-10-25T22:00:00Z", 25],
    [COPENHAGEN, "2026-10-25", "2026-10-24T22:00:00Z", 25],
    [COPENHAGEN, "2025-01-15", "2025-01-14T23:00:00Z", 24],
    [HELSINKI, "2025-03-30", "2025-03-29T22:00:00Z", 23],
    [HELSINKI, "2025-10-26", "2025-10-25T21:00:00Z", 25],
    [HELSINKI, "2026-03-29", "2026-03-28T22:00:00Z", 23],
    [HELSINKI, "2027-10-31", "2027-10-30T21:00:00Z", 25],
  ];
  const cases = days.flatMap(([zone, date, start, hours]) =>
    (["PT1H", "PT15M"] as const).map((resolution) => ({ zone, date, start, hours, resolution })),
  );

  it.each(cases)("$zone $date at $resolution has $hours hours", ({ zone, date, start, hours, resolution }) => {
    const n = hours * PER_HOUR[resolution];
    expect(aggregateSeries(series(start, resolution, ones(n)), "day", zone)).toEqual([
      { start, localStart: `${date}T00:00`, value: n, count: n, expected: n },
    ]);
    expect(localMidnightUtc(date, zone).getTime()).toBe(Date.parse(start));
  });

  it.each(cases)("$zone $date at $resolution between two whole days", ({ zone, date, start, hours, resolution }) => {
    // The day before each of these days has 24 hours.
    const perHour = PER_HOUR[resolution];
    const first = Date.parse(start) - 24 * HOUR_MS;
    const n = (24 + hours + 24) * perHour;
    const buckets = aggregateSeries(series(iso(first), resolution, ones(n)), "day", zone);
    expect(buckets.map((b) => b.localStart)).toEqual([
      `${addDays(date, -1)}T00:00`,
      `${date}T00:00`,
      `${addDays(date, 1)}T00:00`,
    ]);
    expect(buckets.map((b) => b.expected)).toEqual([24 * perHour, hours * perHour, 24 * perHour]);
    expect(buckets.map((b) => b.count)).toEqual([24 * perHour, hours * perHour, 24 * perHour]);
    expect(buckets[2]!.start).toBe(iso(Date.parse(start) + hours * HOUR_MS));
  });

  it.each(cases)("$zone $date at $resolution in hour buckets", ({ zone, start, hours, resolution }) => {
    const perHour = PER_HOUR[resolution];
    const buckets = aggregateSeries(series(start, resolution, ones(hours * perHour)), "hour", zone);
    expect(buckets).toHaveLength(hours);
    for (const [i, b] of buckets.entries()) {
      expect(b.start).toBe(iso(Date.parse(start) + i * HOUR_MS));
      expect([b.value, b.count, b.expected]).toEqual([perHour, perHour, perHour]);
      const p = zonedParts(new Date(b.start), zone);
      expect(b.localStart).toBe(`${localDate(new Date(b.start), zone)}T${String(p.hour).padStart(2, "0")}:00`);
    }
    const clock = buckets.map((b) => b.localStart.slice(11));
    const changeHour = zone === HELSINKI ? "03:00" : "02:00";
    if (hours === 23) expect(clock).not.toContain(changeHour);
    if (hours === 25) expect(clock.filter((c) => c === changeHour)).toHaveLength(2);
  });
});

describe("aggregateSeries: the autumn repeated hour", () => {
  it("gives two Stockholm buckets at local 02:00 with distinct UTC starts", () => {
    const buckets = aggregateSeries(series("2025-10-25T23:00:00Z", "PT15M", ones(16)), "hour", STOCKHOLM);
    expect(buckets).toEqual([
      { start: "2025-10-25T23:00:00Z", localStart: "2025-10-26T01:00", value: 4, count: 4, expected: 4 },
      { start: "2025-10-26T00:00:00Z", localStart: "2025-10-26T02:00", value: 4, count: 4, expected: 4 },
      { start: "2025-10-26T01:00:00Z", localStart: "2025-10-26T02:00", value: 4, count: 4, expected: 4 },
      { start: "2025-10-26T02:00:00Z", localStart: "2025-10-26T03:00", value: 4, count: 4, expected: 4 },
    ]);
  });

  it("repeats 03:00 in Helsinki", () => {
    const buckets = aggregateSeries(series("2025-10-25T23:00:00Z", "PT1H", [1, 2, 3, 4]), "hour", HELSINKI);
    expect(buckets.map((b) => [b.start, b.localStart, b.value])).toEqual([
      ["2025-10-25T23:00:00Z", "2025-10-26T02:00", 1],
      ["2025-10-26T00:00:00Z", "2025-10-26T03:00", 2],
      ["2025-10-26T01:00:00Z", "2025-10-26T03:00", 3],
      ["2025-10-26T02:00:00Z", "2025-10-26T04:00", 4],
    ]);
  });

  it("skips Copenhagen 02:00 in spring", () => {
    const buckets = aggregateSeries(series("2025-03-30T00:00:00Z", "PT1H", [1, 2]), "hour", COPENHAGEN);
    expect(buckets.map((b) => [b.start, b.localStart])).toEqual([
      ["2025-03-30T00:00:00Z", "2025-03-30T01:00"],
      ["2025-03-30T01:00:00Z", "2025-03-30T03:00"],
    ]);
  });
});

describe("aggregateSeries: months and years", () => {
  const months: [string, string, number][] = [
    // zone, month, hours
    [STOCKHOLM, "2025-03", 743],
    [STOCKHOLM, "2025-10", 745],
    [COPENHAGEN, "2025-03", 743],
    [COPENHAGEN, "2026-10", 745],
    [HELSINKI, "2025-03", 743],
    [HELSINKI, "2024-10", 745],
    [STOCKHOLM, "2024-02", 696],
    [HELSINKI, "2025-02", 672],
    [COPENHAGEN, "2025-07", 744],
  ];
  const cases = months.flatMap(([zone, month, hours]) =>
    (["PT1H", "PT15M"] as const).map((resolution) => ({ zone, month, hours, resolution })),
  );

  it.each(cases)("$zone $month at $resolution holds $hours hours", ({ zone, month, hours, resolution }) => {
    const start = localMidnightUtc(`${month}-01`, zone).getTime();
    const n = hours * PER_HOUR[resolution];
    const buckets = aggregateSeries(series(iso(start), resolution, ones(n)), "month", zone);
    expect(buckets).toEqual([{ start: iso(start), localStart: `${month}-01T00:00`, value: n, count: n, expected: n }]);
  });

  it("counts 2 972 quarter-hours in March in Stockholm, even when the series covers only a day", () => {
    const buckets = aggregateSeries(series("2025-03-09T23:00:00Z", "PT15M", ones(96)), "month", STOCKHOLM);
    expect(buckets).toEqual([
      { start: "2025-02-28T23:00:00Z", localStart: "2025-03-01T00:00", value: 96, count: 96, expected: 2972 },
    ]);
  });

  const years: [string, number, number][] = [
    [STOCKHOLM, 2024, 8784],
    [STOCKHOLM, 2025, 8760],
    [COPENHAGEN, 2024, 8784],
    [HELSINKI, 2024, 8784],
    [HELSINKI, 2027, 8760],
  ];
  const yearCases = years.flatMap(([zone, year, hours]) =>
    (["PT1H", "PT15M"] as const).map((resolution) => ({ zone, year, hours, resolution })),
  );

  it.each(yearCases)("$zone $year at $resolution: $hours hours, 12 months", ({ zone, year, hours, resolution }) => {
    const start = iso(localMidnightUtc(`${year}-01-01`, zone).getTime());
    const n = hours * PER_HOUR[resolution];
    const values = ones(n);
    expect(aggregateSeries(series(start, resolution, values), "year", zone)).toEqual([
      { start, localStart: `${year}-01-01T00:00`, value: n, count: n, expected: n },
    ]);
    const monthBuckets = aggregateSeries(series(start, resolution, values), "month", zone);
    expect(monthBuckets).toHaveLength(12);
    expect(monthBuckets.map((b) => b.localStart.slice(0, 7))).toEqual(
      Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`),
    );
    expect(sum(monthBuckets.map((b) => b.expected))).toBe(n);
    expect(monthBuckets.every((b) => b.count === b.expected)).toBe(true);
    const days = aggregateSeries(series(start, resolution, values), "day", zone);
    expect(days).toHaveLength(hours === 8784 ? 366 : 365);
  });
});

describe("aggregateSeries: partial buckets and missing values", () => {
  it("reports partial buckets at both ends without padding", () => {
    // 2025-03-30T12:00 to 2025-04-02T07:00 local in Stockholm (10:00Z to 05:00Z): 12 of the spring
    // day's 23 hours, two whole days, 7 hours of the last day.
    const start = "2025-03-30T10:00:00Z";
    const hours = (Date.parse("2025-04-02T05:00:00Z") - Date.parse(start)) / HOUR_MS;
    const buckets = aggregateSeries(series(start, "PT1H", ones(hours)), "day", STOCKHOLM);
    expect(buckets).toEqual([
      { start: "2025-03-29T23:00:00Z", localStart: "2025-03-30T00:00", value: 12, count: 12, expected: 23 },
      { start: "2025-03-30T22:00:00Z", localStart: "2025-03-31T00:00", value: 24, count: 24, expected: 24 },
      { start: "2025-03-31T22:00:00Z", localStart: "2025-04-01T00:00", value: 24, count: 24, expected: 24 },
      { start: "2025-04-01T22:00:00Z", localStart: "2025-04-02T00:00", value: 7, count: 7, expected: 24 },
    ]);
    const years = aggregateSeries(series(start, "PT1H", ones(hours)), "year", STOCKHOLM);
    expect(years).toEqual([
      { start: "2024-12-31T23:00:00Z", localStart: "2025-01-01T00:00", value: 67, count: 67, expected: 8760 },
    ]);
  });

  it("keeps an all-missing day inside the span as value 0, count 0", () => {
    const values = new Float64Array(72).fill(2);
    values.fill(NaN, 24, 48);
    values[5] = NaN;
    const buckets = aggregateSeries(series("2025-01-14T23:00:00Z", "PT1H", values), "day", STOCKHOLM);
    expect(buckets.map((b) => [b.localStart, b.value, b.count, b.expected])).toEqual([
      ["2025-01-15T00:00", 46, 23, 24],
      ["2025-01-16T00:00", 0, 0, 24],
      ["2025-01-17T00:00", 48, 24, 24],
    ]);
  });

  it("keeps missing values at the ends inside the span and reports an all-NaN series", () => {
    const values = [NaN, NaN, 1, NaN];
    const hours = aggregateSeries(series("2025-01-14T22:00:00Z", "PT1H", values), "day", STOCKHOLM);
    expect(hours.map((b) => [b.localStart, b.value, b.count, b.expected])).toEqual([
      ["2025-01-14T00:00", 0, 0, 24],
      ["2025-01-15T00:00", 1, 1, 24],
    ]);
    const allMissing = aggregateSeries(series("2025-01-14T23:00:00Z", "PT15M", new Float64Array(200).fill(NaN)), "day", HELSINKI);
    expect(allMissing.map((b) => [b.localStart, b.value, b.count])).toEqual([
      ["2025-01-15T00:00", 0, 0],
      ["2025-01-16T00:00", 0, 0],
      ["2025-01-17T00:00", 0, 0],
    ]);
  });

  it("skips NaNs spread over many blocks and sums negative values", () => {
    const values = new Float64Array(35_040);
    let present = 0;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      const v = i % 7 === 0 ? NaN : (i % 5) - 2;
      values[i] = v;
      if (!Number.isNaN(v)) {
        present += v;
        count++;
      }
    }
    const [year] = aggregateSeries(series("2024-12-31T23:00:00Z", "PT15M", values), "year", STOCKHOLM);
    expect(year!.count).toBe(count);
    expect(year!.value).toBeCloseTo(present, 9);
    expect(year!.expected).toBe(35_040);
  });

  it("returns no buckets for an empty series", () => {
    expect(aggregateSeries(series("2025-01-01T00:00:00Z", "PT1H", []), "day", STOCKHOLM)).toEqual([]);
  });

  it("accepts a plain array as well as a typed array", () => {
    const fromArray = aggregateSeries(series("2025-01-14T23:00:00Z", "PT1H", [1, 2, 3]), "day", STOCKHOLM);
    const fromTyped = aggregateSeries(series("2025-01-14T23:00:00Z", "PT1H", Float64Array.of(1, 2, 3)), "day", STOCKHOLM);
    expect(fromArray).toEqual(fromTyped);
    expect(fromArray[0]!.value).toBe(6);
  });
});

describe("aggregateSeries: input checks and formats", () => {
  it("rejects a start off the resolution grid", () => {
    expect(() => aggregateSeries(series("2025-01-01T00:07:00Z", "PT15M", [1]), "day", STOCKHOLM)).toThrow(
      /not on the PT15M grid/,
    );
    expect(() => aggregateSeries(series("2025-01-01T00:15:00Z", "PT1H", [1]), "day", STOCKHOLM)).toThrow(
      /not on the PT1H grid/,
    );
    expect(() => aggregateSeries(series("2025-01-01T00:00:30Z", "PT15M", [1]), "day", STOCKHOLM)).toThrow(/grid/);
    expect(() => aggregateSeries(series("2025-01-01T00:00:00.001Z", "PT15M", [1]), "day", STOCKHOLM)).toThrow(
      /grid/,
    );
    // Also when there are no values: the start itself is wrong.
    expect(() => aggregateSeries(series("2025-01-01T00:10:00Z", "PT15M", []), "day", STOCKHOLM)).toThrow(/grid/);
  });

  it("rejects malformed starts, resolutions, granularities and zones", () => {
    for (const start of ["2025-01-01 00:00", "2025-01-01T00:00:00", "2025-02-30T00:00:00Z", "yesterday", "2025-01-01T24:00:00Z"]) {
      expect(() => aggregateSeries(series(start, "PT1H", [1]), "day", STOCKHOLM), start).toThrow(Error);
    }
    expect(() => aggregateSeries(series("2025-01-01T00:00:00Z", "PT5M" as Resolution, [1]), "day", STOCKHOLM)).toThrow(
      /resolution/,
    );
    expect(() => aggregateSeries(series("2025-01-01T00:00:00Z", "PT1H", [1]), "week" as Granularity, STOCKHOLM)).toThrow(
      /granularity/,
    );
    expect(() => aggregateSeries(series("2025-01-01T00:00:00Z", "PT1H", [1]), "day", "Europe/Atlantis")).toThrow(
      RangeError,
    );
  });

  it("accepts milliseconds and explicit offsets and always writes UTC starts without milliseconds", () => {
    const a = aggregateSeries(series("2025-01-14T23:00:00.000Z", "PT1H", [1]), "day", STOCKHOLM);
    const b = aggregateSeries(series("2025-01-15T00:00:00+01:00", "PT1H", [1]), "day", STOCKHOLM);
    const c = aggregateSeries(series("2025-01-14T23:00Z", "PT1H", [1]), "day", STOCKHOLM);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a[0]!.start).toBe("2025-01-14T23:00:00Z");
    expect(a[0]!.localStart).toBe("2025-01-15T00:00");
  });

  it("follows the local clock grid and calendar in other zones too", () => {
    // Lord Howe Island shifts by 30 minutes: its autumn day has 24.5 hours, the spring one 23.5.
    const autumn = localMidnightUtc("2025-04-06", "Australia/Lord_Howe").getTime();
    const [day] = aggregateSeries(series(iso(autumn), "PT15M", ones(98)), "day", "Australia/Lord_Howe");
    expect(day).toMatchObject({ localStart: "2025-04-06T00:00", expected: 98, count: 98 });
    // Havana falls back from 01:00 to 00:00: its day starts at the first of the two midnights.
    const [, havana] = aggregateSeries(series("2025-11-01T04:00:00Z", "PT1H", ones(24 + 25)), "day", "America/Havana");
    expect(havana).toEqual({ start: "2025-11-02T04:00:00Z", localStart: "2025-11-02T00:00", value: 25, count: 25, expected: 25 });
    // Lord Howe's 30-minute change splits a clock hour: 01:00–02:00 (+11), then 01:30–02:00 (+10:30).
    const lordHoweHours = aggregateSeries(series("2025-04-05T13:00:00Z", "PT15M", ones(16)), "hour", "Australia/Lord_Howe");
    expect(lordHoweHours.map((b) => [b.start, b.localStart, b.count, b.expected])).toEqual([
      ["2025-04-05T13:00:00Z", "2025-04-06T00:00", 4, 4],
      ["2025-04-05T14:00:00Z", "2025-04-06T01:00", 4, 4],
      ["2025-04-05T15:00:00Z", "2025-04-06T01:30", 2, 2],
      ["2025-04-05T15:30:00Z", "2025-04-06T02:00", 4, 4],
      ["2025-04-05T16:30:00Z", "2025-04-06T03:00", 2, 4],
    ]);
    // Samoa skipped 2011-12-30 altogether: no bucket for it.
    const apia = aggregateSeries(series("2011-12-29T10:00:00Z", "PT1H", ones(48)), "day", "Pacific/Apia");
    expect(apia.map((b) => [b.start, b.localStart, b.expected])).toEqual([
      ["2011-12-29T10:00:00Z", "2011-12-29T00:00", 24],
      ["2011-12-30T10:00:00Z", "2011-12-31T00:00", 24],
    ]);
    // Santiago skipped midnight on 2022-09-11: the day starts at 01:00 and has 23 hours.
    const [, santiago] = aggregateSeries(series("2022-09-10T04:00:00Z", "PT1H", ones(48)), "day", "America/Santiago");
    expect(santiago).toEqual({
      start: "2022-09-11T04:00:00Z",
      localStart: "2022-09-11T01:00",
      value: 23,
      count: 23,
      expected: 23,
    });
    // India (+05:30): hourly values start at local whole hours, i.e. at half past in UTC.
    const kolkata = aggregateSeries(series("2025-01-01T18:30:00Z", "PT1H", ones(30)), "day", "Asia/Kolkata");
    expect(kolkata.map((b) => [b.start, b.localStart, b.count])).toEqual([
      ["2025-01-01T18:30:00Z", "2025-01-02T00:00", 24],
      ["2025-01-02T18:30:00Z", "2025-01-03T00:00", 6],
    ]);
    expect(() => aggregateSeries(series("2025-01-01T18:00:00Z", "PT1H", [1]), "day", "Asia/Kolkata")).toThrow(/grid/);
  });
});

describe("weightedAveragePrice", () => {
  it("weights by consumption, negative prices included (DOMAIN.md §2)", () => {
    expect(weightedAveragePrice([10, -1, 5], [2, 4, 1])).toBe(3);
    expect(weightedAveragePrice(Float64Array.of(10, -1, 5), Float64Array.of(2, 4, 1))).toBe(3);
    expect(weightedAveragePrice([-5, -1], [1, 3])).toBe(-2);
  });

  it("skips pairs with a missing price or quantity", () => {
    expect(weightedAveragePrice([10, NaN, 5, 7], [2, 4, NaN, 0])).toBe(10);
    expect(weightedAveragePrice([10, Infinity], [1, 1])).toBe(10);
  });

  it("is NaN when nothing was consumed", () => {
    expect(weightedAveragePrice([], [])).toBeNaN();
    expect(weightedAveragePrice([10, 20], [0, 0])).toBeNaN();
    expect(weightedAveragePrice([10], [NaN])).toBeNaN();
  });

  it("rejects arrays of different lengths", () => {
    expect(() => weightedAveragePrice([1, 2], [1])).toThrow(/2 prices but 1 quantities/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property-based tests with a seeded PRNG

type Rng = () => number;
const randomInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** 01:00 UTC on the last Sunday of a month: when the EU changes its clocks. */
function euChange(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

interface RandomCase {
  zone: string;
  resolution: Resolution;
  startMs: number;
  values: Float64Array;
}

function randomCase(rng: Rng, maxValues: number, nearChange: number): RandomCase {
  const zone = pick(rng, ZONES);
  const resolution = pick(rng, ["PT15M", "PT1H"] as const);
  const step = STEP_MS[resolution];
  let startMs: number;
  if (rng() < nearChange) {
    // Within four days of a DST change, so short series cross it often.
    const change = euChange(randomInt(rng, 2023, 2027), pick(rng, [3, 10]));
    startMs = change + Math.floor((rng() - 0.5) * 8 * 24 * 4) * 15 * MINUTE_MS;
  } else {
    startMs = Date.UTC(2023, 0, 1) + Math.floor(rng() * 5 * 365.25 * 24 * 4) * 15 * MINUTE_MS;
  }
  startMs = Math.floor(startMs / step) * step; // on the grid (all three zones have whole-hour offsets)
  const lengthMode = rng();
  const n =
    lengthMode < 0.15 ? randomInt(rng, 0, 8) : lengthMode < 0.5 ? randomInt(rng, 0, Math.min(maxValues, 3000)) : randomInt(rng, 0, maxValues);
  const values = new Float64Array(n);
  const missing = pick(rng, ["none", "sparse", "runs", "most", "all"] as const);
  for (let i = 0; i < n; i++) values[i] = Math.round(rng() * 4000) / 1000 - (rng() < 0.05 ? 1 : 0);
  if (missing === "sparse") for (let i = 0; i < n; i++) if (rng() < 0.01) values[i] = NaN;
  if (missing === "runs") {
    for (let r = randomInt(rng, 1, 5); r > 0; r--) {
      const from = randomInt(rng, 0, n);
      values.fill(NaN, from, Math.min(n, from + randomInt(rng, 1, 2000)));
    }
  }
  if (missing === "most") for (let i = 0; i < n; i++) if (rng() < 0.9) values[i] = NaN;
  if (missing === "all") values.fill(NaN);
  return { zone, resolution, startMs, values };
}

/** Exclusive end of a bucket, from the Intl-based helpers in zoned.ts (independent of aggregate.ts). */
function bucketEnd(bucket: Bucket, granularity: Granularity, zone: string): number {
  const date = bucket.localStart.slice(0, 10);
  switch (granularity) {
    case "hour":
      return Date.parse(bucket.start) + HOUR_MS; // whole-hour offsets in the three zones
    case "day":
      return localMidnightUtc(addDays(date, 1), zone).getTime();
    case "month":
      return localMidnightUtc(addMonths(date, 1), zone).getTime();
    case "year":
      return localMidnightUtc(addYears(date, 1), zone).getTime();
  }
}

function describeCase(c: RandomCase, granularity?: Granularity): string {
  return `${c.zone} ${c.resolution} ${iso(c.startMs)} n=${c.values.length}${granularity ? ` ${granularity}` : ""}`;
}

/**
 * Checks the properties of one granularity's buckets. Failures are collected as text and asserted
 * once: calling expect() per bucket would be slow for ~26 000 hour buckets.
 */
function checkProperties(c: RandomCase, granularity: Granularity, buckets: Bucket[], rng: Rng): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: () => string) => {
    if (!ok && problems.length < 20) problems.push(what());
  };
  const { values, startMs, zone } = c;
  const step = STEP_MS[c.resolution];
  const n = values.length;
  const endMs = startMs + n * step;
  if (n === 0) {
    check(buckets.length === 0, () => `${buckets.length} buckets for an empty series`);
    return problems;
  }
  const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

  let present = 0;
  let presentCount = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      present += v;
      presentCount++;
    }
  }
  const total = sum(buckets.map((b) => b.value));
  check(close(total, present, 1e-6), () => `Σ value ${total} ≠ Σ present ${present}`);
  const counted = sum(buckets.map((b) => b.count));
  check(counted === presentCount, () => `Σ count ${counted} ≠ present ${presentCount}`);

  const starts = buckets.map((b) => Date.parse(b.start));
  const ends = buckets.map((b) => bucketEnd(b, granularity, zone));
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    check(b.start === iso(starts[i]!), () => `start format ${b.start}`);
    if (i + 1 < buckets.length) {
      check(starts[i + 1] === ends[i], () => `not contiguous after ${b.start}: next ${buckets[i + 1]!.start}`);
      check(starts[i + 1]! > starts[i]!, () => `not ordered after ${b.start}`);
    }
    check(b.expected === (ends[i]! - starts[i]!) / step, () => `expected ${b.expected} at ${b.start}`);
    check(b.count <= b.expected, () => `count ${b.count} > expected ${b.expected} at ${b.start}`);
  }
  const first = starts[0]!;
  const lastEnd = ends[ends.length - 1]!;
  check(first <= startMs && ends[0]! > startMs, () => `first bucket ${buckets[0]!.start} does not hold the start`);
  check(starts[starts.length - 1]! < endMs && lastEnd >= endMs, () => `last bucket does not hold the last value`);
  const expectedTotal = sum(buckets.map((b) => b.expected));
  const head = (startMs - first) / step;
  const tail = (lastEnd - endMs) / step;
  check(expectedTotal === n + head + tail, () => `Σ expected ${expectedTotal} ≠ ${n} + ${head} + ${tail}`);
  if (head === 0 && tail === 0) check(expectedTotal === n, () => `Σ expected ${expectedTotal} ≠ ${n} with full ends`);

  // Each bucket's own values, found by index from its independently computed bounds.
  for (let i = 0; i < buckets.length; i++) {
    const from = Math.max(0, (starts[i]! - startMs) / step);
    const to = Math.min(n, (ends[i]! - startMs) / step);
    let s = 0;
    let count = 0;
    for (let k = from; k < to; k++) {
      const v = values[k]!;
      if (!Number.isNaN(v)) {
        s += v;
        count++;
      }
    }
    const b = buckets[i]!;
    check(b.count === count && close(b.value, s, 1e-9), () => `bucket ${b.start}: ${b.value}/${b.count} ≠ ${s}/${count}`);
  }

  // Local starts: midnight / the 1st / 1 January, and the same instant as the UTC start.
  for (const b of buckets) {
    const ok =
      /^\d{4}-\d{2}-\d{2}T\d{2}:00$/.test(b.localStart) &&
      (granularity === "hour" || b.localStart.slice(10) === "T00:00") &&
      (granularity !== "month" || b.localStart.slice(8, 10) === "01") &&
      (granularity !== "year" || b.localStart.slice(5, 10) === "01-01");
    check(ok, () => `localStart ${b.localStart} for a ${granularity} bucket`);
  }
  if (granularity === "hour") {
    // Spot-check hour labels against Intl, plus every bucket around an offset change.
    const changes = utcOffsetTransitions(new Date(first - 1), new Date(lastEnd), zone).map((t) => t.at.getTime());
    const sample = new Set<number>();
    for (let k = 0; k < 40; k++) sample.add(randomInt(rng, 0, buckets.length - 1));
    buckets.forEach((_, i) => {
      if (changes.some((t) => Math.abs(t - starts[i]!) <= 2 * HOUR_MS)) sample.add(i);
    });
    for (const i of sample) {
      const instant = new Date(starts[i]!);
      const label = `${localDate(instant, zone)}T${String(zonedParts(instant, zone).hour).padStart(2, "0")}:00`;
      check(buckets[i]!.localStart === label, () => `hour ${buckets[i]!.start}: ${buckets[i]!.localStart} ≠ ${label}`);
    }
    // A local hour label repeats exactly once per autumn change inside the span.
    const autumn = changes.filter(
      (t) => t > first && t < lastEnd && utcOffsetMs(new Date(t), zone) < utcOffsetMs(new Date(t - 1000), zone),
    );
    const repeats = buckets.length - new Set(buckets.map((b) => b.localStart)).size;
    check(repeats === autumn.length, () => `${repeats} repeated hour labels, ${autumn.length} autumn changes`);
  } else {
    for (const b of buckets) {
      const midnight = localMidnightUtc(b.localStart.slice(0, 10), zone).getTime();
      check(midnight === Date.parse(b.start), () => `${b.localStart} is not local midnight at ${b.start}`);
    }
  }
  return problems;
}

/** Sums finer buckets per coarser bucket (by localStart prefix) and compares with the coarser ones. */
function checkRollUp(fine: Bucket[], coarse: Bucket[], keyLength: number): string[] {
  const problems: string[] = [];
  const groups = new Map<string, { value: number; count: number; expected: number }>();
  for (const b of fine) {
    const key = b.localStart.slice(0, keyLength);
    const g = groups.get(key) ?? { value: 0, count: 0, expected: 0 };
    g.value += b.value;
    g.count += b.count;
    g.expected += b.expected;
    groups.set(key, g);
  }
  const keys = [...groups.keys()].join(",");
  const coarseKeys = coarse.map((b) => b.localStart.slice(0, keyLength)).join(",");
  if (keys !== coarseKeys) problems.push(`keys ${keys} ≠ ${coarseKeys}`);
  coarse.forEach((b, i) => {
    const g = groups.get(b.localStart.slice(0, keyLength));
    if (!g) return;
    if (g.count !== b.count) problems.push(`${b.localStart}: count ${g.count} ≠ ${b.count}`);
    if (Math.abs(g.value - b.value) > 1e-6 * Math.max(1, Math.abs(b.value))) {
      problems.push(`${b.localStart}: value ${g.value} ≠ ${b.value}`);
    }
    // The finer buckets of an inner coarse bucket are all there; at the ends only the covered ones.
    const inner = i > 0 && i < coarse.length - 1;
    if (inner ? g.expected !== b.expected : g.expected > b.expected) {
      problems.push(`${b.localStart}: expected ${g.expected} vs ${b.expected}`);
    }
  });
  return problems;
}

describe("aggregateSeries: properties on random series (seeded)", () => {
  const CASES = 36;
  const rng = mulberry32(0x5eed_2025);
  const cases = Array.from({ length: CASES }, () => randomCase(rng, 3 * 365 * 24 * 4, 0.3));

  it.each(cases.map((c, i) => ({ i, c, name: describeCase(c) })))("case $i: $name", ({ c }) => {
    const s = series(iso(c.startMs), c.resolution, c.values);
    const byGranularity = new Map<Granularity, Bucket[]>();
    for (const granularity of GRANULARITIES) {
      const buckets = aggregateSeries(s, granularity, c.zone);
      byGranularity.set(granularity, buckets);
      expect(checkProperties(c, granularity, buckets, rng), granularity).toEqual([]);
    }
    expect(checkRollUp(byGranularity.get("hour")!, byGranularity.get("day")!, 10), "hours → days").toEqual([]);
    expect(checkRollUp(byGranularity.get("day")!, byGranularity.get("month")!, 7), "days → months").toEqual([]);
    expect(checkRollUp(byGranularity.get("month")!, byGranularity.get("year")!, 4), "months → years").toEqual([]);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------
// Against a slow, obvious reference: Intl for every value, group by local key

function referenceAggregate(s: Series, granularity: Granularity, zone: string): Bucket[] {
  const startMs = Date.parse(s.start);
  const step = STEP_MS[s.resolution];
  const groups = new Map<string, { first: number; value: number; count: number; date: string }>();
  for (let i = 0; i < s.values.length; i++) {
    const t = startMs + i * step;
    const instant = new Date(t);
    const p = zonedParts(instant, zone);
    const date = localDate(instant, zone);
    const key =
      granularity === "hour"
        ? `${date}T${p.hour}|${utcOffsetMs(instant, zone)}`
        : granularity === "day"
          ? date
          : granularity === "month"
            ? date.slice(0, 7)
            : date.slice(0, 4);
    const g = groups.get(key) ?? { first: t, value: 0, count: 0, date };
    const v = s.values[i]!;
    if (!Number.isNaN(v)) {
      g.value += v;
      g.count++;
    }
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    let start: number;
    let end: number;
    if (granularity === "hour") {
      start = Math.floor(g.first / HOUR_MS) * HOUR_MS;
      end = start + HOUR_MS;
    } else {
      const first =
        granularity === "day" ? g.date : granularity === "month" ? `${g.date.slice(0, 7)}-01` : `${g.date.slice(0, 4)}-01-01`;
      const next = granularity === "day" ? addDays(first, 1) : granularity === "month" ? addMonths(first, 1) : addYears(first, 1);
      start = localMidnightUtc(first, zone).getTime();
      end = localMidnightUtc(next, zone).getTime();
    }
    const p = zonedParts(new Date(start), zone);
    const localStart = `${localDate(new Date(start), zone)}T${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
    return { start: iso(start), localStart, value: g.value, count: g.count, expected: (end - start) / step };
  });
}

describe("aggregateSeries: agrees with the Intl-per-value reference (seeded)", () => {
  const rng = mulberry32(0xc0ffee);
  const cases = Array.from({ length: 30 }, () => randomCase(rng, 2500, 0.6));
  const round = (b: Bucket) => ({ ...b, value: Math.round(b.value * 1e9) / 1e9 });

  it.each(cases.map((c, i) => ({ i, c, name: describeCase(c) })))("case $i: $name", ({ c }) => {
    const s = series(iso(c.startMs), c.resolution, c.values);
    for (const granularity of GRANULARITIES) {
      const actual = aggregateSeries(s, granularity, c.zone).map(round);
      const expected = referenceAggregate(s, granularity, c.zone).map(round);
      expect(actual, describeCase(c, granularity)).toEqual(expected);
    }
  }, 30_000);
});
