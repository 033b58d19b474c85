/**
 * The Danish Eloverblik time-series JSON (CIM style), as the DataHub API and eloverblik.dk export it:
 *
 *   {"result":[{"MyEnergyData_MarketDocument":{ …, "TimeSeries":[{
 *      "mRID":"571313…", "measurement_Unit.name":"KWH",
 *      "Period":[{"resolution":"PT1H","timeInterval":{"start":"2024-01-01T23:00:00Z","end":"2024-01-02T23:00:00Z"},
 *                 "Point":[{"position":"1","out_Quantity.quantity":"0.123","out_Quantity.quality":"A04"}, …]}]}]},
 *    "success":true,"errorCode":10000,"errorText":"NoError","id":"571313…"}]}
 *
 * Only consumption series (businessType A04) are read; production (A01) and any other business
 * type are refused per series, since the portal stores no production quantity.
 *
 * Position p of a period is the interval starting at start + (p − 1) × resolution. Qualities
 * (CIM QuantityQuality codes) map to ours as documented in docs/meter-value-csv.md.
 */
import { parseMeteringPointId } from "@/domain/identity";
import { ProblemList, QUALITY, RunBuilder, STEP_MS, type Locate, type ParsedMeterFile, type SeriesRun } from "./types";
import { cannotBeNegative, finalizeRun, instantProblem, isOnGrid, negativeValueProblem, notANumberProblem } from "./validate";
import { offGridProblem, parseDecimal, parseInstant, parseResolution, wrongResolutionProblem } from "./validate";

/**
 * CIM quantity quality → our quality code; `null` means the point carries no value ("not
 * available") and is skipped, so it never erases a value already stored.
 */
const ELOVERBLIK_QUALITY: Readonly<Record<string, number | null>> = {
  A04: QUALITY.measured, // As provided (measured)
  A03: QUALITY.estimated, // Estimated
  A05: QUALITY.estimated, // Incomplete
  A06: QUALITY.estimated, // Calculated
  A01: QUALITY.corrected, // Adjusted
  E01: QUALITY.corrected, // Adjusted (Energinet code)
  A02: null, // Not available
};

const DATAHUB_NO_ERROR = 10000;
const CONSUMPTION = "A04";
const PRODUCTION = "A01";

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: Json): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** Reads an Eloverblik document into per-series runs and a problem report. */
export function parseEloverblik(input: string, problems: ProblemList = new ProblemList()): ParsedMeterFile {
  // series/period of every period read, so that a value's location costs two integers.
  const periods: { series: number; period: number }[] = [];
  const locate: Locate = (a, b) => ({ ...periods[a], position: b });
  const result: ParsedMeterFile = { format: "ELOVERBLIK_JSON", runs: [], valuesReceived: 0, valuesRejected: 0, problems, locate };

  let doc: Json;
  try {
    doc = JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.add({ code: "INVALID_JSON", message: `The file is not valid JSON: ${reason}.`, params: { reason } });
    return result;
  }
  if (!isObject(doc) || !Array.isArray(doc.result)) {
    problems.add({
      code: "INVALID_STRUCTURE",
      message: 'Not an Eloverblik time-series document: the top level must be {"result": [ … ]}.',
      params: { missing: "result" },
    });
    return result;
  }

  const builders = new Map<string, RunBuilder>();
  let seriesNo = 0;
  let received = 0;
  let rejected = 0;

  for (const entry of doc.result) {
    const document = isObject(entry) ? entry.MyEnergyData_MarketDocument : undefined;
    if (isObject(entry) && (entry.success === false || (typeof entry.errorCode === "number" && entry.errorCode !== DATAHUB_NO_ERROR))) {
      const id = text(entry.id) ?? "?";
      const errorText = text(entry.errorText) ?? "unknown error";
      problems.add({
        code: "DOCUMENT_ERROR",
        message: `Eloverblik reported an error instead of data for ${id}: ${errorText} (code ${text(entry.errorCode) ?? "?"}).`,
        params: { id, errorText, errorCode: text(entry.errorCode) ?? "?" },
        meteringPoint: id,
      });
      if (!isObject(document)) continue;
    }
    if (!isObject(document) || !Array.isArray(document.TimeSeries)) {
      problems.add({
        code: "INVALID_STRUCTURE",
        message: "Not an Eloverblik time-series document: a result has no MyEnergyData_MarketDocument with TimeSeries.",
        params: { missing: "MyEnergyData_MarketDocument.TimeSeries" },
      });
      continue;
    }

    for (const series of document.TimeSeries) {
      seriesNo++;
      const s = seriesNo;
      const seriesPeriods = isObject(series) && Array.isArray(series.Period) ? series.Period : null;
      const pointsOf = (p: Json) => (isObject(p) && Array.isArray(p.Point) ? p.Point.length : 0);
      const allPoints = () => (seriesPeriods ?? []).reduce((sum: number, p) => sum + pointsOf(p), 0);
      // A problem of the whole series rejects every value in it.
      const rejectSeries = (problem: Omit<Parameters<ProblemList["add"]>[0], "values">) => {
        const values = allPoints();
        received += values;
        rejected += values;
        problems.add({ ...problem, values });
      };
      if (!isObject(series) || seriesPeriods === null) {
        problems.add({
          code: "INVALID_STRUCTURE",
          message: "Not an Eloverblik time series: it has no Period list.",
          params: { missing: "Period" },
          series: s,
        });
        continue;
      }
      const evaluationPoint = isObject(series.MarketEvaluationPoint) && isObject(series.MarketEvaluationPoint.mRID) ? text(series.MarketEvaluationPoint.mRID.name) : null;
      const rawId = text(series.mRID) ?? evaluationPoint ?? "";
      const id = parseMeteringPointId(rawId);
      if (!id.ok) {
        rejectSeries({
          code: "INVALID_METERING_POINT",
          message:
            id.reason === "checksum"
              ? `Metering point ${rawId} has a wrong check digit.`
              : `"${rawId}" is not a metering point: expected an 18-digit GSRN in mRID.`,
          params: { value: rawId, reason: id.reason },
          field: "mRID",
          series: s,
          meteringPoint: rawId,
        });
        continue;
      }
      const meteringPointId = id.value.normalized;
      // BusinessType (ENTSO-E/ebIX code list ET0017): A04 consumption, A01 production (a solar or
      // wind metering point). Everything here is stored and shown as consumption, so a production
      // series would be counted as energy used: refuse it. A series without the field is read as
      // consumption, as before, so files that leave it out still import.
      const businessType = (text(series.businessType) ?? CONSUMPTION).trim().toUpperCase();
      if (businessType !== CONSUMPTION) {
        rejectSeries({
          code: "UNSUPPORTED_BUSINESS_TYPE",
          message:
            businessType === PRODUCTION
              ? `Series ${s} (metering point ${meteringPointId}) is production (businessType A01): production is not imported, only consumption (A04).`
              : `Series ${s} (metering point ${meteringPointId}) has businessType "${businessType}": only consumption (A04) is imported.`,
          params: { businessType, series: s, meteringPoint: meteringPointId },
          field: "businessType",
          series: s,
          meteringPoint: meteringPointId,
        });
        continue;
      }
      const unit = (text(series["measurement_Unit.name"]) ?? "KWH").trim().toUpperCase();
      if (unit !== "KWH") {
        rejectSeries({
          code: "UNSUPPORTED_UNIT",
          message: `Unit "${unit}" is not supported: Eloverblik series must be in KWH.`,
          params: { unit },
          field: "measurement_Unit.name",
          series: s,
          meteringPoint: meteringPointId,
        });
        continue;
      }

      seriesPeriods.forEach((period, periodIndex) => {
        const p = periodIndex + 1;
        const where = { series: s, period: p };
        const points = isObject(period) && Array.isArray(period.Point) ? period.Point : [];
        const reject = (problem: Parameters<ProblemList["add"]>[0]) => {
          received += points.length;
          rejected += points.length;
          problems.add({ ...problem, meteringPoint: meteringPointId, values: points.length });
        };
        if (!isObject(period)) {
          reject({ code: "INVALID_PERIOD", message: "The period is not an object.", params: {}, ...where });
          return;
        }
        const resolutionText = text(period.resolution) ?? "";
        const resolution = parseResolution(resolutionText);
        if (!resolution) {
          reject(wrongResolutionProblem(resolutionText, where));
          return;
        }
        const interval = isObject(period.timeInterval) ? period.timeInterval : {};
        const startText = text(interval.start) ?? "";
        const endText = text(interval.end) ?? "";
        const start = parseInstant(startText);
        const end = parseInstant(endText);
        if (typeof start !== "number") {
          reject({ ...instantProblem(start, startText, where, "timeInterval.start") });
          return;
        }
        if (typeof end !== "number") {
          reject({ ...instantProblem(end, endText, where, "timeInterval.end") });
          return;
        }
        if (!isOnGrid(start, resolution)) {
          reject(offGridProblem(startText, resolution, where, "timeInterval.start"));
          return;
        }
        const step = STEP_MS[resolution];
        const span = end - start;
        if (span <= 0 || span % step !== 0) {
          reject({
            code: "INVALID_PERIOD",
            message: `The period ${startText}–${endText} is not a whole number of ${resolution} intervals.`,
            params: { start: startText, end: endText, resolution },
            field: "timeInterval",
            ...where,
          });
          return;
        }
        const intervals = span / step;
        if (points.length !== intervals) {
          reject({
            code: "PERIOD_LENGTH_MISMATCH",
            message: `The period ${startText}–${endText} holds ${intervals} ${resolution} intervals but has ${points.length} point${points.length === 1 ? "" : "s"}.`,
            params: { start: startText, end: endText, resolution, intervals, points: points.length },
            field: "Point",
            ...where,
          });
          return;
        }

        const key = `${meteringPointId}|ENERGY_KWH|${resolution}`;
        let builder = builders.get(key);
        if (!builder) {
          builder = new RunBuilder(key, { kind: "meteringPoint", meteringPointId }, "ENERGY_KWH", resolution, Math.max(256, intervals));
          builders.set(key, builder);
        }
        const ref = periods.length;
        periods.push(where);

        for (const point of points) {
          const positionText = isObject(point) ? text(point.position) : null;
          const position = positionText !== null && /^\s*\d+\s*$/.test(positionText) ? Number(positionText) : Number.NaN;
          const at = { ...where, position: Number.isNaN(position) ? undefined : position };
          if (!isObject(point)) {
            received++;
            rejected++;
            problems.add({ code: "INVALID_STRUCTURE", message: "A point is not an object.", params: { missing: "Point" }, ...where, values: 1 });
            continue;
          }
          const qualityText = text(point["out_Quantity.quality"]);
          const quality = qualityText === null ? QUALITY.measured : ELOVERBLIK_QUALITY[qualityText.trim().toUpperCase()];
          if (quality === null) continue; // not available: no value to store
          received++;
          let bad = false;
          if (Number.isNaN(position)) {
            problems.add({
              code: "INVALID_POSITION",
              message: `Position "${positionText ?? ""}" is not a whole number.`,
              params: { value: positionText ?? "" },
              field: "position",
              ...where,
              values: 1,
            });
            bad = true;
          } else if (position < 1 || position > intervals) {
            problems.add({
              code: "POSITION_OUT_OF_RANGE",
              message: `Position ${position} is outside the period, which has ${intervals} intervals (positions 1–${intervals}).`,
              params: { position, intervals },
              field: "position",
              ...at,
              values: 1,
            });
            bad = true;
          }
          if (quality === undefined) {
            problems.add({
              code: "UNKNOWN_QUALITY",
              message: `Unknown quality code "${qualityText}": expected ${Object.keys(ELOVERBLIK_QUALITY).sort().join(", ")}.`,
              params: { value: qualityText ?? "" },
              field: "out_Quantity.quality",
              ...at,
              values: 1,
            });
            bad = true;
          }
          const quantityText = text(point["out_Quantity.quantity"]) ?? "";
          const value = parseDecimal(quantityText);
          if (Number.isNaN(value)) {
            problems.add({ ...notANumberProblem(quantityText, at, "out_Quantity.quantity"), values: 1 });
            bad = true;
          } else if (cannotBeNegative("ENERGY_KWH", value)) {
            problems.add({ ...negativeValueProblem(quantityText, "ENERGY_KWH", at, "out_Quantity.quantity"), values: 1 });
            bad = true;
          }
          if (bad) {
            rejected++;
            continue;
          }
          builder.push(start + (position - 1) * step, value, quality!, ref, position);
        }
      });
    }
  }

  for (const builder of builders.values()) {
    if (builder.length === 0) continue;
    const { run, rejected: duplicates } = finalizeRun(builder, problems, locate, "DUPLICATE_POSITION");
    rejected += duplicates;
    if (run.length) result.runs.push(run as SeriesRun);
  }
  result.valuesReceived = received;
  result.valuesRejected = rejected;
  if (received === 0 && problems.total === 0) {
    problems.add({ code: "EMPTY_FILE", message: "The document holds no values.", params: {} });
  }
  return result;
}
