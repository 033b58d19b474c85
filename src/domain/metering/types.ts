/**
 * Shared vocabulary of the meter-value import: quantities, resolutions, qualities, the problems a
 * file can have, and the per-series "run" that both parsers produce.
 *
 * A run holds the values of one series as parallel typed arrays (interval start in epoch ms, value,
 * quality code, and where each value came from in the file), so a million values cost a few
 * contiguous buffers instead of a million objects.
 */
import type { Resolution } from "@/domain/time/zoned";

export type { Resolution } from "@/domain/time/zoned";

export const RESOLUTIONS = ["PT15M", "PT1H"] as const satisfies readonly Resolution[];

export const METER_QUANTITIES = [
  "ENERGY_KWH",
  "VOLUME_M3",
  "SUPPLY_TEMP_C",
  "RETURN_TEMP_C",
  "FLOW_M3H",
  "POWER_KW",
  "OUTDOOR_TEMP_C",
] as const;
export type MeterQuantity = (typeof METER_QUANTITIES)[number];

/** Quantities that are accumulated through a meter and so can never be negative. */
export const NON_NEGATIVE_QUANTITIES: ReadonlySet<MeterQuantity> = new Set(["ENERGY_KWH", "VOLUME_M3"]);

/** Quality codes as stored in `MeterDay.quality`. */
export const QUALITY = { measured: 0, estimated: 1, corrected: 2, missing: 3 } as const;

export const STEP_MS: Readonly<Record<Resolution, number>> = { PT15M: 15 * 60_000, PT1H: 60 * 60_000 };

export type MeterFileFormat = "CSV" | "ELOVERBLIK_JSON";

export type ProblemCode =
  // The file as a whole
  | "EMPTY_FILE"
  | "NOT_UTF8"
  | "UNKNOWN_FORMAT"
  | "INVALID_JSON"
  | "INVALID_STRUCTURE"
  | "DOCUMENT_ERROR"
  // CSV layout
  | "MISSING_HEADER"
  | "MISSING_COLUMN"
  | "UNKNOWN_COLUMN"
  | "DUPLICATE_COLUMN"
  | "WRONG_FIELD_COUNT"
  // A series
  | "INVALID_METERING_POINT"
  | "INVALID_AREA"
  | "UNKNOWN_QUANTITY"
  | "UNSUPPORTED_UNIT"
  | "UNSUPPORTED_BUSINESS_TYPE"
  | "WRONG_RESOLUTION"
  | "INVALID_PERIOD"
  | "PERIOD_LENGTH_MISMATCH"
  // A value
  | "INVALID_TIMESTAMP"
  | "TIMESTAMP_WITHOUT_OFFSET"
  | "OFF_GRID"
  | "NOT_A_NUMBER"
  | "NEGATIVE_VALUE"
  | "UNKNOWN_QUALITY"
  | "INVALID_POSITION"
  | "POSITION_OUT_OF_RANGE"
  | "DUPLICATE_POSITION"
  | "DUPLICATE_TIMESTAMP"
  // Against the database (server side)
  | "UNKNOWN_INSTALLATION"
  | "UNKNOWN_AREA"
  | "RESOLUTION_MISMATCH"
  | "QUANTITY_NOT_ALLOWED"
  // The report itself
  | "TOO_MANY_PROBLEMS";

/**
 * One thing wrong with a file. `message` is a complete English sentence; `params` carries the same
 * facts for translated messages (key `meterImport.problems.<code>`). The location is a CSV `line`
 * (1 = header) or, for Eloverblik, `series`/`period` (1-based indexes in the document) and `position`.
 */
export interface Problem {
  code: ProblemCode;
  message: string;
  params?: Record<string, string | number>;
  line?: number;
  series?: number;
  period?: number;
  position?: number;
  field?: string;
  meteringPoint?: string;
  /** How many values of the file this problem kept out (series-level problems cover many). */
  values?: number;
  /** Another place in the file the problem refers to (the first occurrence of a repeated interval). */
  related?: ProblemLocation;
}

export type ProblemLocation = { line?: number; series?: number; period?: number; position?: number };

/** A series of a file: an installation's metering point, or an area (outdoor temperature). */
export type SeriesTarget = { kind: "meteringPoint"; meteringPointId: string } | { kind: "area"; areaCode: string };

export interface SeriesRun {
  key: string;
  target: SeriesTarget;
  quantity: MeterQuantity;
  resolution: Resolution;
  length: number;
  /** Interval starts, epoch milliseconds (UTC). Sorted ascending and unique once finalized. */
  times: Float64Array;
  values: Float64Array;
  quality: Uint8Array;
  /** Where each value came from: CSV line number, or an index into the parser's period table. */
  refA: Int32Array;
  /** Eloverblik position within the period (0 for CSV). */
  refB: Int32Array;
}

/** Turns a value's refA/refB into a location for a problem report. */
export type Locate = (refA: number, refB: number) => ProblemLocation;

export interface ParsedMeterFile {
  format: MeterFileFormat;
  runs: SeriesRun[];
  /** Values read from the file (lines or points that carry a value). */
  valuesReceived: number;
  /** Values of the file that a problem kept out. */
  valuesRejected: number;
  problems: ProblemList;
  locate: Locate;
}

/** The report keeps the first `limit` problems in full and counts the rest. */
export class ProblemList {
  readonly items: Problem[] = [];
  total = 0;
  constructor(readonly limit = 1000) {}

  add(problem: Problem): Problem {
    this.total += 1;
    if (this.items.length < this.limit) this.items.push(problem);
    return problem;
  }

  /** The problems for the report, with a closing note when some were left out. */
  report(): Problem[] {
    if (this.total <= this.items.length) return [...this.items];
    const more = this.total - this.items.length;
    return [
      ...this.items,
      {
        code: "TOO_MANY_PROBLEMS",
        message: `${more} more problem${more === 1 ? "" : "s"} not listed; the first ${this.items.length} are shown.`,
        params: { more, shown: this.items.length },
      },
    ];
  }
}

/** Growable typed arrays for one series while a file is read. */
export class RunBuilder {
  length = 0;
  times: Float64Array;
  values: Float64Array;
  quality: Uint8Array;
  refA: Int32Array;
  refB: Int32Array;

  constructor(
    readonly key: string,
    readonly target: SeriesTarget,
    readonly quantity: MeterQuantity,
    readonly resolution: Resolution,
    capacity = 1024,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.quality = new Uint8Array(capacity);
    this.refA = new Int32Array(capacity);
    this.refB = new Int32Array(capacity);
  }

  push(time: number, value: number, quality: number, refA: number, refB = 0): void {
    if (this.length === this.times.length) this.grow();
    const i = this.length++;
    this.times[i] = time;
    this.values[i] = value;
    this.quality[i] = quality;
    this.refA[i] = refA;
    this.refB[i] = refB;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a as never);
      return b;
    };
    this.times = grow(this.times, (n) => new Float64Array(n));
    this.values = grow(this.values, (n) => new Float64Array(n));
    this.quality = grow(this.quality, (n) => new Uint8Array(n));
    this.refA = grow(this.refA, (n) => new Int32Array(n));
    this.refB = grow(this.refB, (n) => new Int32Array(n));
  }

  toRun(): SeriesRun {
    const n = this.length;
    return {
      key: this.key,
      target: this.target,
      quantity: this.quantity,
      resolution: this.resolution,
      length: n,
      times: this.times.subarray(0, n),
      values: this.values.subarray(0, n),
      quality: this.quality.subarray(0, n),
      refA: this.refA.subarray(0, n),
      refB: this.refB.subarray(0, n),
    };
  }
}

/** "735999…" or "area SE3": how a series is named in messages. */
export function describeTarget(target: SeriesTarget): string {
  return target.kind === "area" ? `area ${target.areaCode}` : `metering point ${target.meteringPointId}`;
}

/** Units of new series (the unit is stored with the series for display). */
export const QUANTITY_UNITS: Readonly<Record<MeterQuantity, string>> = {
  ENERGY_KWH: "kWh",
  VOLUME_M3: "m³",
  SUPPLY_TEMP_C: "°C",
  RETURN_TEMP_C: "°C",
  FLOW_M3H: "m³/h",
  POWER_KW: "kW",
  OUTDOOR_TEMP_C: "°C",
};

export type InstallationKind = "ELECTRICITY_GRID" | "ELECTRICITY_SUPPLY" | "DISTRICT_HEATING" | "DISTRICT_COOLING";

/** What an installation's meter measures: electricity meters energy and power; heat meters all but outdoor temperature. */
export function quantityAllowed(kind: InstallationKind, quantity: MeterQuantity): boolean {
  if (quantity === "OUTDOOR_TEMP_C") return false;
  if (kind === "ELECTRICITY_GRID" || kind === "ELECTRICITY_SUPPLY") return quantity === "ENERGY_KWH" || quantity === "POWER_KW";
  return true;
}

/** The time zone whose calendar days an area series is stored in, from the area code's country. */
export function areaTimeZone(areaCode: string): string | null {
  if (areaCode.startsWith("SE")) return "Europe/Stockholm";
  if (areaCode.startsWith("DK")) return "Europe/Copenhagen";
  if (areaCode.startsWith("FI")) return "Europe/Helsinki";
  return null;
}

/** Problems behind a stored report, counting those summarised by its closing TOO_MANY_PROBLEMS entry. */
export function countReportedProblems(report: unknown): number {
  if (!Array.isArray(report)) return 0;
  const last = report[report.length - 1] as { code?: string; params?: { more?: number } } | undefined;
  return last?.code === "TOO_MANY_PROBLEMS" ? report.length - 1 + Number(last.params?.more ?? 0) : report.length;
}

/** The largest file the staff upload accepts (a year of quarter-hours for ~500 series as CSV). */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
