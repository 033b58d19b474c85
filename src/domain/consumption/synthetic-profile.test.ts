import { describe, expect, it } from "vitest";
import { localDays } from "../time/zoned";
import {
  applySyntheticQuality,
  CLIMATES,
  generateDay,
  generateDayWithQuality,
  mixSeed,
  mulberry32,
  QUALITY,
  seedFromString,
  sumPresent,
  type ProfileKind,
  type ProfileParamsByKind,
  type Resolution,
} from "./synthetic-profile";

const STOCKHOLM = "Europe/Stockholm";

function series<K extends ProfileKind>(
  kind: K,
  params: ProfileParamsByKind[K],
  from: string,
  toExclusive: string,
  options: { timeZone?: string; resolution?: Resolution; seed?: number } = {},
): { date: string; values: number[] }[] {
  const timeZone = options.timeZone ?? STOCKHOLM;
  return localDays(from, toExclusive, timeZone).map((day) => ({
    date: day.date,
    values: generateDay(kind, params, day.date, timeZone, options.resolution ?? "PT1H", options.seed ?? 7),
  }));
}

const total = (days: { values: number[] }[]) => days.reduce((sum, d) => sum + d.values.reduce((a, b) => a + b, 0), 0);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const inMonths = (days: { date: string; values: number[] }[], months: number[]) =>
  days.filter((d) => months.includes(Number(d.date.slice(5, 7))));

describe("seeded randomness", () => {
  it("mulberry32 repeats for the same seed and differs for another", () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    for (const x of first) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of first) expect(x).toBeLessThan(1);
  });

  it("mixSeed and seedFromString are stable 32-bit values", () => {
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3));
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(3, 2, 1));
    expect(seedFromString("735999100000000017")).toBe(seedFromString("735999100000000017"));
    expect(seedFromString("a")).toBeLessThan(2 ** 32);
  });
});

describe("generateDay – shape of the output", () => {
  it("has one value per interval of the local day", () => {
    const villa = { annualKwh: 18_000, building: "house" } as const;
    expect(generateDay("electricity", villa, "2025-03-30", STOCKHOLM, "PT1H", 1)).toHaveLength(23);
    expect(generateDay("electricity", villa, "2025-10-26", STOCKHOLM, "PT1H", 1)).toHaveLength(25);
    expect(generateDay("electricity", villa, "2025-06-15", STOCKHOLM, "PT1H", 1)).toHaveLength(24);
    expect(generateDay("electricity", villa, "2025-03-30", "Europe/Helsinki", "PT15M", 1)).toHaveLength(92);
    expect(generateDay("electricity", villa, "2025-10-26", "Europe/Helsinki", "PT15M", 1)).toHaveLength(100);
    expect(generateDay("districtHeating", { annualKwh: 17_000, building: "house" }, "2025-10-26", STOCKHOLM, "PT1H", 1)).toHaveLength(25);
    expect(generateDay("outdoorTemperature", {}, "2025-03-30", STOCKHOLM, "PT1H", 1)).toHaveLength(23);
  });

  it("rounds energy to 3 decimals and temperatures to 1", () => {
    const energy = generateDay("districtHeating", { annualKwh: 17_000, building: "house" }, "2025-02-01", STOCKHOLM, "PT1H", 3);
    const supply = generateDay(
      "districtHeating",
      { annualKwh: 17_000, building: "house", quantity: "supplyTemp" },
      "2025-02-01",
      STOCKHOLM,
      "PT1H",
      3,
    );
    for (const v of energy) expect(Math.round(v * 1000) / 1000).toBe(v);
    for (const v of supply) expect(Math.round(v * 10) / 10).toBe(v);
  });

  it("is deterministic and independent of the order days are generated in", () => {
    const params = { annualKwh: 4_200, building: "house", heatingShare: 0.05, climate: CLIMATES.aarhus } as const;
    const forward = series("electricity", params, "2025-01-01", "2025-01-11", { timeZone: "Europe/Copenhagen" });
    const single = generateDay("electricity", params, "2025-01-05", "Europe/Copenhagen", "PT1H", 7);
    expect(forward[4]?.values).toEqual(single);
    expect(series("electricity", params, "2025-01-01", "2025-01-11", { timeZone: "Europe/Copenhagen" })).toEqual(forward);
  });

  it("differs between seeds and between days", () => {
    const params = { annualKwh: 2_500, building: "flat" } as const;
    const a = generateDay("electricity", params, "2025-05-05", STOCKHOLM, "PT1H", 1);
    const b = generateDay("electricity", params, "2025-05-05", STOCKHOLM, "PT1H", 2);
    const c = generateDay("electricity", params, "2025-05-06", STOCKHOLM, "PT1H", 1);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("never produces negative or non-finite energy", () => {
    for (const day of series("districtCooling", { annualKwh: 150_000 }, "2025-01-01", "2026-01-01")) {
      for (const v of day.values) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe("household electricity", () => {
  it("a villa with electric heating uses about its yearly target, most of it in winter", () => {
    const days = series("electricity", { annualKwh: 18_000, building: "house" }, "2025-01-01", "2026-01-01");
    const year = total(days);
    expect(year).toBeGreaterThan(15_000);
    expect(year).toBeLessThan(21_000);
    expect(total(inMonths(days, [1]))).toBeGreaterThan(2.5 * total(inMonths(days, [7])));
  });

  it("a flat uses 2 000–3 000 kWh a year", () => {
    const year = total(series("electricity", { annualKwh: 2_500, building: "flat" }, "2025-01-01", "2026-01-01"));
    expect(year).toBeGreaterThan(2_000);
    expect(year).toBeLessThan(3_000);
  });

  it("peaks in the evening and is lowest at night", () => {
    const days = series("electricity", { annualKwh: 2_500, building: "flat" }, "2025-01-06", "2025-03-01");
    const byHour = (h: number) => mean(days.filter((d) => d.values.length === 24).map((d) => d.values[h] ?? 0));
    expect(byHour(18)).toBeGreaterThan(1.8 * byHour(3));
    expect(byHour(7)).toBeGreaterThan(byHour(3));
  });

  it("quarter-hours add up to about the hourly values", () => {
    const params = { annualKwh: 2_500, building: "flat" } as const;
    const hourly = total(series("electricity", params, "2025-01-01", "2025-04-01", { resolution: "PT1H" }));
    const quarters = total(series("electricity", params, "2025-01-01", "2025-04-01", { resolution: "PT15M" }));
    expect(quarters / hourly).toBeGreaterThan(0.95);
    expect(quarters / hourly).toBeLessThan(1.05);
  });

  it("an office uses much more on weekday daytime than at weekends", () => {
    const days = series("electricity", { annualKwh: 120_000, building: "office" }, "2025-03-03", "2025-03-10");
    const monday = days[0]?.values ?? [];
    const sunday = days[6]?.values ?? [];
    expect(monday[10] ?? 0).toBeGreaterThan(2 * (sunday[10] ?? 0));
  });
});

describe("district heating", () => {
  const villa = { annualKwh: 17_000, building: "house", climate: CLIMATES.sjobotten } as const;

  it("follows the outdoor temperature: about the yearly target, winter ≫ summer", () => {
    const days = series("districtHeating", villa, "2025-01-01", "2026-01-01");
    const year = total(days);
    expect(year).toBeGreaterThan(14_500);
    expect(year).toBeLessThan(19_500);
    // Summer still has the hot water load.
    const july = total(inMonths(days, [7]));
    expect(july).toBeGreaterThan(100);
    expect(total(inMonths(days, [1]))).toBeGreaterThan(3 * july);
  });

  it("uses more on cold days than on mild days", () => {
    const days = series("districtHeating", { annualKwh: 400_000, building: "multiFamily" }, "2025-01-01", "2026-01-01");
    const temperatures = series("outdoorTemperature", {}, "2025-01-01", "2026-01-01");
    const pairs = days.map((d, i) => [mean(temperatures[i]?.values ?? []), d.values.reduce((a, b) => a + b, 0)] as const);
    const cold = pairs.filter(([t]) => t < -5).map(([, e]) => e);
    const mild = pairs.filter(([t]) => t > 5 && t < 12).map(([, e]) => e);
    expect(cold.length).toBeGreaterThan(5);
    expect(mean(cold)).toBeGreaterThan(1.8 * mean(mild));
  });

  it("gives supply, return and volume consistent with the energy", () => {
    const date = "2025-01-20";
    const q = (quantity: "energy" | "volume" | "supplyTemp" | "returnTemp") =>
      generateDay("districtHeating", { ...villa, quantity }, date, STOCKHOLM, "PT1H", 11);
    const energy = q("energy");
    const volume = q("volume");
    const supply = q("supplyTemp");
    const ret = q("returnTemp");
    expect(volume).toHaveLength(energy.length);
    for (let i = 0; i < energy.length; i++) {
      const s = supply[i] ?? 0;
      const r = ret[i] ?? 0;
      const e = energy[i] ?? 0;
      expect(s).toBeGreaterThanOrEqual(70);
      expect(s).toBeLessThanOrEqual(97);
      expect(r).toBeGreaterThanOrEqual(33);
      expect(r).toBeLessThanOrEqual(52);
      // volume = energy / (1.16 · ΔT), within rounding of the temperatures and volume.
      expect(Math.abs((volume[i] ?? 0) - e / (1.16 * (s - r)))).toBeLessThan(0.002 + e * 0.01);
    }
  });

  it("runs a lower supply temperature and smaller ΔT in summer", () => {
    const summer = (quantity: "supplyTemp" | "returnTemp") =>
      series("districtHeating", { ...villa, quantity }, "2025-07-01", "2025-08-01").flatMap((d) => d.values);
    const supply = mean(summer("supplyTemp"));
    const deltaT = supply - mean(summer("returnTemp"));
    expect(supply).toBeGreaterThan(64);
    expect(supply).toBeLessThan(71);
    expect(deltaT).toBeGreaterThan(20);
    expect(deltaT).toBeLessThan(30);
  });

  it("shifts the return temperature by the building's offset", () => {
    const date = "2025-02-10";
    const normal = generateDay("districtHeating", { ...villa, quantity: "returnTemp" }, date, STOCKHOLM, "PT1H", 5);
    const poor = generateDay("districtHeating", { ...villa, quantity: "returnTemp", returnOffset: 6 }, date, STOCKHOLM, "PT1H", 5);
    expect(mean(poor) - mean(normal)).toBeCloseTo(6, 0);
  });
});

describe("district cooling", () => {
  it("is summer driven", () => {
    const days = series("districtCooling", { annualKwh: 150_000 }, "2025-01-01", "2026-01-01");
    const year = total(days);
    expect(year).toBeGreaterThan(120_000);
    expect(year).toBeLessThan(180_000);
    expect(total(inMonths(days, [6, 7, 8]))).toBeGreaterThan(0.6 * year);
    expect(total(inMonths(days, [1]))).toBeGreaterThan(0); // base load all year
  });
});

describe("outdoor temperature", () => {
  it("has Stockholm's seasonal means (−4 °C in January, +18 °C in July)", () => {
    const days = series("outdoorTemperature", { climate: CLIMATES.stockholm }, "2015-01-01", "2025-01-01");
    expect(mean(inMonths(days, [1]).flatMap((d) => d.values))).toBeGreaterThan(-5.5);
    expect(mean(inMonths(days, [1]).flatMap((d) => d.values))).toBeLessThan(-2.5);
    expect(mean(inMonths(days, [7]).flatMap((d) => d.values))).toBeGreaterThan(16.5);
    expect(mean(inMonths(days, [7]).flatMap((d) => d.values))).toBeLessThan(19.5);
  });

  it("is warmer in the afternoon than before dawn", () => {
    const days = series("outdoorTemperature", {}, "2025-06-01", "2025-07-01");
    expect(mean(days.map((d) => d.values[15] ?? 0)) - mean(days.map((d) => d.values[3] ?? 0))).toBeGreaterThan(4);
  });

  it("is the same weather for every series at the location, whatever the seed", () => {
    expect(generateDay("outdoorTemperature", {}, "2025-01-15", STOCKHOLM, "PT1H", 1)).toEqual(
      generateDay("outdoorTemperature", {}, "2025-01-15", STOCKHOLM, "PT1H", 99),
    );
  });
});

describe("quality marking", () => {
  it("marks a few values estimated and rarely some missing, deterministically", () => {
    const params = { annualKwh: 18_000, building: "house" } as const;
    let estimated = 0;
    let missing = 0;
    let daysWithMissing = 0;
    for (const day of localDays("2024-01-01", "2027-01-01", STOCKHOLM)) {
      const a = generateDayWithQuality("electricity", params, day.date, STOCKHOLM, "PT1H", 77);
      expect(a.quality).toHaveLength(a.values.length);
      for (let i = 0; i < a.values.length; i++) {
        const q = a.quality[i];
        const v = a.values[i] ?? 0;
        if (q === QUALITY.missing) {
          expect(Number.isNaN(v)).toBe(true);
          missing++;
        } else {
          expect(Number.isFinite(v)).toBe(true);
          if (q === QUALITY.estimated) estimated++;
        }
      }
      if (a.quality.includes(QUALITY.missing)) daysWithMissing++;
    }
    expect(estimated).toBeGreaterThan(10);
    expect(estimated).toBeLessThan(200);
    expect(daysWithMissing).toBeGreaterThanOrEqual(1);
    expect(daysWithMissing).toBeLessThan(12);
    expect(missing).toBeGreaterThan(0);
  });

  it("puts gaps in the same places for every quantity of one installation", () => {
    const options = { estimatedDayRate: 1, missingDayRate: 1 };
    const energy = applySyntheticQuality([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], "2025-05-05", 9, options);
    const temps = applySyntheticQuality(new Array<number>(24).fill(40.5), "2025-05-05", 9, options);
    expect(temps.quality).toEqual(energy.quality);
    expect(energy.quality).toContain(QUALITY.missing);
  });

  it("estimates by a straight line between the neighbours", () => {
    const values = Array.from({ length: 24 }, (_, i) => i * 2);
    const { values: out, quality } = applySyntheticQuality(values, "2025-05-05", 3, { estimatedDayRate: 1, missingDayRate: 0 });
    const first = quality.indexOf(QUALITY.estimated);
    expect(first).toBeGreaterThanOrEqual(0);
    // On a straight line the estimate equals the original.
    expect(out).toEqual(values);
  });

  it("sums only the present values", () => {
    expect(sumPresent([1.1, Number.NaN, 2.2])).toBe(3.3);
    expect(sumPresent([])).toBe(0);
  });
});
