// Property-based tests of aggregateSeries with a seeded PRNG: random series across the Nordic zones'
// clock changes, checked for invariants and against a reference that asks Intl for every value.
// The table tests are in aggregate.test.ts.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/fixtures/synthetic-profile";
import { HOUR_MS, iso, MINUTE_MS, series, STEP_MS, sum, ZONES } from "../../../tests/support/aggregate-series";
import { addDays, addMonths, addYears, localDate, localMidnightUtc, utcOffsetMs, utcOffsetTransitions, zonedParts } from "../time/zoned";
import { aggregateSeries, type Bucket, type Granularity, type Resolution, type Series } from "./aggregate";

const GRANULARITIES: Granularity[] = ["hour", "day", "month", "year"];
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
