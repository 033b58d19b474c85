import { describe, expect, it } from "vitest";
import { exportBucketCount, exportRowCount, exportSize, MAX_EXPORT_ROWS } from "./export-size";

const TZ = "Europe/Stockholm";

describe("exportBucketCount", () => {
  it("counts the hours of local days, 23 and 25 on the days the clocks change", () => {
    expect(exportBucketCount("hour", "2025-03-30", "2025-03-31", TZ)).toBe(23);
    expect(exportBucketCount("hour", "2025-10-26", "2025-10-27", TZ)).toBe(25);
    expect(exportBucketCount("hour", "2025-01-01", "2026-01-01", TZ)).toBe(8760);
  });

  it("counts days, calendar months and calendar years touched by the period", () => {
    expect(exportBucketCount("day", "2024-01-01", "2025-01-01", TZ)).toBe(366);
    expect(exportBucketCount("month", "2025-01-15", "2025-03-02", TZ)).toBe(3);
    expect(exportBucketCount("month", "2024-01-01", "2026-01-01", TZ)).toBe(24);
    expect(exportBucketCount("year", "2006-01-01", "2026-01-01", TZ)).toBe(20);
    expect(exportBucketCount("year", "2025-12-31", "2026-01-02", TZ)).toBe(2);
  });

  it("is zero for an empty period", () => {
    expect(exportBucketCount("day", "2025-01-02", "2025-01-02", TZ)).toBe(0);
  });
});

describe("exportRowCount", () => {
  it("is one row per installation and bucket, and the summed rows only for several installations", () => {
    expect(exportRowCount(1, 31)).toBe(31);
    expect(exportRowCount(2, 2)).toBe(6);
    expect(exportRowCount(36, 744)).toBe(37 * 744);
    expect(exportRowCount(0, 744)).toBe(0);
  });
});

describe("exportSize", () => {
  const today = "2026-12-04";

  it("refuses the 20-year daily export of 36 installations that took 54 s and 2.8 GB", () => {
    const size = exportSize({ installations: 36, granularity: "day", from: "2006-12-04", toExclusive: "2026-12-04", timeZone: TZ, today });
    expect(size.buckets).toBe(7305);
    expect(size.rows).toBe(37 * 7305);
    expect(size.allowed).toBe(false);
    expect(size.maxRows).toBe(MAX_EXPORT_ROWS);
  });

  it("allows what the consumption page offers for the demo company: a year of days or a month of hours", () => {
    expect(exportSize({ installations: 36, granularity: "day", from: "2025-12-04", toExclusive: "2026-12-04", timeZone: TZ, today }).allowed).toBe(true);
    expect(exportSize({ installations: 36, granularity: "hour", from: "2026-10-01", toExclusive: "2026-11-01", timeZone: TZ, today }).allowed).toBe(true);
  });

  it("stops the period with yesterday, as the export itself does", () => {
    expect(exportSize({ installations: 1, granularity: "day", from: "2026-12-01", toExclusive: "2027-01-01", timeZone: TZ, today }).rows).toBe(3);
  });

  it("allows exactly the limit and refuses one row more", () => {
    const input = { installations: 1, granularity: "day" as const, from: "2026-01-01", toExclusive: "2026-01-11", timeZone: TZ, today };
    expect(exportSize(input, 10).allowed).toBe(true);
    expect(exportSize(input, 9).allowed).toBe(false);
  });
});
