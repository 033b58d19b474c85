// Aggregation core: one year of 15-minute values (2025 in Europe/Stockholm, 35 040 values in a
// Float64Array, both DST days included) into month, day, hour and year buckets, side by side with
// the physical limit (a plain loop summing the same array) and a naive baseline (Intl per value).
//
// Targets (issue 3): month buckets ≥ 0.5 × the plain loop's throughput, day buckets ≥ 0.1 ×.
// A single aggregation takes tens of microseconds, so every sample times a batch of iterations
// (sized to about 10 ms during warm-up); the cases are interleaved round by round so that noise
// on this shared machine hits all of them alike, and each figure is the median of the rounds
// (ratioToPlainLoop: median of the per-round ratios).
//
// "cold" clears the zone's cached offset table before every iteration, so it pays for the Intl
// calls that find the DST changes (once per zone and UTC month in normal use). Informational.
import { aggregateSeries, type Granularity } from "../src/domain/consumption/aggregate";
import { clearUtcOffsetCache, utcOffsetMs, zonedParts } from "../src/domain/time/zoned";
import { median, report, round } from "./lib";

const TIME_ZONE = "Europe/Stockholm";
const START = "2024-12-31T23:00:00Z"; // 2025-01-01 00:00 in Stockholm
const N = 35_040;
const STEP_MS = 15 * 60_000;
const ROUNDS = 21;
const SAMPLE_TARGET_MS = 10;

type Case = { name: string; target: number | null; fn: () => number; batch: number; samples: number[] };

function makeValues(): Float64Array {
  // Deterministic household-like load (kWh per quarter-hour) with one missing hour in June, so the
  // NaN path is exercised as in real data.
  const values = new Float64Array(N);
  let state = 42;
  for (let i = 0; i < N; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const hourOfDay = (i >> 2) % 24;
    values[i] = 0.05 + 0.1 * (hourOfDay >= 7 && hourOfDay <= 21 ? 1 : 0) + (state / 2 ** 32) * 0.2;
  }
  const june = 151 * 96 + 40;
  for (let i = june; i < june + 4; i++) values[i] = NaN;
  return values;
}

function plainSum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** The obvious implementation: ask Intl for every value's local time and group by key. */
function naiveMonths(values: Float64Array): number {
  const sums = new Map<string, number>();
  const start = Date.parse(START);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const p = zonedParts(new Date(start + i * STEP_MS), TIME_ZONE);
    const key = `${p.year}-${p.month}`;
    sums.set(key, (sums.get(key) ?? 0) + (v === v ? v : 0));
  }
  return sums.size;
}

function aggregateCase(values: Float64Array, granularity: Granularity, cold = false): () => number {
  const series = { start: START, resolution: "PT15M" as const, values };
  return () => {
    if (cold) clearUtcOffsetCache();
    const buckets = aggregateSeries(series, granularity, TIME_ZONE);
    return buckets.length + buckets[0]!.value;
  };
}

function timeBatch(c: Case): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < c.batch; i++) sink += c.fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (sink === -1) console.error("unreachable"); // keeps the results alive
  return ms / c.batch;
}

function checkCorrectness(values: Float64Array): void {
  const months = aggregateSeries({ start: START, resolution: "PT15M", values }, "month", TIME_ZONE);
  let present = 0;
  let count = 0;
  for (const v of values) {
    if (v === v) {
      present += v;
      count++;
    }
  }
  const total = months.reduce((s, b) => s + b.value, 0);
  const expected = months.reduce((s, b) => s + b.expected, 0);
  const counted = months.reduce((s, b) => s + b.count, 0);
  if (months.length !== 12 || expected !== N || counted !== count || Math.abs(total - present) > 1e-6 * present) {
    throw new Error(`aggregate bench: month buckets disagree with the data (${months.length} buckets)`);
  }
  if (utcOffsetMs(new Date(START), TIME_ZONE) !== 3_600_000) throw new Error("aggregate bench: unexpected offset");
}

export async function run(): Promise<void> {
  const values = makeValues();
  checkCorrectness(values);

  const cases: Case[] = [
    { name: "plain-loop-sum-15min", target: null, fn: () => plainSum(values), batch: 1, samples: [] },
    { name: "aggregate-month-15min", target: 0.5, fn: aggregateCase(values, "month"), batch: 1, samples: [] },
    { name: "aggregate-day-15min", target: 0.1, fn: aggregateCase(values, "day"), batch: 1, samples: [] },
    { name: "aggregate-year-15min", target: null, fn: aggregateCase(values, "year"), batch: 1, samples: [] },
    { name: "aggregate-hour-15min", target: null, fn: aggregateCase(values, "hour"), batch: 1, samples: [] },
    { name: "aggregate-month-15min-cold", target: null, fn: aggregateCase(values, "month", true), batch: 1, samples: [] },
    { name: "naive-month-15min-intl-per-value", target: null, fn: () => naiveMonths(values), batch: 1, samples: [] },
  ];

  // Warm-up: let the JIT settle, then grow each batch until one sample takes SAMPLE_TARGET_MS.
  for (const c of cases) {
    const warmups = c.name.startsWith("naive") ? 2 : 500;
    for (let i = 0; i < warmups; i++) c.fn();
    while (timeBatch(c) * c.batch < SAMPLE_TARGET_MS) c.batch *= 2;
  }

  for (let r = 0; r < ROUNDS; r++) {
    for (const c of cases) c.samples.push(timeBatch(c));
  }

  // The ratio is the median of the per-round ratios: both samples of a round ran back to back, so
  // a load spike from other processes on the machine affects both.
  const plain = cases[0]!.samples;
  for (const c of cases) {
    const medianMs = median(c.samples);
    const ratio = median(c.samples.map((ms, r) => plain[r]! / ms));
    report({
      case: c.name,
      medianMs: round(medianMs, 5),
      valuesPerSecond: Math.round(N / (medianMs / 1000)),
      ratioToPlainLoop: round(ratio, ratio < 0.01 ? 6 : 3),
      batch: c.batch,
      repetitions: ROUNDS,
      target: c.target,
      meetsTarget: c.target === null ? null : ratio >= c.target,
    });
  }
}
