/**
 * Entry point for a received meter-value file: checks the encoding, picks the format (given, or
 * detected: a JSON document starts with `{` or `[`, anything else is read as CSV) and parses it.
 */
import { parseMeterCsv, locateCsv } from "./csv-format";
import { parseEloverblik } from "./eloverblik";
import { ProblemList, type MeterFileFormat, type ParsedMeterFile } from "./types";
import { decodeUtf8 } from "./validate";

export function detectFormat(text: string): MeterFileFormat {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text[i];
    if (c === "\ufeff" || c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    return c === "{" || c === "[" ? "ELOVERBLIK_JSON" : "CSV";
  }
  return "CSV";
}

export interface ParseMeterFileOptions {
  format?: MeterFileFormat;
  /** Used to name the format of a file that cannot be decoded (`.json` → Eloverblik). */
  fileName?: string;
  /** Problems kept in full in the report (the rest are counted). */
  problemLimit?: number;
}

export function parseMeterFile(bytes: Uint8Array, options: ParseMeterFileOptions = {}): ParsedMeterFile {
  const problems = new ProblemList(options.problemLimit);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    problems.add(decoded.problem);
    const format = options.format ?? (/\.json$/i.test(options.fileName ?? "") ? "ELOVERBLIK_JSON" : "CSV");
    return { format, runs: [], valuesReceived: 0, valuesRejected: 0, problems, locate: locateCsv };
  }
  const format = options.format ?? detectFormat(decoded.text);
  return format === "ELOVERBLIK_JSON" ? parseEloverblik(decoded.text, problems) : parseMeterCsv(decoded.text, problems);
}
