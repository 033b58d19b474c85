/**
 * The meter-value CSV format (specified in docs/meter-value-csv.md):
 *
 *   metering_point;quantity;resolution;start;value;quality
 *   735999100000000010;ENERGY_KWH;PT1H;2025-01-01T00:00:00+01:00;1,234;measured
 *   area:SE3;OUTDOOR_TEMP_C;PT1H;2024-12-31T23:00:00Z;-4.5;
 *
 * UTF-8 (a byte order mark is allowed), `;` or `,` as separator (detected from the header row),
 * fields may be quoted with "…" (needed for a decimal comma in a comma-separated file), one value per
 * line, lines in any order. The parser reads a million lines in well under a second: it splits
 * lines with indexOf, reuses the series of the previous line, and parses instants by hand.
 */
import { parseMeteringPointId } from "@/domain/identity";
import {
  ProblemList,
  QUALITY,
  RunBuilder,
  type Locate,
  type MeterQuantity,
  type ParsedMeterFile,
  type Problem,
  type Resolution,
  type SeriesRun,
  type SeriesTarget,
} from "./types";
import {
  cannotBeNegative,
  emptyFileProblem,
  finalizeRun,
  instantProblem,
  isOnGrid,
  negativeValueProblem,
  notANumberProblem,
  offGridProblem,
  parseDecimal,
  parseInstant,
  parseQuantity,
  parseResolution,
  unknownQuantityProblem,
  wrongResolutionProblem,
} from "./validate";

const CSV_COLUMNS = ["metering_point", "quantity", "resolution", "start", "value", "quality"] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ["metering_point", "quantity", "resolution", "start", "value"];
const EXPECTED_HEADER = CSV_COLUMNS.join(";");

const CSV_QUALITY: Readonly<Record<string, number>> = {
  "": QUALITY.measured,
  measured: QUALITY.measured,
  estimated: QUALITY.estimated,
  corrected: QUALITY.corrected,
};

/** An area series is written `area:<code>`; codes are letters, digits, `-` and `_` (SE3, DK1, FI). */
const AREA_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

export const locateCsv: Locate = (line) => ({ line });

interface SeriesState {
  builder: RunBuilder | null;
  /** The series-level problem that rejects every line of an invalid series. */
  problem: Problem | null;
}

/** Splits one line into fields; quotes ("…", with "" for a quote inside) only when present. */
function splitLine(line: string, sep: string): string[] {
  if (!line.includes('"')) return line.split(sep);
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && line[i] === " ") i++;
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) {
          value += line.slice(i);
          i = n;
          break;
        }
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      const next = line.indexOf(sep, i);
      fields.push(value);
      if (next < 0) return fields;
      i = next + 1;
    } else {
      const next = line.indexOf(sep, i);
      fields.push(next < 0 ? line.slice(i) : line.slice(i, next));
      if (next < 0) return fields;
      i = next + 1;
    }
  }
}

function isBlank(line: string, sep: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== " " && c !== "\t" && c !== sep && c !== '"') return false;
  }
  return true;
}

function resolveTarget(raw: string, line: number): { target: SeriesTarget; key: string } | Problem {
  const value = raw.trim();
  if (/^area:/i.test(value)) {
    const code = value.slice(5).trim().toUpperCase();
    if (!AREA_CODE.test(code)) {
      return {
        code: "INVALID_AREA",
        message: `"${value}" is not an area series: write area:<code>, for example area:SE3.`,
        params: { value },
        field: "metering_point",
        line,
      };
    }
    return { target: { kind: "area", areaCode: code }, key: `area:${code}` };
  }
  const parsed = parseMeteringPointId(value);
  if (!parsed.ok) {
    const message =
      parsed.reason === "checksum"
        ? `Metering point ${value} has a wrong check digit.`
        : `"${value}" is not a metering point: expected an 18-digit GSRN or area:<code>.`;
    return { code: "INVALID_METERING_POINT", message, params: { value, reason: parsed.reason }, field: "metering_point", line, meteringPoint: value };
  }
  return { target: { kind: "meteringPoint", meteringPointId: parsed.value.normalized }, key: parsed.value.normalized };
}

/** Reads the decoded text of a CSV file into per-series runs and a problem report. */
export function parseMeterCsv(input: string, problems: ProblemList = new ProblemList()): ParsedMeterFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const empty = (): ParsedMeterFile => ({ format: "CSV", runs: [], valuesReceived: 0, valuesRejected: 0, problems, locate: locateCsv });

  // Header: the first line that is not blank.
  let pos = 0;
  let lineNo = 0;
  let header: string | null = null;
  while (pos < n) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = n;
    lineNo++;
    const line = text.slice(pos, end).replace(/\r$/, "");
    pos = end + 1;
    if (line.trim() !== "") {
      header = line;
      break;
    }
  }
  if (header === null) {
    problems.add(emptyFileProblem());
    return empty();
  }
  const headerLine = lineNo;
  const sep = header.includes(";") ? ";" : ",";
  const names = splitLine(header, sep).map((f) => f.trim().replace(/^"|"$/g, "").trim().toLowerCase());

  const countDataLines = () => {
    let count = 0;
    for (const line of text.slice(Math.min(pos, n)).split("\n")) if (!isBlank(line.replace(/\r$/, ""), sep)) count++;
    return count;
  };
  const first = names[0] ?? "";
  if (/^\d{18}$/.test(first.replace(/\s/g, "")) || first.startsWith("area:")) {
    problems.add({
      code: "MISSING_HEADER",
      message: `The first line must be the header row ${EXPECTED_HEADER}, but it holds data.`,
      params: { expected: EXPECTED_HEADER },
      line: headerLine,
    });
    const rejected = countDataLines() + 1;
    return { ...empty(), valuesReceived: rejected, valuesRejected: rejected };
  }
  const index = new Map<Column, number>();
  let headerOk = true;
  names.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      headerOk = false;
      problems.add({
        code: "UNKNOWN_COLUMN",
        message: `Unknown column "${name}" in the header row; the columns are ${EXPECTED_HEADER}.`,
        params: { column: name, expected: EXPECTED_HEADER },
        line: headerLine,
        field: name,
      });
    } else if (index.has(name as Column)) {
      headerOk = false;
      problems.add({
        code: "DUPLICATE_COLUMN",
        message: `The column "${name}" appears twice in the header row.`,
        params: { column: name },
        line: headerLine,
        field: name,
      });
    } else {
      index.set(name as Column, i);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    headerOk = false;
    problems.add({
      code: "MISSING_COLUMN",
      message: `The header row lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; the columns are ${EXPECTED_HEADER}.`,
      params: { columns: missing.join(", "), expected: EXPECTED_HEADER },
      line: headerLine,
    });
  }
  if (!headerOk) {
    const rejected = countDataLines();
    return { ...empty(), valuesReceived: rejected, valuesRejected: rejected };
  }

  const fieldCount = names.length;
  const iPoint = index.get("metering_point")!;
  const iQuantity = index.get("quantity")!;
  const iResolution = index.get("resolution")!;
  const iStart = index.get("start")!;
  const iValue = index.get("value")!;
  const iQuality = index.get("quality") ?? -1;

  const byRawKey = new Map<string, SeriesState>();
  const byKey = new Map<string, RunBuilder>();
  // Each field of the current line is src[k] from fs[k] to fe[k]: the file text itself on the fast
  // path (no quotes), or the unquoted field strings. No substring is made for a valid value.
  const src: string[] = new Array<string>(fieldCount).fill(text);
  const fs = new Int32Array(fieldCount);
  const fe = new Int32Array(fieldCount);
  const field = (k: number) => src[k]!.slice(fs[k]!, fe[k]!);
  const sameAs = (k: number, previous: string) => fe[k]! - fs[k]! === previous.length && src[k]!.startsWith(previous, fs[k]!);
  let lastPoint = "";
  let lastQuantity = "";
  let lastResolution = "";
  let last: SeriesState | null = null;
  let received = 0;
  let rejected = 0;
  let nextQuote = text.indexOf('"', pos);

  while (pos < n) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = n;
    lineNo++;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const lineStart = pos;
    pos = end + 1;
    if (lineEnd === lineStart) continue;
    const c0 = text.charCodeAt(lineStart);
    if ((c0 === 32 || c0 === 9 || c0 === 34 || c0 === sep.charCodeAt(0)) && isBlank(text.slice(lineStart, lineEnd), sep)) continue;
    received++;

    // Field boundaries.
    let found = 0;
    // The next quote in the file, looked up again only once passed (never per line).
    if (nextQuote >= 0 && nextQuote < lineStart) nextQuote = text.indexOf('"', lineStart);
    if (nextQuote < 0 || nextQuote >= lineEnd) {
      let f = lineStart;
      for (;;) {
        const next = text.indexOf(sep, f);
        const stop = next < 0 || next >= lineEnd ? lineEnd : next;
        if (found < fieldCount) {
          src[found] = text;
          fs[found] = f;
          fe[found] = stop;
        }
        found++;
        if (stop === lineEnd) break;
        f = stop + 1;
      }
    } else {
      const fields = splitLine(text.slice(lineStart, lineEnd), sep);
      found = fields.length;
      for (let k = 0; k < fieldCount && k < found; k++) {
        src[k] = fields[k]!;
        fs[k] = 0;
        fe[k] = fields[k]!.length;
      }
    }
    if (found !== fieldCount) {
      rejected++;
      const hint = sep === "," && found > fieldCount ? ' A value with a decimal comma in a comma-separated file must be quoted ("0,5").' : "";
      problems.add({
        code: "WRONG_FIELD_COUNT",
        message: `The line has ${found} field${found === 1 ? "" : "s"} but the header has ${fieldCount}.${hint}`,
        params: { found, expected: fieldCount },
        line: lineNo,
        values: 1,
      });
      continue;
    }

    // Series: most files list one series' lines together, so the previous line's usually matches.
    let state: SeriesState;
    if (last !== null && sameAs(iPoint, lastPoint) && sameAs(iQuantity, lastQuantity) && sameAs(iResolution, lastResolution)) {
      state = last;
    } else {
      lastPoint = field(iPoint);
      lastQuantity = field(iQuantity);
      lastResolution = field(iResolution);
      const rawKey = `${lastPoint}\u0001${lastQuantity}\u0001${lastResolution}`;
      let known = byRawKey.get(rawKey);
      if (!known) {
        known = openSeries(lastPoint, lastQuantity, lastResolution, lineNo, byKey);
        if (known.problem) problems.add(known.problem);
        byRawKey.set(rawKey, known);
      }
      state = known;
      last = known;
    }
    const builder = state.builder;
    if (builder === null) {
      rejected++;
      state.problem!.values = (state.problem!.values ?? 0) + 1;
      continue;
    }

    let bad = false;
    const time = parseInstant(src[iStart]!, fs[iStart], fe[iStart]);
    if (typeof time !== "number") {
      problems.add({ ...instantProblem(time, field(iStart).trim(), { line: lineNo }), values: 1 });
      bad = true;
    } else if (!isOnGrid(time, builder.resolution)) {
      problems.add({ ...offGridProblem(field(iStart).trim(), builder.resolution, { line: lineNo }), values: 1 });
      bad = true;
    }
    const value = parseDecimal(src[iValue]!, fs[iValue], fe[iValue]);
    if (Number.isNaN(value)) {
      problems.add({ ...notANumberProblem(field(iValue).trim(), { line: lineNo }), values: 1 });
      bad = true;
    } else if (cannotBeNegative(builder.quantity, value)) {
      problems.add({ ...negativeValueProblem(field(iValue).trim(), builder.quantity, { line: lineNo }), values: 1 });
      bad = true;
    }
    let quality: number = QUALITY.measured;
    if (iQuality >= 0 && !sameAs(iQuality, "measured") && fe[iQuality] !== fs[iQuality]) {
      const qualityText = field(iQuality).trim();
      const q = CSV_QUALITY[qualityText.toLowerCase()];
      if (q === undefined) {
        problems.add({
          code: "UNKNOWN_QUALITY",
          message: `Unknown quality "${qualityText}": use measured, estimated or corrected (or leave it empty for measured).`,
          params: { value: qualityText },
          field: "quality",
          line: lineNo,
          values: 1,
        });
        bad = true;
      } else {
        quality = q;
      }
    }
    if (bad) {
      rejected++;
      continue;
    }
    builder.push(time as number, value, quality, lineNo);
  }

  if (received === 0) {
    problems.add({ code: "EMPTY_FILE", message: "The file has a header row but no values.", params: {}, line: headerLine });
    return empty();
  }

  const runs: SeriesRun[] = [];
  for (const builder of byKey.values()) {
    if (builder.length === 0) continue;
    const { run, rejected: duplicates } = finalizeRun(builder, problems, locateCsv, "DUPLICATE_TIMESTAMP");
    rejected += duplicates;
    if (run.length) runs.push(run);
  }
  return { format: "CSV", runs, valuesReceived: received, valuesRejected: rejected, problems, locate: locateCsv };
}

function openSeries(point: string, quantityText: string, resolutionText: string, line: number, byKey: Map<string, RunBuilder>): SeriesState {
  const resolved = resolveTarget(point, line);
  if ("code" in resolved) return { builder: null, problem: { ...resolved, values: 0 } };
  const quantity: MeterQuantity | null = parseQuantity(quantityText);
  if (!quantity) return { builder: null, problem: { ...unknownQuantityProblem(quantityText.trim(), { line }), values: 0 } };
  const resolution: Resolution | null = parseResolution(resolutionText);
  if (!resolution) return { builder: null, problem: { ...wrongResolutionProblem(resolutionText.trim(), { line }), values: 0 } };
  const key = `${resolved.key}|${quantity}|${resolution}`;
  let builder = byKey.get(key);
  if (!builder) {
    builder = new RunBuilder(key, resolved.target, quantity, resolution, 256);
    byKey.set(key, builder);
  }
  return { builder, problem: null };
}
