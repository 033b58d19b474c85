/**
 * Spot-price CSV files (docs/spot-price-csv.md): `price_area;start;resolution;price;unit`, one
 * price per line. Pure TypeScript: parses, checks and converts every price EXACTLY to minor units
 * per kWh of the price area's currency (the unit the rating and the SpotPrice table use):
 *   EUR/MWh ÷ 10 = c/kWh; SEK/MWh ÷ 10 = öre/kWh; DKK/MWh ÷ 10 = øre/kWh;
 *   EUR/kWh, SEK/kWh, DKK/kWh × 100; c/kWh, öre/kWh, øre/kWh as they are.
 * A price whose conversion would need more than 6 decimals (a /MWh price with 6 decimals) is
 * refused rather than rounded. No exchange rates: the unit's currency must be the area's.
 */

import { formatMicro, parseDecimal } from "./money";
import type { Currency } from "./price-list";
import { splitCsvLine } from "../csv/split-line";

export const SPOT_PRICE_AREAS: Readonly<Record<string, { currency: Currency; timeZone: string }>> = {
  SE1: { currency: "SEK", timeZone: "Europe/Stockholm" },
  SE2: { currency: "SEK", timeZone: "Europe/Stockholm" },
  SE3: { currency: "SEK", timeZone: "Europe/Stockholm" },
  SE4: { currency: "SEK", timeZone: "Europe/Stockholm" },
  DK1: { currency: "DKK", timeZone: "Europe/Copenhagen" },
  DK2: { currency: "DKK", timeZone: "Europe/Copenhagen" },
  FI: { currency: "EUR", timeZone: "Europe/Helsinki" },
};

type UnitRule = { currency: Currency | "AREA_MINOR"; /** multiply by num/den to get minor units per kWh */ num: bigint; den: bigint };

/** Units, lower-cased. "ore/kWh" (without the letter) is the minor unit of the area's currency. */
const UNITS: Readonly<Record<string, UnitRule>> = {
  "eur/mwh": { currency: "EUR", num: 1n, den: 10n },
  "sek/mwh": { currency: "SEK", num: 1n, den: 10n },
  "dkk/mwh": { currency: "DKK", num: 1n, den: 10n },
  "eur/kwh": { currency: "EUR", num: 100n, den: 1n },
  "sek/kwh": { currency: "SEK", num: 100n, den: 1n },
  "dkk/kwh": { currency: "DKK", num: 100n, den: 1n },
  "c/kwh": { currency: "EUR", num: 1n, den: 1n },
  "snt/kwh": { currency: "EUR", num: 1n, den: 1n },
  "cent/kwh": { currency: "EUR", num: 1n, den: 1n },
  "öre/kwh": { currency: "SEK", num: 1n, den: 1n },
  "øre/kwh": { currency: "DKK", num: 1n, den: 1n },
  "ore/kwh": { currency: "AREA_MINOR", num: 1n, den: 1n },
};

const SPOT_UNITS = ["EUR/MWh", "SEK/MWh", "DKK/MWh", "EUR/kWh", "SEK/kWh", "DKK/kWh", "c/kWh", "snt/kWh", "öre/kWh", "øre/kWh", "ore/kWh"];

export type SpotPriceRow = {
  priceArea: string;
  resolution: "PT15M" | "PT1H";
  /** UTC instant, ISO with Z. */
  startsAt: string;
  currency: Currency;
  /** Exact decimal: minor units per kWh, at most 6 decimals. */
  priceMinor: string;
  line: number;
};

export type SpotPriceProblem = { line?: number; field?: string; code: string; message: string };

export type ParsedSpotPrices = { rows: SpotPriceRow[]; problems: SpotPriceProblem[]; problemCount: number; received: number };

const HEADER = ["price_area", "start", "resolution", "price", "unit"] as const;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Converts a price in `unit` to minor units per kWh of `areaCurrency`, exactly, as a decimal
 * string. Throws an Error saying what is wrong.
 */
export function convertSpotPrice(price: string, unit: string, areaCurrency: Currency): string {
  const rule = UNITS[unit.trim().toLowerCase()];
  if (!rule) throw new Error(`Unknown unit ${JSON.stringify(unit)}: use one of ${SPOT_UNITS.join(", ")}`);
  if (rule.currency !== "AREA_MINOR" && rule.currency !== areaCurrency) {
    throw new Error(`Unit ${unit} is in ${rule.currency}, the price area bills in ${areaCurrency}; convert to ${areaCurrency} first`);
  }
  const micro = parseDecimal(price.trim().replace(",", "."), "Price");
  const scaled = micro * rule.num;
  if (scaled % rule.den !== 0n) {
    throw new Error(`Price ${price} ${unit} would need more than 6 decimals in minor units per kWh; give at most 5 decimals`);
  }
  return formatMicro(scaled / rule.den);
}

/** Parses and checks a spot-price CSV file; every problem is reported with its line. */
export function parseSpotPriceCsv(text: string, options: { maxProblems?: number } = {}): ParsedSpotPrices {
  const maxProblems = options.maxProblems ?? 100;
  const problems: SpotPriceProblem[] = [];
  let problemCount = 0;
  const add = (p: SpotPriceProblem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(p);
  };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.replace(/[;,\s]/g, "") !== "");
  if (headerIndex < 0) return { rows: [], problems: [{ code: "EMPTY_FILE", message: "The file has no header row and no prices." }], problemCount: 1, received: 0 };
  const separator = lines[headerIndex]!.includes(";") ? ";" : ",";
  const header = splitCsvLine(lines[headerIndex]!, separator).map((h) => h.toLowerCase());
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    if (columns.has(h)) add({ line: headerIndex + 1, code: "DUPLICATE_COLUMN", message: `Column ${h} is given twice.` });
    columns.set(h, i);
  });
  for (const h of header) {
    if (!(HEADER as readonly string[]).includes(h)) add({ line: headerIndex + 1, code: "UNKNOWN_COLUMN", message: `Unknown column ${JSON.stringify(h)}: the columns are ${HEADER.join(";")}.` });
  }
  for (const h of HEADER) {
    if (!columns.has(h)) add({ line: headerIndex + 1, code: "MISSING_COLUMN", message: `Column ${h} is missing: the header is ${HEADER.join(";")}.` });
  }
  if (problemCount > 0) return { rows: [], problems, problemCount, received: 0 };

  const rows: SpotPriceRow[] = [];
  const seen = new Map<string, { priceMinor: string; line: number }>();
  let received = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.replace(/[;,\s]/g, "") === "") continue;
    const lineNo = i + 1;
    received++;
    const fields = splitCsvLine(raw, separator);
    if (fields.length !== header.length) {
      add({ line: lineNo, code: "FIELD_COUNT", message: `Line has ${fields.length} fields, the header ${header.length}${separator === "," ? " (a decimal comma must be quoted in a comma-separated file)" : ""}.` });
      continue;
    }
    const get = (name: (typeof HEADER)[number]) => fields[columns.get(name)!]!;
    const area = get("price_area").toUpperCase();
    const areaInfo = SPOT_PRICE_AREAS[area];
    if (!areaInfo) {
      add({ line: lineNo, field: "price_area", code: "UNKNOWN_AREA", message: `Unknown price area ${JSON.stringify(get("price_area"))}: use ${Object.keys(SPOT_PRICE_AREAS).join(", ")}.` });
      continue;
    }
    const resolutionText = get("resolution").toUpperCase();
    const resolution = resolutionText === "PT15M" ? "PT15M" : resolutionText === "PT1H" || resolutionText === "PT60M" ? "PT1H" : null;
    if (!resolution) {
      add({ line: lineNo, field: "resolution", code: "UNKNOWN_RESOLUTION", message: `Resolution must be PT15M or PT1H (PT60M), got ${JSON.stringify(get("resolution"))}.` });
      continue;
    }
    const match = INSTANT.exec(get("start"));
    const ms = match ? Date.parse(get("start").replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2").replace(/([+-]\d{2})$/, "$1:00")) : Number.NaN;
    if (!match || !Number.isFinite(ms)) {
      add({ line: lineNo, field: "start", code: "INVALID_START", message: `Start must be an ISO-8601 instant with offset, e.g. 2025-10-01T00:00:00+02:00 or 2025-09-30T22:00:00Z; got ${JSON.stringify(get("start"))}.` });
      continue;
    }
    const step = resolution === "PT15M" ? 900_000 : 3_600_000;
    if (ms % step !== 0) {
      add({ line: lineNo, field: "start", code: "OFF_GRID", message: `Start ${get("start")} is not on the ${resolution} grid (${resolution === "PT15M" ? ":00, :15, :30, :45" : "whole hours"}).` });
      continue;
    }
    let priceMinor: string;
    try {
      priceMinor = convertSpotPrice(get("price"), get("unit"), areaInfo.currency);
    } catch (error) {
      const message = (error as Error).message;
      add({ line: lineNo, field: /unit/i.test(message) && !/decimals/.test(message) ? "unit" : "price", code: "INVALID_PRICE", message: `${message}.`.replace(/\.\.$/, ".") });
      continue;
    }
    const startsAt = new Date(ms).toISOString();
    const key = `${area}|${resolution}|${startsAt}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.priceMinor !== priceMinor) {
        add({ line: lineNo, code: "CONFLICTING_DUPLICATE", message: `${area} ${resolution} ${startsAt} has another price on line ${earlier.line} (${earlier.priceMinor} against ${priceMinor} minor units per kWh).` });
      }
      continue;
    }
    seen.set(key, { priceMinor, line: lineNo });
    rows.push({ priceArea: area, resolution, startsAt, currency: areaInfo.currency, priceMinor, line: lineNo });
  }
  if (problemCount > problems.length) {
    problems.push({ code: "TOO_MANY_PROBLEMS", message: `${problemCount - problems.length} more problems are not listed.` });
  }
  return { rows, problems, problemCount, received };
}
