/**
 * Checks shared by the CSV and Eloverblik parsers: encoding, resolution, instants on the resolution's
 * grid, decimal values, negative values where they cannot be, and duplicates within a series. Every
 * problem has a stable code, a complete English message and the facts as params for translations.
 */
import {
  METER_QUANTITIES,
  NON_NEGATIVE_QUANTITIES,
  RESOLUTIONS,
  RunBuilder,
  STEP_MS,
  type Locate,
  type MeterQuantity,
  type Problem,
  type ProblemCode,
  type ProblemList,
  type ProblemLocation,
  type Resolution,
  type SeriesRun,
} from "./types";

const SAVE_AS_UTF8 = "Save it as UTF-8 and import it again.";

// ---------------------------------------------------------------------------------------------
// Encoding

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: Problem };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes the file as UTF-8 (a UTF-8 byte order mark is allowed and dropped). Refuses an empty file,
 * UTF-16 (by its byte order mark, or by the zero bytes that ASCII text has in UTF-16), and any
 * invalid UTF-8 sequence, naming the first bad byte and its line.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: emptyFileProblem() };
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    const reason = utf16 === "bom" ? "it starts with a UTF-16 byte order mark" : "every other byte is zero";
    return {
      ok: false,
      problem: {
        code: "NOT_UTF8",
        message: `The file is not UTF-8 encoded (looks like UTF-16: ${reason}). ${SAVE_AS_UTF8}`,
        params: { encoding: "UTF-16", detail: reason },
      },
    };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, problem: invalidUtf8Problem(bytes) };
  }
  if (text.trim() === "") return { ok: false, problem: emptyFileProblem() };
  return { ok: true, text };
}

export function emptyFileProblem(): Problem {
  return { code: "EMPTY_FILE", message: "The file is empty.", params: {} };
}

function utf16Kind(bytes: Uint8Array): "bom" | "zeros" | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return "bom";
  // ASCII text in UTF-16 has a zero byte in every character; text in UTF-8 has none.
  const sample = Math.min(bytes.length, 512);
  if (sample < 4) return null;
  let zeros = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) zeros++;
  return zeros * 4 >= sample ? "zeros" : null;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates are not characters
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

const windows1252 = new TextDecoder("windows-1252");

function invalidUtf8Problem(bytes: Uint8Array): Problem {
  const at = Math.max(0, firstInvalidUtf8(bytes));
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  const byte = bytes[at] ?? 0;
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  // A lone high byte between ASCII characters is how Windows-1252 / ISO-8859-1 write å, ä, ö, ø, æ.
  const char = windows1252.decode(Uint8Array.of(byte));
  // Printable characters only (0x80–0x9F are mostly typographic signs, a few are unassigned).
  const printable = byte >= 0xa0 || char.charCodeAt(0) >= 0x100;
  const shown = printable ? `, "${char}" in Windows-1252` : "";
  return {
    code: "NOT_UTF8",
    message: `The file is not UTF-8 encoded (looks like Windows-1252: byte ${hex}${shown} on line ${line} is not valid UTF-8). ${SAVE_AS_UTF8}`,
    params: { encoding: "Windows-1252", byte: hex, line },
    line,
  };
}

// ---------------------------------------------------------------------------------------------
// Series attributes

/** The member of a list of codes that the value names, whatever its case and surrounding spaces. */
function codeIn<T extends string>(codes: readonly T[], value: string): T | null {
  const v = value.trim().toUpperCase();
  return (codes as readonly string[]).includes(v) ? (v as T) : null;
}

export function parseResolution(value: string): Resolution | null {
  return codeIn(RESOLUTIONS, value);
}

export function wrongResolutionProblem(value: string, location: ProblemLocation = {}): Problem {
  return {
    code: "WRONG_RESOLUTION",
    message: `Resolution "${value}" is not supported: use PT15M (15 minutes) or PT1H (one hour).`,
    params: { value },
    field: "resolution",
    ...location,
  };
}

export function parseQuantity(value: string): MeterQuantity | null {
  return codeIn(METER_QUANTITIES, value);
}

export function unknownQuantityProblem(value: string, location: ProblemLocation = {}): Problem {
  return {
    code: "UNKNOWN_QUANTITY",
    message: `Unknown quantity "${value}": expected one of ${METER_QUANTITIES.join(", ")}.`,
    params: { value, expected: METER_QUANTITIES.join(", ") },
    field: "quantity",
    ...location,
  };
}

// ---------------------------------------------------------------------------------------------
// Instants

export type InstantError = "invalid" | "no-offset";

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!);

function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Parses an ISO-8601 instant with a UTC offset: `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or
 * `±HH:MM` (`±HHMM`, `±HH` too), from `s[from]` up to `s[to]` (surrounding spaces ignored). Returns
 * epoch milliseconds, "no-offset" for a local time without offset (ambiguous on daylight-saving
 * days), or "invalid". Hand-written and allocation-free: it runs once per value.
 */
export function parseInstant(s: string, from = 0, to = s.length): number | InstantError {
  while (from < to && s.charCodeAt(from) === 32) from++;
  while (to > from && s.charCodeAt(to - 1) === 32) to--;
  const b = from;
  if (to - b < 16) return "invalid";
  const year = digitsAt(s, b, 4);
  const month = digitsAt(s, b + 5, 2);
  const day = digitsAt(s, b + 8, 2);
  const sepT = s.charCodeAt(b + 10);
  const hour = digitsAt(s, b + 11, 2);
  const minute = digitsAt(s, b + 14, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    s.charCodeAt(b + 4) !== 45 ||
    s.charCodeAt(b + 7) !== 45 ||
    (sepT !== 84 && sepT !== 116 && sepT !== 32) ||
    hour < 0 ||
    hour > 23 ||
    s.charCodeAt(b + 13) !== 58 ||
    minute < 0 ||
    minute > 59 ||
    day > daysInMonth(year, month)
  ) {
    return "invalid";
  }
  let i = b + 16;
  let second = 0;
  let ms = 0;
  if (i < to && s.charCodeAt(i) === 58) {
    if (i + 3 > to) return "invalid";
    second = digitsAt(s, i + 1, 2);
    if (second < 0 || second > 59) return "invalid";
    i += 3;
    if (i < to && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      i++;
      const start = i;
      let fraction = 0;
      let scale = 1;
      while (i < to && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
        if (scale < 1000) {
          fraction = fraction * 10 + (s.charCodeAt(i) - 48);
          scale *= 10;
        }
        i++;
      }
      if (i === start || i - start > 9) return "invalid";
      ms = (fraction * 1000) / scale;
    }
  }
  if (i === to) return "no-offset";
  let offsetMinutes = 0;
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) {
    if (i + 1 !== to) return "invalid";
  } else if (c === 43 || c === 45) {
    if (i + 3 > to) return "invalid";
    const oh = digitsAt(s, i + 1, 2);
    if (oh < 0 || oh > 18) return "invalid";
    let j = i + 3;
    let om = 0;
    if (j < to) {
      if (s.charCodeAt(j) === 58) j++;
      if (j + 2 !== to) return "invalid";
      om = digitsAt(s, j, 2);
      if (om < 0 || om > 59) return "invalid";
    }
    offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return "invalid";
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

export function instantProblem(error: InstantError, value: string, location: ProblemLocation = {}, field = "start"): Problem {
  return error === "no-offset"
    ? {
        code: "TIMESTAMP_WITHOUT_OFFSET",
        message: `"${value}" has no UTC offset: add Z or an offset such as +01:00 (local times are ambiguous on daylight-saving days).`,
        params: { value },
        field,
        ...location,
      }
    : {
        code: "INVALID_TIMESTAMP",
        message: `"${value}" is not an ISO-8601 instant such as 2025-01-01T00:00:00Z or 2025-01-01T01:00:00+01:00.`,
        params: { value },
        field,
        ...location,
      };
}

/**
 * Whether an interval start lies on the resolution's grid. Checked in UTC, which equals the local
 * grid in every zone whose offset is a whole number of hours (all Nordic zones).
 */
export function isOnGrid(time: number, resolution: Resolution): boolean {
  const step = STEP_MS[resolution];
  return ((time % step) + step) % step === 0;
}

export function offGridProblem(value: string, resolution: Resolution, location: ProblemLocation = {}, field = "start"): Problem {
  const rule =
    resolution === "PT15M"
      ? "is not on the 15-minute grid: PT15M intervals start at :00, :15, :30 or :45"
      : "is not on the hourly grid: PT1H intervals start on the whole hour";
  return { code: "OFF_GRID", message: `"${value}" ${rule}.`, params: { value, resolution }, field, ...location };
}

// ---------------------------------------------------------------------------------------------
// Values

const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
// Powers of ten that doubles hold exactly: dividing an exact integer by one is correctly rounded,
// so the fast path below gives exactly what Number() gives for the same digits.
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A decimal with `.` or `,` as the decimal mark, from `s[from]` to `s[to]` (surrounding spaces
 * ignored); NaN when it is not one. Up to 15 significant digits are computed without allocating.
 */
export function parseDecimal(s: string, from = 0, to = s.length): number {
  while (from < to && s.charCodeAt(from) === 32) from++;
  while (to > from && s.charCodeAt(to - 1) === 32) to--;
  let i = from;
  let negative = false;
  const first = s.charCodeAt(i);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenMark = false;
  let intDigits = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa !== 0) digits++;
      if (seenMark) fractionDigits++;
      else intDigits++;
    } else if ((c === 46 || c === 44) && !seenMark) {
      seenMark = true;
    } else {
      return Number.NaN;
    }
  }
  if (intDigits === 0 && fractionDigits === 0) return Number.NaN;
  if (digits > 15 || fractionDigits > 22) {
    const text = s.slice(from, to);
    if (!DECIMAL.test(text)) return Number.NaN;
    return Number(text.replace(",", "."));
  }
  const value = fractionDigits ? mantissa / EXACT_POWERS[fractionDigits]! : mantissa;
  return negative ? -value : value;
}

export function notANumberProblem(value: string, location: ProblemLocation = {}, field = "value"): Problem {
  return {
    code: "NOT_A_NUMBER",
    message: `"${value}" is not a number: use digits with . or , as the decimal mark.`,
    params: { value },
    field,
    ...location,
  };
}

export function cannotBeNegative(quantity: MeterQuantity, value: number): boolean {
  return value < 0 && NON_NEGATIVE_QUANTITIES.has(quantity);
}

export function negativeValueProblem(value: string, quantity: MeterQuantity, location: ProblemLocation = {}, field = "value"): Problem {
  return {
    code: "NEGATIVE_VALUE",
    message: `Negative value ${value} for ${quantity}: energy and volume cannot be negative.`,
    params: { value, quantity },
    field,
    ...location,
  };
}

// ---------------------------------------------------------------------------------------------
// Duplicates within a series

const QUALITY_WORDS = ["measured", "estimated", "corrected", "missing"];

function describeValue(value: number, quality: number, withQuality: boolean): string {
  return withQuality ? `${value} (${QUALITY_WORDS[quality] ?? quality})` : String(value);
}

export function describeLocation(location: ProblemLocation): string {
  if (location.line !== undefined) return `line ${location.line}`;
  const parts: string[] = [];
  if (location.series !== undefined) parts.push(`series ${location.series}`);
  if (location.period !== undefined) parts.push(`period ${location.period}`);
  if (location.position !== undefined) parts.push(`position ${location.position}`);
  return parts.join(", ");
}

/**
 * Sorts a series by time and resolves repeated intervals: an exact repeat (same value and quality)
 * is dropped silently; a repeat with a different value or quality is a problem at every differing
 * occurrence, and all values of that interval are rejected (the file does not say which is right).
 */
export function finalizeRun(
  builder: RunBuilder,
  problems: ProblemList,
  locate: Locate,
  code: Extract<ProblemCode, "DUPLICATE_TIMESTAMP" | "DUPLICATE_POSITION">,
): { run: SeriesRun; rejected: number } {
  const { times, values, quality, refA, refB } = builder;
  const n = builder.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (times[i]! <= times[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return { run: builder.toRun(), rejected: 0 };

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Ties keep file order, so "the first occurrence" is the earliest line or position.
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const out = new RunBuilder(builder.key, builder.target, builder.quantity, builder.resolution, n);
  let rejected = 0;
  let g = 0;
  while (g < n) {
    const first = order[g]!;
    let end = g + 1;
    while (end < n && times[order[end]!] === times[first]) end++;
    let conflict = false;
    for (let k = g + 1; k < end; k++) {
      const j = order[k]!;
      if (values[j] !== values[first] || quality[j] !== quality[first]) conflict = true;
    }
    if (!conflict) {
      out.push(times[first]!, values[first]!, quality[first]!, refA[first]!, refB[first]!);
    } else {
      rejected += end - g;
      const firstLocation = locate(refA[first]!, refB[first]!);
      const instant = new Date(times[first]!).toISOString().replace(".000Z", "Z");
      for (let k = g + 1; k < end; k++) {
        const j = order[k]!;
        if (values[j] === values[first] && quality[j] === quality[first]) continue;
        const withQuality = values[j] === values[first];
        const here = describeValue(values[j]!, quality[j]!, withQuality);
        const there = describeValue(values[first]!, quality[first]!, withQuality);
        const where = describeLocation(firstLocation);
        problems.add({
          code,
          message: `The interval starting ${instant} is given more than once with different values: ${here} here and ${there} at ${where}.`,
          params: { instant, value: here, otherValue: there, otherLocation: where },
          ...locate(refA[j]!, refB[j]!),
          values: 1,
          related: firstLocation,
        });
      }
    }
    g = end;
  }
  return { run: out.toRun(), rejected };
}
