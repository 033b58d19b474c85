import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  clearUtcOffsetCache,
  dateOfEpochDay,
  dayOfYear,
  daysBetween,
  epochDay,
  intervalsInLocalDay,
  intervalWallClockMinutes,
  isoWeekday,
  localDate,
  localDays,
  localMidnightUtc,
  utcOffsetMs,
  utcOffsetTimeline,
  utcOffsetTransitions,
  zonedParts,
} from "./zoned";

const STOCKHOLM = "Europe/Stockholm";
const HELSINKI = "Europe/Helsinki";
const COPENHAGEN = "Europe/Copenhagen";

describe("zonedParts", () => {
  it("gives the local wall clock in summer and winter", () => {
    expect(zonedParts(new Date("2025-07-01T10:30:00Z"), STOCKHOLM)).toEqual({
      year: 2025,
      month: 7,
      day: 1,
      hour: 12,
      minute: 30,
    });
    expect(zonedParts(new Date("2025-12-31T23:15:00Z"), HELSINKI)).toEqual({
      year: 2026,
      month: 1,
      day: 1,
      hour: 1,
      minute: 15,
    });
  });

  it("reports midnight as hour 0, not 24", () => {
    expect(zonedParts(new Date("2025-01-14T23:00:00Z"), STOCKHOLM).hour).toBe(0);
  });

  it("rejects an unknown zone", () => {
    expect(() => zonedParts(new Date(), "Europe/Atlantis")).toThrow(RangeError);
  });
});

describe("utcOffsetMs", () => {
  it("is +1 h in Stockholm winter and +3 h in Helsinki summer", () => {
    expect(utcOffsetMs(new Date("2025-01-15T12:00:00Z"), STOCKHOLM)).toBe(3_600_000);
    expect(utcOffsetMs(new Date("2025-07-15T12:00:00Z"), HELSINKI)).toBe(3 * 3_600_000);
  });
});

describe("localMidnightUtc", () => {
  it("is 22:00Z the day before in Stockholm summer", () => {
    expect(localMidnightUtc("2025-07-01", STOCKHOLM).toISOString()).toBe("2025-06-30T22:00:00.000Z");
  });

  it("is 23:00Z the day before in Stockholm winter", () => {
    expect(localMidnightUtc("2025-01-15", STOCKHOLM).toISOString()).toBe("2025-01-14T23:00:00.000Z");
  });

  it("handles the DST days themselves (the change happens after midnight)", () => {
    expect(localMidnightUtc("2025-03-30", STOCKHOLM).toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(localMidnightUtc("2025-03-31", STOCKHOLM).toISOString()).toBe("2025-03-30T22:00:00.000Z");
    expect(localMidnightUtc("2025-10-26", STOCKHOLM).toISOString()).toBe("2025-10-25T22:00:00.000Z");
    expect(localMidnightUtc("2025-10-27", STOCKHOLM).toISOString()).toBe("2025-10-26T23:00:00.000Z");
  });

  it("works for Helsinki (UTC+2/+3) and UTC", () => {
    expect(localMidnightUtc("2025-03-30", HELSINKI).toISOString()).toBe("2025-03-29T22:00:00.000Z");
    expect(localMidnightUtc("2025-07-01", HELSINKI).toISOString()).toBe("2025-06-30T21:00:00.000Z");
    expect(localMidnightUtc("2024-02-29", "UTC").toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it("returns the first instant of the day where midnight is skipped", () => {
    // Santiago (Chile) moved clocks from 00:00 to 01:00 on 2022-09-11.
    const start = localMidnightUtc("2022-09-11", "America/Santiago");
    expect(localDate(start, "America/Santiago")).toBe("2022-09-11");
    expect(zonedParts(start, "America/Santiago").hour).toBe(1);
    expect(localDate(new Date(start.getTime() - 60_000), "America/Santiago")).toBe("2022-09-10");
  });

  it("rejects malformed and impossible dates", () => {
    expect(() => localMidnightUtc("2025-7-1", STOCKHOLM)).toThrow(RangeError);
    expect(() => localMidnightUtc("2025-02-29", STOCKHOLM)).toThrow(RangeError);
  });
});

describe("calendar arithmetic", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2025-03-30", 0)).toBe("2025-03-30");
  });

  it("adds months and years with clamping", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
    expect(addMonths("2025-01-15", -1)).toBe("2024-12-15");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2026-11-22", -3)).toBe("2023-11-22");
  });

  it("counts days and weekdays", () => {
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2025-01-01", "2024-01-01")).toBe(-366);
    expect(epochDay("1970-01-02")).toBe(1);
    expect(dateOfEpochDay(epochDay("2026-11-22"))).toBe("2026-11-22");
    expect(isoWeekday("2025-03-30")).toBe(7); // Sunday
    expect(isoWeekday("2025-03-31")).toBe(1); // Monday
    expect(dayOfYear("2024-12-31")).toBe(366);
    expect(dayOfYear("2025-01-01")).toBe(1);
  });
});

describe("localDate", () => {
  it("maps late-evening UTC instants to the next local date", () => {
    expect(localDate(new Date("2025-06-30T22:00:00Z"), STOCKHOLM)).toBe("2025-07-01");
    expect(localDate(new Date("2025-06-30T21:59:59Z"), STOCKHOLM)).toBe("2025-06-30");
    expect(localDate(new Date("2025-06-30T21:00:00Z"), HELSINKI)).toBe("2025-07-01");
  });
});

describe("localDays", () => {
  const hoursOf = (date: string, timeZone: string) => localDays(date, addDays(date, 1), timeZone)[0]?.hours;

  it("has 23 hours on the spring change and 25 on the autumn change in Stockholm", () => {
    expect(hoursOf("2025-03-30", STOCKHOLM)).toBe(23);
    expect(hoursOf("2025-10-26", STOCKHOLM)).toBe(25);
  });

  it("has 23 hours on the spring change in Helsinki (03:00 local) and Copenhagen", () => {
    expect(hoursOf("2025-03-30", HELSINKI)).toBe(23);
    expect(hoursOf("2025-10-26", HELSINKI)).toBe(25);
    expect(hoursOf("2025-03-30", COPENHAGEN)).toBe(23);
    expect(hoursOf("2025-10-26", COPENHAGEN)).toBe(25);
  });

  it("has 24 hours on a normal day", () => {
    expect(hoursOf("2025-06-15", STOCKHOLM)).toBe(24);
    expect(hoursOf("2025-01-15", COPENHAGEN)).toBe(24);
  });

  it("chains days without gaps or overlaps", () => {
    const days = localDays("2025-03-28", "2025-04-02", STOCKHOLM);
    expect(days.map((d) => d.date)).toEqual(["2025-03-28", "2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01"]);
    for (let i = 1; i < days.length; i++) {
      expect(days[i]?.startsAt.getTime()).toBe(days[i - 1]?.endsAt.getTime());
    }
  });

  it("gives 366 days and 8784 hours in the leap year 2024", () => {
    const days = localDays("2024-01-01", "2025-01-01", STOCKHOLM);
    expect(days).toHaveLength(366);
    expect(days.reduce((sum, d) => sum + d.hours, 0)).toBe(8784);
    expect(days.filter((d) => d.hours !== 24).map((d) => [d.date, d.hours])).toEqual([
      ["2024-03-31", 23],
      ["2024-10-27", 25],
    ]);
  });

  it("is empty for an empty or inverted range", () => {
    expect(localDays("2025-01-01", "2025-01-01", STOCKHOLM)).toEqual([]);
    expect(localDays("2025-01-02", "2025-01-01", STOCKHOLM)).toEqual([]);
  });
});

describe("intervalsInLocalDay", () => {
  it("counts hours and quarter-hours", () => {
    expect(intervalsInLocalDay("2025-03-30", STOCKHOLM, "PT1H")).toBe(23);
    expect(intervalsInLocalDay("2025-10-26", STOCKHOLM, "PT1H")).toBe(25);
    expect(intervalsInLocalDay("2025-06-15", STOCKHOLM, "PT1H")).toBe(24);
    expect(intervalsInLocalDay("2025-03-30", HELSINKI, "PT15M")).toBe(92);
    expect(intervalsInLocalDay("2025-10-26", HELSINKI, "PT15M")).toBe(100);
    expect(intervalsInLocalDay("2025-06-15", HELSINKI, "PT15M")).toBe(96);
  });
});

describe("intervalWallClockMinutes", () => {
  it("is 0, 60, … 1380 on a normal day", () => {
    expect(intervalWallClockMinutes("2025-06-15", STOCKHOLM, "PT1H")).toEqual(
      Array.from({ length: 24 }, (_, i) => i * 60),
    );
  });

  it("skips 02:00 in Stockholm and 03:00 in Helsinki in spring", () => {
    const stockholm = intervalWallClockMinutes("2025-03-30", STOCKHOLM, "PT1H");
    expect(stockholm).toHaveLength(23);
    expect(stockholm.slice(0, 4)).toEqual([0, 60, 180, 240]);
    const helsinki = intervalWallClockMinutes("2025-03-30", HELSINKI, "PT1H");
    expect(helsinki.slice(0, 5)).toEqual([0, 60, 120, 240, 300]);
  });

  it("repeats 02:00 in Stockholm in autumn, per quarter-hour too", () => {
    const hourly = intervalWallClockMinutes("2025-10-26", STOCKHOLM, "PT1H");
    expect(hourly.slice(0, 5)).toEqual([0, 60, 120, 120, 180]);
    const quarters = intervalWallClockMinutes("2025-10-26", STOCKHOLM, "PT15M");
    expect(quarters).toHaveLength(100);
    expect(quarters.slice(8, 17)).toEqual([120, 135, 150, 165, 120, 135, 150, 165, 180]);
    expect(quarters[99]).toBe(23 * 60 + 45);
  });
});

describe("utcOffsetTimeline / utcOffsetTransitions", () => {
  const HOUR = 3_600_000;
  const at = (iso: string) => new Date(iso);
  const simple = (from: string, to: string, zone: string) =>
    utcOffsetTransitions(at(from), at(to), zone).map((t) => [t.at.toISOString(), t.offsetBeforeMs / HOUR, t.offsetAfterMs / HOUR]);

  it("finds the two EU changes of 2025 at 01:00 UTC", () => {
    const stockholm = utcOffsetTimeline(at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), STOCKHOLM);
    expect(stockholm.offsetAtFromMs).toBe(HOUR);
    expect(simple("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", STOCKHOLM)).toEqual([
      ["2025-03-30T01:00:00.000Z", 1, 2],
      ["2025-10-26T01:00:00.000Z", 2, 1],
    ]);
    expect(simple("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", HELSINKI)).toEqual([
      ["2025-03-30T01:00:00.000Z", 2, 3],
      ["2025-10-26T01:00:00.000Z", 3, 2],
    ]);
    expect(simple("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", COPENHAGEN)).toEqual(
      simple("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", STOCKHOLM),
    );
  });

  it("includes a change at `to` and excludes one at `from`", () => {
    expect(simple("2025-03-30T00:59:59Z", "2025-03-30T01:00:00Z", STOCKHOLM)).toHaveLength(1);
    const fromChange = utcOffsetTimeline(at("2025-03-30T01:00:00Z"), at("2025-04-30T00:00:00Z"), STOCKHOLM);
    expect(fromChange).toEqual({ offsetAtFromMs: 2 * HOUR, transitions: [] });
    expect(utcOffsetTimeline(at("2025-07-01T00:00:00Z"), at("2025-07-01T00:00:00Z"), HELSINKI)).toEqual({
      offsetAtFromMs: 3 * HOUR,
      transitions: [],
    });
  });

  it("has none in zones without daylight saving time", () => {
    expect(utcOffsetTimeline(at("2020-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), "UTC")).toEqual({
      offsetAtFromMs: 0,
      transitions: [],
    });
    expect(utcOffsetTimeline(at("2024-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), "Asia/Tokyo").transitions).toEqual([]);
  });

  it("finds a 30-minute change and a change at local midnight", () => {
    // Lord Howe Island: +11 → +10:30 at 02:00 local on 2025-04-06.
    expect(simple("2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z", "Australia/Lord_Howe")).toEqual([
      ["2025-04-05T15:00:00.000Z", 11, 10.5],
    ]);
    // Santiago: 00:00 → 01:00 on 2022-09-11 (04:00 UTC).
    expect(simple("2022-09-01T00:00:00Z", "2022-10-01T00:00:00Z", "America/Santiago")).toEqual([
      ["2022-09-11T04:00:00.000Z", -4, -3],
    ]);
  });

  it("agrees with utcOffsetMs before and after every change and at random instants, 2023–2027", () => {
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const from = Date.UTC(2023, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    for (const zone of [STOCKHOLM, COPENHAGEN, HELSINKI, "Australia/Lord_Howe", "America/Santiago"]) {
      const timeline = utcOffsetTimeline(new Date(from), new Date(to), zone);
      if (zone.startsWith("Europe/")) expect(timeline.transitions).toHaveLength(10);
      for (const t of timeline.transitions) {
        expect(utcOffsetMs(new Date(t.at.getTime() - 1000), zone)).toBe(t.offsetBeforeMs);
        expect(utcOffsetMs(t.at, zone)).toBe(t.offsetAfterMs);
      }
      for (let i = 0; i < 200; i++) {
        const instant = from + Math.floor(random() * (to - from));
        let offset = timeline.offsetAtFromMs;
        for (const t of timeline.transitions) if (t.at.getTime() <= instant) offset = t.offsetAfterMs;
        expect(offset, `${zone} ${new Date(instant).toISOString()}`).toBe(utcOffsetMs(new Date(instant), zone));
      }
    }
  });

  it("gives the same answer after the cache is cleared, and rejects bad input", () => {
    const before = utcOffsetTimeline(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), COPENHAGEN);
    clearUtcOffsetCache();
    expect(utcOffsetTimeline(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), COPENHAGEN)).toEqual(before);
    expect(() => utcOffsetTimeline(at("2025-01-01T00:00:00Z"), at("2025-02-01T00:00:00Z"), "Europe/Atlantis")).toThrow(
      RangeError,
    );
    expect(() => utcOffsetTimeline(at("2025-02-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), STOCKHOLM)).toThrow(RangeError);
    expect(() => utcOffsetTimeline(new Date(NaN), at("2025-01-01T00:00:00Z"), STOCKHOLM)).toThrow(RangeError);
  });
});
