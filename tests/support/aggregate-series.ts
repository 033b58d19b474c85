// Shared by the aggregation tests (src/domain/consumption/aggregate*.test.ts): the Nordic zones,
// step lengths and small series builders.
import type { Resolution, Series } from "@/domain/consumption/aggregate";

export const STOCKHOLM = "Europe/Stockholm";
export const COPENHAGEN = "Europe/Copenhagen";
export const HELSINKI = "Europe/Helsinki";
export const ZONES = [STOCKHOLM, COPENHAGEN, HELSINKI] as const;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const STEP_MS: Record<Resolution, number> = { PT15M: 15 * MINUTE_MS, PT1H: HOUR_MS };

export const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
export const ones = (n: number) => new Float64Array(n).fill(1);
export const series = (start: string, resolution: Resolution, values: ArrayLike<number>): Series => ({
  start,
  resolution,
  values,
});
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
