import { describe, expect, it } from "vitest";
import { clampPeriod, defaultPeriod, isWholeMonths, isWholeYears, periodDays, quickPeriods, shiftPeriod } from "./periods";

describe("consumption periods", () => {
  it("opens each view with its natural period around the anchor day", () => {
    expect(defaultPeriod("year", "2026-11-21")).toEqual({ from: "2022-01-01", to: "2026-12-31" });
    expect(defaultPeriod("month", "2026-11-21")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(defaultPeriod("day", "2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(defaultPeriod("hour", "2025-10-26")).toEqual({ from: "2025-10-26", to: "2025-10-26" });
  });

  it("counts days with both ends included", () => {
    expect(periodDays({ from: "2025-01-01", to: "2025-12-31" })).toBe(365);
    expect(periodDays({ from: "2025-03-30", to: "2025-03-30" })).toBe(1);
  });

  it("shortens a period that is too long for the view, keeping its end", () => {
    expect(clampPeriod({ from: "2025-01-01", to: "2025-12-31" }, "hour")).toEqual({ period: { from: "2025-12-01", to: "2025-12-31" }, clamped: true });
    expect(clampPeriod({ from: "2025-01-01", to: "2025-12-31" }, "day")).toEqual({ period: { from: "2025-01-01", to: "2025-12-31" }, clamped: false });
    expect(clampPeriod({ from: "2025-02-01", to: "2025-01-01" }, "day")).toEqual({ period: { from: "2025-01-01", to: "2025-02-01" }, clamped: true });
  });

  it("moves whole years by years, whole months by months and other periods by their length", () => {
    expect(shiftPeriod({ from: "2025-01-01", to: "2025-12-31" }, -1)).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(shiftPeriod({ from: "2022-01-01", to: "2026-12-31" }, 1)).toEqual({ from: "2027-01-01", to: "2031-12-31" });
    expect(shiftPeriod({ from: "2024-01-01", to: "2024-01-31" }, 1)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(shiftPeriod({ from: "2024-03-01", to: "2024-03-31" }, -1)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(shiftPeriod({ from: "2025-10-01", to: "2025-12-31" }, -1)).toEqual({ from: "2025-07-01", to: "2025-09-30" });
    expect(shiftPeriod({ from: "2025-03-30", to: "2025-03-30" }, 1)).toEqual({ from: "2025-03-31", to: "2025-03-31" });
    expect(shiftPeriod({ from: "2025-11-14", to: "2025-11-20" }, -1)).toEqual({ from: "2025-11-07", to: "2025-11-13" });
    expect(isWholeYears({ from: "2025-01-01", to: "2025-12-31" })).toBe(true);
    expect(isWholeMonths({ from: "2025-02-01", to: "2025-02-28" })).toBe(true);
    expect(isWholeMonths({ from: "2025-02-01", to: "2025-02-27" })).toBe(false);
  });

  it("offers the quick periods relative to today", () => {
    const q = Object.fromEntries(quickPeriods("2026-03-15").map((p) => [p.key, p]));
    expect(q.last7Days).toEqual({ key: "last7Days", granularity: "day", period: { from: "2026-03-08", to: "2026-03-14" } });
    expect(q.thisMonth!.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(q.lastMonth!.period).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(q.thisYear).toMatchObject({ granularity: "month", period: { from: "2026-01-01", to: "2026-12-31" } });
    expect(q.lastYear!.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(q.last12Months!.period).toEqual({ from: "2025-03-01", to: "2026-02-28" });
  });
});
