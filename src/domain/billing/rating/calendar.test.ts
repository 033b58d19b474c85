import { describe, expect, it } from "vitest";
import { calendarFor, clearCalendarCache, periodDays } from "./calendar";

describe("the period calendar", () => {
  it("has the local days of the period and where each starts (743 hours in March in Stockholm)", () => {
    const march = periodDays("Europe/Stockholm", "2025-03-01", "2025-04-01", "PT1H");
    expect(march.intervals).toBe(743);
    expect(march.days).toHaveLength(31);
    expect(new Date(march.startMs).toISOString()).toBe("2025-02-28T23:00:00.000Z");
    const spring = march.days.find((d) => d.date === "2025-03-30")!;
    expect(spring.end - spring.first).toBe(23);
    expect(march.days[30]!.end).toBe(743);
    expect(march.days[0]).toMatchObject({ monthKey: "2025-03", month: 3, daysInMonth: 31, daysInYear: 365, weekday: 6, first: 0, end: 24 });
  });

  it("gives 100 quarter-hours to the autumn day and classifies its repeated hour twice", () => {
    const cal = calendarFor("Europe/Stockholm", "2025-10-26", "2025-10-27", "PT15M");
    expect(cal.intervals).toBe(100);
    expect(Array.from(cal.localMinute.slice(8, 16))).toEqual([120, 135, 150, 165, 120, 135, 150, 165]);
    expect(cal.dayOf[99]).toBe(0);
  });

  it("is empty for an empty period", () => {
    const empty = calendarFor("Europe/Helsinki", "2025-05-01", "2025-05-01", "PT1H");
    expect(empty.days).toEqual([]);
    expect(empty.intervals).toBe(0);
    expect(Number.isNaN(empty.startMs)).toBe(true);
  });

  it("is the same object for the same period until the cache is cleared", () => {
    const a = periodDays("Europe/Copenhagen", "2025-01-01", "2025-02-01", "PT15M");
    expect(periodDays("Europe/Copenhagen", "2025-01-01", "2025-02-01", "PT15M")).toBe(a);
    expect(calendarFor("Europe/Copenhagen", "2025-01-01", "2025-02-01", "PT15M").days).toBe(a.days);
    clearCalendarCache();
    expect(periodDays("Europe/Copenhagen", "2025-01-01", "2025-02-01", "PT15M")).not.toBe(a);
  });
});
