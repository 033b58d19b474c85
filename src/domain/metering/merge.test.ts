import { describe, expect, it } from "vitest";
import { localMidnightUtc } from "@/domain/time/zoned";
import { buildDayGrid, dateSpan, mergeIntoDays, type SeriesValues, type StoredDay } from "./merge";

const HOUR = 3_600_000;

function hourly(from: number, values: number[], quality: number[] = values.map(() => 0)): SeriesValues {
  return { resolution: "PT1H", length: values.length, times: values.map((_, i) => from + i * HOUR), values, quality };
}

describe("buildDayGrid", () => {
  it("cuts local days at local midnight, 23 and 25 hours on daylight-saving days", () => {
    const grid = buildDayGrid("Europe/Stockholm", Date.UTC(2025, 2, 29, 12), Date.UTC(2025, 2, 31, 12));
    expect(grid.dates).toEqual(["2025-03-29", "2025-03-30", "2025-03-31"]);
    expect((grid.starts[2]! - grid.starts[1]!) / HOUR).toBe(23);
    const autumn = buildDayGrid("Europe/Helsinki", Date.UTC(2025, 9, 26, 0), Date.UTC(2025, 9, 26, 12));
    expect(autumn.dates).toEqual(["2025-10-26"]);
    expect((autumn.starts[1]! - autumn.starts[0]!) / HOUR).toBe(25);
  });

  it("gives the date span of a series", () => {
    const grid = buildDayGrid("Europe/Stockholm", Date.UTC(2024, 11, 31, 23), Date.UTC(2025, 0, 2, 22));
    expect(dateSpan(grid, Date.UTC(2024, 11, 31, 23), Date.UTC(2025, 0, 2, 22))).toEqual({ from: "2025-01-01", to: "2025-01-02" });
  });
});

describe("mergeIntoDays", () => {
  const tz = "Europe/Stockholm";
  const midnight = (date: string) => localMidnightUtc(date, tz).getTime();

  it("fills new days, NaN where nothing came, with the sum of the present values", () => {
    const from = midnight("2025-01-01") + 22 * HOUR; // 22:00 and 23:00 on 1 Jan, 00:00 on 2 Jan
    const series = hourly(from, [1, 2, 4]);
    const grid = buildDayGrid(tz, from, from + 2 * HOUR);
    const result = mergeIntoDays(series, grid, new Map());
    expect(result).toMatchObject({ stored: 3, replaced: 0, unchanged: 0 });
    expect(result.changedDays.map((d) => [d.date, d.values.length, d.sum])).toEqual([
      ["2025-01-01", 24, 3],
      ["2025-01-02", 24, 4],
    ]);
    const first = result.changedDays[0]!;
    expect(first.startsAt).toBe(midnight("2025-01-01"));
    expect(Number.isNaN(first.values[0]!)).toBe(true);
    expect(first.quality[0]).toBe(3);
    expect(Array.from(first.values.subarray(22))).toEqual([1, 2]);
    expect(Array.from(first.quality.subarray(22))).toEqual([0, 0]);
  });

  it("leaves equal values alone, replaces different ones with a revision, and fills gaps", () => {
    const day = midnight("2025-01-10");
    const stored: StoredDay = { values: [1, 2, Number.NaN, ...Array(21).fill(0.5)], quality: [0, 1, 3, ...Array(21).fill(0)] };
    const grid = buildDayGrid(tz, day, day + 23 * HOUR);
    const result = mergeIntoDays(hourly(day, [1, 2.5, 3, 0.5], [0, 0, 0, 1]), grid, new Map([["2025-01-10", stored]]));
    expect(result).toMatchObject({ stored: 1, replaced: 2, unchanged: 1 });
    expect(result.revisions).toEqual({
      length: 2,
      intervalStart: [day + HOUR, day + 3 * HOUR],
      previousValue: [2, 0.5],
      previousQuality: [1, 0],
      newValue: [2.5, 0.5],
      newQuality: [0, 1],
    });
    const merged = result.changedDays[0]!;
    expect(Array.from(merged.values.subarray(0, 5))).toEqual([1, 2.5, 3, 0.5, 0.5]);
    expect(Array.from(merged.quality.subarray(0, 5))).toEqual([0, 0, 0, 1, 0]);
    expect(merged.sum).toBeCloseTo(1 + 2.5 + 3 + 21 * 0.5, 10);
  });

  it("changes nothing when the same values come again", () => {
    const day = midnight("2025-01-10");
    const grid = buildDayGrid(tz, day, day + 23 * HOUR);
    const first = mergeIntoDays(hourly(day, Array.from({ length: 24 }, (_, i) => i / 10)), grid, new Map());
    const stored = new Map(first.changedDays.map((d) => [d.date, d]));
    const again = mergeIntoDays(hourly(day, Array.from({ length: 24 }, (_, i) => i / 10)), grid, stored);
    expect(again).toMatchObject({ stored: 0, replaced: 0, unchanged: 24, changedDays: [] });
    expect(again.revisions.length).toBe(0);
  });

  it.each([
    ["Europe/Stockholm", "2025-10-26", "PT1H", 25],
    ["Europe/Copenhagen", "2025-03-30", "PT1H", 23],
    ["Europe/Helsinki", "2025-10-26", "PT15M", 100],
    ["Europe/Helsinki", "2025-03-30", "PT15M", 92],
  ] as const)("%s %s at %s: one day of %i values", (zone, date, resolution, count) => {
    const start = localMidnightUtc(date, zone).getTime();
    const step = resolution === "PT1H" ? HOUR : HOUR / 4;
    const values = Array.from({ length: count }, (_, i) => i + 1);
    const series: SeriesValues = { resolution, length: count, times: values.map((_, i) => start + i * step), values, quality: values.map(() => 0) };
    const grid = buildDayGrid(zone, start, start + (count - 1) * step);
    const result = mergeIntoDays(series, grid, new Map());
    expect(result.changedDays).toHaveLength(1);
    expect(result.changedDays[0]!.date).toBe(date);
    expect(result.changedDays[0]!.values.length).toBe(count);
    expect(Array.from(result.changedDays[0]!.values)).toEqual(values);
    expect(result.changedDays[0]!.sum).toBe((count * (count + 1)) / 2);
  });
});
