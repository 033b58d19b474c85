/**
 * How big a consumption export is, known before a single meter value is read: one row per
 * installation and bucket, and for several installations the summed rows of the selection after
 * them. A file is refused above MAX_EXPORT_ROWS, so that the largest export a user can ask for is
 * written within seconds and a few hundred MB (bench/export.bench.ts;
 * docs/decisions/014-bounded-exports.md). The consumption page and the export route apply the same
 * rule, so the page offers no download that the route would refuse.
 */
import { addDays, daysBetween, localMidnightUtc } from "../time/zoned";
import type { PeriodGranularity } from "./periods";

/**
 * Rows per export: about 3.7 years of days or 8 weeks of hours for 36 installations, several times
 * what the consumption page shows at once. Chosen by measurement on the shared 2-core machine
 * (bench/export.bench.ts, docs/decisions/014-bounded-exports.md): at 100 000 rows Excel took 4–9 s
 * under load, too close to the 10 s budget; at 50 000 the slowest case (Excel) takes 1.7–7 s and
 * adds 50–135 MB to the process.
 */
export const MAX_EXPORT_ROWS = 50_000;

export type ExportSizeInput = {
  /** Installations that have a series of the quantity (the others give no rows). */
  installations: number;
  granularity: PeriodGranularity;
  /** Local dates [from, toExclusive). */
  from: string;
  toExclusive: string;
  /** Zone of the bucket boundaries. */
  timeZone: string;
  /** Today's local date: the export stops with yesterday, as the page does. */
  today: string;
};

export type ExportSize = { rows: number; buckets: number; maxRows: number; allowed: boolean };

/** Buckets of local days [from, end): hours (23 or 25 on the days the clocks change), days, months or years. */
export function exportBucketCount(granularity: PeriodGranularity, from: string, end: string, timeZone: string): number {
  if (from >= end) return 0;
  switch (granularity) {
    case "hour":
      return Math.round((localMidnightUtc(end, timeZone).getTime() - localMidnightUtc(from, timeZone).getTime()) / 3_600_000);
    case "day":
      return daysBetween(from, end);
    case "month": {
      const last = addDays(end, -1);
      return (Number(last.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    }
    case "year":
      return Number(addDays(end, -1).slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  }
}

/** Rows of an export of `installations` × `buckets`, plus the summed rows when there are several. */
export function exportRowCount(installations: number, buckets: number): number {
  if (installations <= 0) return 0;
  return installations * buckets + (installations > 1 ? buckets : 0);
}

export function exportSize(input: ExportSizeInput, maxRows = MAX_EXPORT_ROWS): ExportSize {
  const end = input.toExclusive < input.today ? input.toExclusive : input.today;
  const buckets = exportBucketCount(input.granularity, input.from, end, input.timeZone);
  const rows = exportRowCount(input.installations, buckets);
  return { rows, buckets, maxRows, allowed: rows <= maxRows };
}
