import "server-only";
import { typicalDayKwh, typicalPeriodKwh, type TypicalProfile } from "@/domain/consumption/typical-consumption";
import { addMonths, addYears } from "@/domain/time/zoned";
import type { CustomerActor } from "@/server/access/actor";
import { getConsumption, type ConsumptionInput } from "./get-consumption";
import type { ConsumptionBucket, ConsumptionGranularity, ConsumptionResult, ConsumptionTotal } from "./schemas";
import { effectiveEnd, totalOf } from "./series-buckets";

export type ComparisonInput = ConsumptionInput & {
  /** Compare with the same period one year earlier. */
  previousYear?: boolean;
  /** Compare with normal consumption of a flat or a house (energy only). */
  typical?: TypicalProfile | null;
};

export type Comparison = {
  current: ConsumptionResult;
  /** Buckets of the same period a year earlier, aligned with current.buckets (null: no such bucket). */
  previousYear: { from: string; toExclusive: string; buckets: (ConsumptionBucket | null)[]; total: ConsumptionTotal } | null;
  /** Typical kWh per current bucket for the chosen profile, over the part of the bucket shown. */
  typical: { profile: TypicalProfile; values: number[]; total: number } | null;
};

/**
 * Consumption with what it is compared to (seed 000: "jämför med normal förbrukning för lägenhet
 * eller villa" and with earlier years). The previous year covers exactly the shown part of the
 * period one year back (a month in progress is compared with the same days a year ago), and its
 * buckets are matched by local start one year earlier (29 February has no partner).
 */
export async function getComparison(actor: CustomerActor, input: ComparisonInput): Promise<Comparison> {
  const current = await getConsumption(actor, input);
  const shownEnd = effectiveEnd(input.toExclusive, current.timeZone, input.now);

  let previousYear: Comparison["previousYear"] = null;
  if (input.previousYear && current.installations.some((i) => i.hasSeries) && input.from < shownEnd) {
    const from = addYears(input.from, -1);
    const toExclusive = addYears(shownEnd, -1);
    const earlier = from < toExclusive ? await getConsumption(actor, { ...input, from, toExclusive }) : null;
    const byKey = new Map<string, ConsumptionBucket>();
    if (earlier) {
      const seen = new Map<string, number>();
      for (const b of earlier.buckets) {
        const n = seen.get(b.localStart) ?? 0;
        seen.set(b.localStart, n + 1);
        byKey.set(`${b.localStart}#${n}`, b);
      }
    }
    const seen = new Map<string, number>();
    const aligned = current.buckets.map((b) => {
      const n = seen.get(b.localStart) ?? 0;
      seen.set(b.localStart, n + 1);
      const date = b.localStart.slice(0, 10);
      const shifted = addYears(date, -1);
      // 29 February → 28 February would pair two days with one: leave it without a partner.
      if (date.endsWith("-02-29")) return null;
      return byKey.get(`${shifted}${b.localStart.slice(10)}#${n}`) ?? null;
    });
    const present = aligned.filter((b): b is ConsumptionBucket => b !== null);
    previousYear = { from, toExclusive, buckets: aligned, total: totalOf(present, current.aggregation === "mean") };
  }

  let typical: Comparison["typical"] = null;
  if (input.typical && current.quantity === "ENERGY_KWH") {
    const profile = input.typical;
    const values = current.buckets.map((b) => typicalOfBucket(profile, b, current.granularity, input.from, shownEnd));
    typical = { profile, values, total: values.reduce((a, b) => a + b, 0) };
  }

  return { current, previousYear, typical };
}

/** Typical kWh over the part of a bucket inside [from, end): whole days for months and years. */
function typicalOfBucket(profile: TypicalProfile, b: ConsumptionBucket, granularity: ConsumptionGranularity, from: string, end: string): number {
  const date = b.localStart.slice(0, 10);
  if (granularity === "hour") return typicalDayKwh(profile, date) / 24;
  if (granularity === "day") return typicalDayKwh(profile, date);
  const next = granularity === "month" ? addMonths(date, 1) : addYears(date, 1);
  const a = date < from ? from : date;
  const z = next > end ? end : next;
  return a < z ? typicalPeriodKwh(profile, a, z) : 0;
}
