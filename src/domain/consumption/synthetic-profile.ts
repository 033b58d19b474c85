/**
 * Deterministic synthetic meter values for the demo data set and for tests.
 *
 * Every value is a pure function of (profile, parameters, local date, interval, seed): a day is the
 * same whether it is generated alone or as part of three years, in any order, on any machine. This
 * is why noise comes from a seeded PRNG (mulberry32) keyed by the day, never from Math.random, and
 * why the weather is a function of the location's seed and the date rather than a running process.
 *
 * The shapes are plausible rather than calibrated: household electricity has morning and evening
 * peaks and more use in winter; district heating follows heating degree hours below 17 °C plus a hot
 * water base load, with supply and return temperatures and the volume that carries the energy;
 * district cooling follows the outdoor temperature during office hours. Yearly totals land within a
 * few per cent of the requested `annualKwh` in an average year.
 */
import {
  dayOfYear,
  epochDay,
  intervalWallClockMinutes,
  isoWeekday,
  resolutionMinutes,
  type Resolution,
} from "../time/zoned";

export type { Resolution } from "../time/zoned";

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast 32-bit PRNG with good enough statistics for synthetic data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Combines integers into one well-mixed 32-bit seed (FNV-1a steps plus the murmur3 finaliser). */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h ^= h >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit seed from a text such as a metering point id, so a series' data follows its identity. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mixSeed(h);
}

/** Standard normal variate from two uniforms (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(0) would be -Infinity
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// ---------------------------------------------------------------------------------------------
// Climate and outdoor temperature

export interface Climate {
  /** Identifies the location: every series at the same location sees the same weather. */
  seed: number;
  /** Mean outdoor temperature in January and July, °C. */
  januaryMean: number;
  julyMean: number;
  /** Half the typical day–night swing, °C (default 1.5 in winter, 4 in summer). */
  winterDailyHalfRange?: number;
  summerDailyHalfRange?: number;
  /** Spread of the weather around the seasonal mean, °C (default 5 in winter, 2.5 in summer). */
  winterWeatherStd?: number;
  summerWeatherStd?: number;
}

export const CLIMATES = {
  stockholm: { seed: 59_33, januaryMean: -4, julyMean: 18 },
  /** A Skellefteå-like town on the northern Swedish coast. */
  sjobotten: { seed: 64_75, januaryMean: -9, julyMean: 16 },
  aarhus: { seed: 56_16, januaryMean: 1, julyMean: 17 },
  tampere: { seed: 61_50, januaryMean: -6, julyMean: 17 },
} as const satisfies Record<string, Climate>;

const YEAR_DAYS = 365.25;
// Day of the year of the coldest point of the seasonal curve (about 19 January).
const COLDEST_DAY = 19;
// Interpolating between independent knots shrinks the variance; this is the resulting share of the
// nominal weather spread, used when computing expected degree hours.
const WEATHER_STD_EFFECTIVE = 0.78;

interface ResolvedClimate {
  seed: number;
  annualMean: number;
  amplitude: number;
  winterHalfRange: number;
  summerHalfRange: number;
  winterStd: number;
  summerStd: number;
  key: string;
}

function resolveClimate(climate: Climate): ResolvedClimate {
  const resolved = {
    seed: climate.seed,
    annualMean: (climate.januaryMean + climate.julyMean) / 2,
    amplitude: (climate.julyMean - climate.januaryMean) / 2,
    winterHalfRange: climate.winterDailyHalfRange ?? 1.5,
    summerHalfRange: climate.summerDailyHalfRange ?? 4,
    winterStd: climate.winterWeatherStd ?? 5,
    summerStd: climate.summerWeatherStd ?? 2.5,
  };
  return { ...resolved, key: JSON.stringify(resolved) };
}

/** 0 in midwinter, 1 in midsummer. */
function summerWeight(doy: number): number {
  return (1 - Math.cos((2 * Math.PI * (doy - COLDEST_DAY)) / YEAR_DAYS)) / 2;
}

/** Seasonal plus daily cycle, without weather: the climatological mean at a day and hour. */
function climateMean(c: ResolvedClimate, doy: number, hourOfDay: number): number {
  const season = c.annualMean - c.amplitude * Math.cos((2 * Math.PI * (doy - COLDEST_DAY)) / YEAR_DAYS);
  const w = summerWeight(doy);
  const halfRange = c.winterHalfRange + (c.summerHalfRange - c.winterHalfRange) * w;
  // Coldest around 03, warmest around 15 local time.
  return season + halfRange * Math.sin((2 * Math.PI * (hourOfDay - 9)) / 24);
}

function weatherStd(c: ResolvedClimate, doy: number): number {
  return c.winterStd + (c.summerStd - c.winterStd) * summerWeight(doy);
}

function knotValue(seed: number, octave: number, knot: number): number {
  return gaussian(mulberry32(mixSeed(seed, octave, knot)));
}

/** Smooth value noise: unit-variance Gaussian knots at integers, cosine-interpolated. */
function valueNoise(seed: number, octave: number, x: number): number {
  const k = Math.floor(x);
  const t = x - k;
  const s = (1 - Math.cos(Math.PI * t)) / 2;
  return knotValue(seed, octave, k) * (1 - s) + knotValue(seed, octave, k + 1) * s;
}

/**
 * Weather: how much warmer or colder than the climatological mean it is, as a smooth function of
 * time (days since 1970, fractional), with spells of a few days plus shorter wiggles.
 */
function weatherAnomaly(c: ResolvedClimate, doy: number, days: number): number {
  const shape = 0.85 * valueNoise(c.seed, 1, days / 4) + 0.4 * valueNoise(c.seed, 2, days / 1.2);
  return weatherStd(c, doy) * shape;
}

// ---------------------------------------------------------------------------------------------
// Expected degree hours (normalising yearly totals)

function normalCdf(z: number): number {
  // Abramowitz & Stegun 7.1.26; ample accuracy for normalisation.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** E[max(0, m + X)] for X ~ N(0, s²). */
function expectedPositivePart(m: number, s: number): number {
  if (s <= 0) return Math.max(0, m);
  const z = m / s;
  return m * normalCdf(z) + (s * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI);
}

const expectedDegreeHourCache = new Map<string, number>();

/**
 * Expected yearly sum of hourly degree values below (`heating`) or above (`cooling`) `base`,
 * weighted by an hour-of-day factor averaged over the week, in °C·h.
 */
function expectedYearlyDegreeHours(
  c: ResolvedClimate,
  direction: "heating" | "cooling",
  base: number,
  weightId: string,
  weight: (hour: number) => number,
): number {
  const key = `${c.key}|${direction}|${base}|${weightId}`;
  const cached = expectedDegreeHourCache.get(key);
  if (cached !== undefined) return cached;
  let total = 0;
  for (let doy = 1; doy <= 365; doy++) {
    const s = weatherStd(c, doy) * WEATHER_STD_EFFECTIVE;
    for (let hour = 0; hour < 24; hour++) {
      const mean = climateMean(c, doy, hour + 0.5);
      const m = direction === "heating" ? base - mean : mean - base;
      total += expectedPositivePart(m, s) * weight(hour);
    }
  }
  total *= YEAR_DAYS / 365;
  expectedDegreeHourCache.set(key, total);
  return total;
}

// ---------------------------------------------------------------------------------------------
// Daily shapes (24 hourly factors, normalised to mean 1)

function normalised(values: readonly number[]): readonly number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}

const SHAPES = {
  houseWeekday: normalised([
    0.55, 0.45, 0.42, 0.4, 0.42, 0.55, 0.95, 1.35, 1.15, 0.85, 0.75, 0.75, 0.8, 0.78, 0.78, 0.9, 1.15, 1.55, 1.75,
    1.7, 1.55, 1.35, 1.05, 0.75,
  ]),
  houseWeekend: normalised([
    0.6, 0.5, 0.45, 0.42, 0.42, 0.45, 0.6, 0.85, 1.15, 1.3, 1.3, 1.25, 1.25, 1.15, 1.1, 1.15, 1.3, 1.55, 1.7, 1.6,
    1.45, 1.3, 1.1, 0.8,
  ]),
  propertyWeekday: normalised([
    0.8, 0.78, 0.76, 0.76, 0.78, 0.85, 1.0, 1.1, 1.05, 1.0, 1.0, 1.0, 1.02, 1.0, 1.0, 1.05, 1.12, 1.2, 1.25, 1.25, 1.2,
    1.1, 0.98, 0.88,
  ]),
  propertyWeekend: normalised([
    0.82, 0.8, 0.78, 0.77, 0.77, 0.8, 0.88, 0.98, 1.05, 1.08, 1.08, 1.08, 1.08, 1.06, 1.05, 1.07, 1.12, 1.2, 1.24,
    1.22, 1.18, 1.1, 1.0, 0.9,
  ]),
  officeWeekday: normalised([
    0.45, 0.45, 0.45, 0.45, 0.48, 0.6, 0.95, 1.45, 1.7, 1.75, 1.75, 1.7, 1.65, 1.7, 1.7, 1.65, 1.5, 1.2, 0.85, 0.65,
    0.55, 0.5, 0.48, 0.46,
  ]),
  hotWater: normalised([
    0.3, 0.2, 0.2, 0.2, 0.3, 0.7, 1.6, 2.0, 1.5, 1.0, 0.8, 0.8, 0.9, 0.8, 0.8, 0.9, 1.1, 1.4, 1.7, 1.8, 1.6, 1.3, 0.9,
    0.5,
  ]),
};

/** Office weekend electricity relative to a weekday's mean. */
const OFFICE_WEEKEND_LEVEL = 0.5;

function at(shape: readonly number[], hour: number): number {
  return shape[hour] ?? 1;
}

/** Heating is a little higher at night and in the morning (night setback recovery, colder hours). */
function heatingHourFactor(hour: number): number {
  return 1 + 0.06 * Math.cos((2 * Math.PI * (hour - 6)) / 24);
}

/** Offices run heating lower outside office hours. */
function officeHeatingFactor(hour: number, weekday: number): number {
  return weekday <= 5 && hour >= 6 && hour < 18 ? 1.12 : 0.88;
}

function officeOccupancy(hour: number, weekday: number): number {
  return weekday <= 5 && hour >= 7 && hour < 18 ? 1 : 0.3;
}

/** Average of an (hour, weekday) factor over the week, for each hour. */
function weekAverage(factor: (hour: number, weekday: number) => number): (hour: number) => number {
  return (hour) => {
    let sum = 0;
    for (let weekday = 1; weekday <= 7; weekday++) sum += factor(hour, weekday);
    return sum / 7;
  };
}

// ---------------------------------------------------------------------------------------------
// Public parameters

export type ElectricityBuilding = "house" | "flat" | "multiFamily" | "office";
export type HeatingBuilding = "house" | "multiFamily" | "office";

export interface ElectricityParams {
  /** Yearly consumption in an average year, kWh (villa with electric heating ≈ 15 000–20 000). */
  annualKwh: number;
  building: ElectricityBuilding;
  /** Share of the yearly energy that is electric heating (default 0.55 for a house, else 0). */
  heatingShare?: number;
  climate?: Climate;
}

export type DistrictHeatingQuantity = "energy" | "volume" | "supplyTemp" | "returnTemp";

export interface DistrictHeatingParams {
  annualKwh: number;
  building: HeatingBuilding;
  /** Share of the yearly energy used for hot water (default 0.2 house, 0.25 multi-family, 0.08 office). */
  hotWaterShare?: number;
  /** Building's return temperature above (+) or below (−) the typical one, K. */
  returnOffset?: number;
  quantity?: DistrictHeatingQuantity;
  climate?: Climate;
}

export type DistrictCoolingQuantity = "energy" | "volume" | "supplyTemp" | "returnTemp";

export interface DistrictCoolingParams {
  annualKwh: number;
  /** Share of the yearly energy that runs all year (server rooms, processes); default 0.15. */
  baseShare?: number;
  quantity?: DistrictCoolingQuantity;
  climate?: Climate;
}

export interface OutdoorTemperatureParams {
  climate?: Climate;
}

export interface ProfileParamsByKind {
  electricity: ElectricityParams;
  districtHeating: DistrictHeatingParams;
  districtCooling: DistrictCoolingParams;
  outdoorTemperature: OutdoorTemperatureParams;
}

export type ProfileKind = keyof ProfileParamsByKind;

/** A profile with its parameters, for callers that keep both together. */
export type ProfileSpec = {
  [K in ProfileKind]: { kind: K; params: ProfileParamsByKind[K] };
}[ProfileKind];

export const QUALITY = { measured: 0, estimated: 1, corrected: 2, missing: 3 } as const;

export interface QualityOptions {
  /** Share of days with a short run of estimated values (default 0.02). */
  estimatedDayRate?: number;
  /** Share of days with a short run of missing values (default 0.003). */
  missingDayRate?: number;
}

export interface GeneratedDay {
  values: number[];
  quality: number[];
}

// ---------------------------------------------------------------------------------------------
// The day context: what every generator needs to know about the intervals of a local day

interface DayContext {
  doy: number;
  weekday: number;
  epoch: number;
  /** Wall-clock minute of the day at each interval's start. */
  minutes: readonly number[];
  stepMinutes: number;
}

const wallClockCache = new Map<string, readonly number[]>();
const WALL_CLOCK_CACHE_LIMIT = 20_000;

function dayContext(date: string, timeZone: string, resolution: Resolution): DayContext {
  // Thousands of series share the same days; the zone arithmetic is done once per day and zone.
  const key = `${date}|${timeZone}|${resolution}`;
  let minutes = wallClockCache.get(key);
  if (!minutes) {
    if (wallClockCache.size >= WALL_CLOCK_CACHE_LIMIT) wallClockCache.clear();
    minutes = intervalWallClockMinutes(date, timeZone, resolution);
    wallClockCache.set(key, minutes);
  }
  return {
    doy: dayOfYear(date),
    weekday: isoWeekday(date),
    epoch: epochDay(date),
    minutes,
    stepMinutes: resolutionMinutes(resolution),
  };
}

/** Outdoor temperature without the hourly jitter: what buildings respond to. */
function smoothTemperature(c: ResolvedClimate, ctx: DayContext, minute: number): number {
  const hour = (minute + ctx.stepMinutes / 2) / 60;
  return climateMean(c, ctx.doy, hour) + weatherAnomaly(c, ctx.doy, ctx.epoch + hour / 24);
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

// Streams per purpose, so that for example the volume series reuses exactly the energy noise.
const STREAM = { energy: 1, supply: 2, ret: 3, outdoor: 4, quality: 5 } as const;

function dayRandom(seed: number, ctx: DayContext, stream: number): () => number {
  return mulberry32(mixSeed(seed, ctx.epoch, stream));
}

/** Relative noise per interval: quarter-hours are noisier than hours. */
function noiseFactor(random: () => number, ctx: DayContext, hourlyStd: number): number {
  const std = ctx.stepMinutes < 60 ? hourlyStd * 1.4 : hourlyStd;
  return Math.max(0.05, 1 + std * gaussian(random));
}

// ---------------------------------------------------------------------------------------------
// Generators (values in kWh per interval, m³ per interval, °C)

const DEFAULT_CLIMATE: Climate = CLIMATES.stockholm;
const HOURS_PER_YEAR = YEAR_DAYS * 24;
const HEATING_BASE = 17;
const COOLING_BASE = 12;

function outdoorTemperatureDay(p: OutdoorTemperatureParams, ctx: DayContext): number[] {
  const c = resolveClimate(p.climate ?? DEFAULT_CLIMATE);
  // The jitter is keyed by the location, not the series, so two sensors in one town agree.
  const random = mulberry32(mixSeed(c.seed, ctx.epoch, STREAM.outdoor));
  return ctx.minutes.map((minute) => round(smoothTemperature(c, ctx, minute) + 0.3 * gaussian(random), 1));
}

function electricityDay(p: ElectricityParams, ctx: DayContext, seed: number): number[] {
  const c = resolveClimate(p.climate ?? DEFAULT_CLIMATE);
  const heatingShare = p.heatingShare ?? (p.building === "house" ? 0.55 : 0);
  const applianceHourly = ((1 - heatingShare) * p.annualKwh) / HOURS_PER_YEAR;
  const heatingPerDegreeHour =
    heatingShare > 0
      ? (heatingShare * p.annualKwh) /
        expectedYearlyDegreeHours(c, "heating", HEATING_BASE, "electric-heating", heatingHourFactor)
      : 0;
  // Lighting and indoor life: about +20 % in midwinter, −20 % in midsummer.
  const season = 1 + 0.2 * Math.cos((2 * Math.PI * (ctx.doy - 10)) / YEAR_DAYS);
  const weekend = ctx.weekday >= 6;
  const random = dayRandom(seed, ctx, STREAM.energy);
  const hourlyStd = p.building === "house" || p.building === "flat" ? 0.2 : 0.06;
  const stepHours = ctx.stepMinutes / 60;
  return ctx.minutes.map((minute) => {
    const hour = Math.floor(minute / 60);
    let shape: number;
    switch (p.building) {
      case "house":
      case "flat":
        shape = at(weekend ? SHAPES.houseWeekend : SHAPES.houseWeekday, hour);
        break;
      case "multiFamily":
        shape = at(weekend ? SHAPES.propertyWeekend : SHAPES.propertyWeekday, hour);
        break;
      case "office":
        // Normalised so that a week (5 office days, 2 weekend days) averages 1.
        shape = (weekend ? OFFICE_WEEKEND_LEVEL : at(SHAPES.officeWeekday, hour)) / ((5 + 2 * OFFICE_WEEKEND_LEVEL) / 7);
        break;
    }
    const appliance = applianceHourly * shape * season;
    const heating =
      heatingPerDegreeHour * Math.max(0, HEATING_BASE - smoothTemperature(c, ctx, minute)) * heatingHourFactor(hour);
    return round(Math.max(0, (appliance + heating) * stepHours * noiseFactor(random, ctx, hourlyStd)), 3);
  });
}

interface ThermalDay {
  energy: number[];
  volume: number[];
  supplyTemp: number[];
  returnTemp: number[];
}

function districtHeatingDay(p: DistrictHeatingParams, ctx: DayContext, seed: number): ThermalDay {
  const c = resolveClimate(p.climate ?? DEFAULT_CLIMATE);
  const hotWaterShare = p.hotWaterShare ?? (p.building === "house" ? 0.2 : p.building === "multiFamily" ? 0.25 : 0.08);
  const hourFactor: (hour: number, weekday: number) => number =
    p.building === "office" ? officeHeatingFactor : (hour) => heatingHourFactor(hour);
  const spaceHeatingPerDegreeHour =
    ((1 - hotWaterShare) * p.annualKwh) /
    expectedYearlyDegreeHours(c, "heating", HEATING_BASE, `dh-${p.building}`, weekAverage(hourFactor));
  const hotWaterHourly = (hotWaterShare * p.annualKwh) / HOURS_PER_YEAR;
  // Cold mains water in winter needs more energy to heat.
  const hotWaterSeason = 1 + 0.1 * Math.cos((2 * Math.PI * (ctx.doy - COLDEST_DAY)) / YEAR_DAYS);
  // Many flats smooth the hot water peaks; an office hardly has any.
  const hotWaterPeakiness = p.building === "house" ? 1 : p.building === "multiFamily" ? 0.6 : 0.3;
  const hourlyStd = p.building === "house" ? 0.15 : 0.05;
  const stepHours = ctx.stepMinutes / 60;
  const energyRandom = dayRandom(seed, ctx, STREAM.energy);
  const supplyRandom = dayRandom(seed, ctx, STREAM.supply);
  const returnRandom = dayRandom(seed, ctx, STREAM.ret);
  const returnOffset = p.returnOffset ?? 0;

  const day: ThermalDay = { energy: [], volume: [], supplyTemp: [], returnTemp: [] };
  for (const minute of ctx.minutes) {
    const hour = Math.floor(minute / 60);
    const outdoor = smoothTemperature(c, ctx, minute);
    const spaceHeating =
      spaceHeatingPerDegreeHour * Math.max(0, HEATING_BASE - outdoor) * hourFactor(hour, ctx.weekday);
    const hotWaterShape = 1 + hotWaterPeakiness * (at(SHAPES.hotWater, hour) - 1);
    const hotWater = hotWaterHourly * hotWaterShape * hotWaterSeason;
    const energy = Math.max(0, (spaceHeating + hotWater) * stepHours * noiseFactor(energyRandom, ctx, hourlyStd));

    // The network's supply curve: about 67 °C from +10 °C upwards, rising to 95 °C at −20 °C.
    const supply = Math.min(95, 67 + Math.max(0, 10 - outdoor) * (28 / 30)) + 0.8 * gaussian(supplyRandom);
    // Cooling (ΔT) about 25 K in summer, 35–45 K in winter.
    const cooling = Math.min(45, Math.max(22, 25 + Math.max(0, 10 - outdoor) * 0.75));
    const ret = supply - cooling + returnOffset + 0.8 * gaussian(returnRandom);
    const supplyRounded = round(supply, 1);
    const returnRounded = round(ret, 1);
    const deltaT = Math.max(5, supply - ret);
    const energyRounded = round(energy, 3);
    day.energy.push(energyRounded);
    day.supplyTemp.push(supplyRounded);
    day.returnTemp.push(returnRounded);
    // 1.16 kWh heats one m³ of water by one kelvin.
    day.volume.push(round(energyRounded / (1.16 * deltaT), 3));
  }
  return day;
}

function districtCoolingDay(p: DistrictCoolingParams, ctx: DayContext, seed: number): ThermalDay {
  const c = resolveClimate(p.climate ?? DEFAULT_CLIMATE);
  const baseShare = p.baseShare ?? 0.15;
  const baseHourly = (baseShare * p.annualKwh) / HOURS_PER_YEAR;
  const comfortPerDegreeHour =
    ((1 - baseShare) * p.annualKwh) /
    expectedYearlyDegreeHours(c, "cooling", COOLING_BASE, "office-occupancy", weekAverage(officeOccupancy));
  const stepHours = ctx.stepMinutes / 60;
  const energyRandom = dayRandom(seed, ctx, STREAM.energy);
  const supplyRandom = dayRandom(seed, ctx, STREAM.supply);
  const returnRandom = dayRandom(seed, ctx, STREAM.ret);
  const peakHourly = baseHourly + comfortPerDegreeHour * 15;

  const day: ThermalDay = { energy: [], volume: [], supplyTemp: [], returnTemp: [] };
  for (const minute of ctx.minutes) {
    const hour = Math.floor(minute / 60);
    const outdoor = smoothTemperature(c, ctx, minute);
    const comfort = comfortPerDegreeHour * Math.max(0, outdoor - COOLING_BASE) * officeOccupancy(hour, ctx.weekday);
    const hourly = baseHourly + comfort;
    const energy = Math.max(0, hourly * stepHours * noiseFactor(energyRandom, ctx, 0.07));
    const supply = 6 + 0.3 * gaussian(supplyRandom);
    // Higher load, larger ΔT: from about 7 K at base load to about 10 K at peak.
    const load = Math.min(1, hourly / peakHourly);
    const ret = supply + 7 + 3 * load + 0.4 * gaussian(returnRandom);
    const energyRounded = round(energy, 3);
    day.energy.push(energyRounded);
    day.supplyTemp.push(round(supply, 1));
    day.returnTemp.push(round(ret, 1));
    day.volume.push(round(energyRounded / (1.16 * Math.max(2, ret - supply)), 3));
  }
  return day;
}

// ---------------------------------------------------------------------------------------------
// Entry points

function generateWithContext<K extends ProfileKind>(
  kind: K,
  params: ProfileParamsByKind[K],
  ctx: DayContext,
  seed: number,
): number[] {
  const spec = { kind, params } as ProfileSpec;
  switch (spec.kind) {
    case "electricity":
      return electricityDay(spec.params, ctx, seed);
    case "districtHeating":
      return districtHeatingDay(spec.params, ctx, seed)[spec.params.quantity ?? "energy"];
    case "districtCooling":
      return districtCoolingDay(spec.params, ctx, seed)[spec.params.quantity ?? "energy"];
    case "outdoorTemperature":
      return outdoorTemperatureDay(spec.params, ctx);
  }
}

/**
 * Values of one series for one local day: one number per interval, as many as the day has
 * (23/24/25 hours, 92/96/100 quarter-hours). Energy in kWh per interval (3 decimals), volume in m³
 * per interval, temperatures in °C (1 decimal). All quantities of one installation must use the
 * same seed so that volume, temperatures and energy belong together.
 */
export function generateDay<K extends ProfileKind>(
  kind: K,
  params: ProfileParamsByKind[K],
  date: string,
  timeZone: string,
  resolution: Resolution,
  seed: number,
): number[] {
  return generateWithContext(kind, params, dayContext(date, timeZone, resolution), seed);
}

/**
 * Marks a few values of a day as estimated (quality 1, replaced by a straight line between their
 * neighbours, as an estimator would) and, rarely, a few as missing (NaN, quality 3). Which values
 * depends only on the seed and the date, so all series of one installation (same seed) have their
 * gaps in the same places, as they would when the meter itself failed to report.
 */
export function applySyntheticQuality(
  values: readonly number[],
  date: string,
  seed: number,
  options: QualityOptions = {},
): GeneratedDay {
  const estimatedRate = options.estimatedDayRate ?? 0.02;
  const missingRate = options.missingDayRate ?? 0.003;
  const out = values.slice();
  const quality: number[] = values.map((v) => (Number.isNaN(v) ? QUALITY.missing : QUALITY.measured));
  const n = values.length;
  if (n === 0) return { values: out, quality };
  const random = mulberry32(mixSeed(seed, epochDay(date), STREAM.quality));
  // Runs are counted in hours and scaled to the resolution of the day.
  const perHour = Math.max(1, Math.round(n / 24));

  const estimatedDraw = random();
  const estimatedStart = random();
  const estimatedLength = random();
  const missingDraw = random();
  const missingStart = random();
  const missingLength = random();

  if (estimatedDraw < estimatedRate) {
    const length = Math.min(n, (1 + Math.floor(estimatedLength * 4)) * perHour);
    const start = Math.floor(estimatedStart * (n - length + 1));
    const before = out[start - 1];
    const after = out[start + length];
    const decimals = decimalsOf(values);
    for (let i = 0; i < length; i++) {
      const index = start + i;
      const original = out[index] ?? 0;
      let estimate = original;
      if (before !== undefined && after !== undefined && Number.isFinite(before) && Number.isFinite(after)) {
        estimate = before + ((after - before) * (i + 1)) / (length + 1);
      } else if (before !== undefined && Number.isFinite(before)) {
        estimate = before;
      } else if (after !== undefined && Number.isFinite(after)) {
        estimate = after;
      }
      out[index] = round(estimate, decimals);
      quality[index] = QUALITY.estimated;
    }
  }
  if (missingDraw < missingRate) {
    const length = Math.min(n, (1 + Math.floor(missingLength * 3)) * perHour);
    const start = Math.floor(missingStart * (n - length + 1));
    for (let i = start; i < start + length; i++) {
      out[i] = Number.NaN;
      quality[i] = QUALITY.missing;
    }
  }
  return { values: out, quality };
}

function decimalsOf(values: readonly number[]): number {
  let decimals = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    while (decimals < 6 && Math.abs(round(v, decimals) - v) > 1e-9) decimals++;
  }
  return decimals;
}

/** `generateDay` followed by `applySyntheticQuality`. */
export function generateDayWithQuality<K extends ProfileKind>(
  kind: K,
  params: ProfileParamsByKind[K],
  date: string,
  timeZone: string,
  resolution: Resolution,
  seed: number,
  options?: QualityOptions,
): GeneratedDay {
  return applySyntheticQuality(generateDay(kind, params, date, timeZone, resolution, seed), date, seed, options);
}

/** Sum of the present (non-NaN) values, rounded to remove floating-point dust. */
export function sumPresent(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) if (!Number.isNaN(v)) sum += v;
  return round(sum, 6);
}
