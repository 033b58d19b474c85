import { describe, expect, it } from "vitest";
import { HOUR_MS, iso, ones, series, sum, STOCKHOLM, COPENHAGEN, HELSINKI } from "../../../tests/support/aggregate-series";
import { addDays, localDate, localMidnightUtc, zonedParts } from "../time/zoned";
import { aggregateSeries, weightedAveragePrice, type Granularity, type Resolution } from "./aggregate";

// The property-based tests (seeded random series, and agreement with an Intl-per-value reference)
// are in aggregate.properties.test.ts.

const PER_HOUR: Record<Resolution, number> = { PT15M: 4, PT1H: 1 };

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
