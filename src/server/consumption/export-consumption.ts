import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { exportSize } from "@/domain/consumption/export-size";
import { CSV_BOM, CSV_LINE_END, csvRow, type CsvCell } from "@/domain/csv/write-csv";
import { addDays, daysBetween, localDate } from "@/domain/time/zoned";
import { translator } from "@/i18n/translator";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { AppError } from "@/server/errors";
import { acquireExportLease, type ExportLease } from "./acquire-export-lease";
import { ExportRefusedError } from "./export-refused";
import { MAX_DAYS, MAX_HOUR_DAYS } from "./get-consumption";
import { bucketPathOf, bucketsPerInstallation, type BucketRequest } from "./installation-buckets";
import { resolveInstallations, type ResolvedInstallation } from "./resolve-installations";
import { DEFAULT_UNITS, isMeanQuantity, quantityOfSlug, type ConsumptionBucket, type ExportQuery } from "./schemas";
import { BucketSum } from "./series-buckets";

export type ExportFile = {
  fileName: string;
  contentType: string;
  /** Rows the file will hold at most (header not counted), known before anything was read. */
  rows: number;
  /** The file, written while it is read; the user's export slot is freed when it ends, fails or is cancelled. */
  body: ReadableStream<Uint8Array>;
};

export type ExportOptions = {
  /** For tests: what "today" is. */
  now?: Date;
  /** For tests: a smaller row limit than MAX_EXPORT_ROWS. */
  maxRows?: number;
};

const CSV_TYPE = "text/csv; charset=utf-8";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Rows read per query: a few installations' worth, so memory stays flat whatever the total. */
const READ_ROWS = 10_000;
/**
 * Rows formatted and written per step. Small, so that a step's row objects and text die young
 * (collected in the young generation) instead of piling up in the old one while the next
 * installations are read or the reader catches up.
 */
const WRITE_ROWS = 1_000;
/** The spreadsheet's columns (keys of ExportRow) with their widths. */
export const XLSX_COLUMNS = [
  { key: "installation", width: 32 },
  { key: "meteringPoint", width: 22 },
  { key: "localStart", width: 24 },
  { key: "utcStart", width: 22 },
  { key: "value", width: 14, style: { numFmt: "0.000" } },
  { key: "unit", width: 8 },
  { key: "count", width: 10 },
  { key: "expected", width: 12 },
  { key: "status", width: 26 },
];

/** One row of the file: an installation's (or the sum's) bucket. */
export type ExportRow = {
  installation: string;
  meteringPoint: string;
  localStart: string;
  utcStart: string;
  value: number | null;
  unit: string;
  count: number;
  expected: number;
  status: string;
};
type Row = ExportRow;

/**
 * The chosen period and granularity as a file (seed 000: "Exportera din förbrukning"): one row per
 * installation and bucket, and for several installations the summed rows after them. Columns:
 * installation, metering point, local start in the installation's zone (ISO with its UTC offset,
 * so the repeated autumn hour is unambiguous), UTC start, value, unit, values present, values
 * expected, status (missing / incomplete / estimated). CSV is UTF-8 with a BOM (Excel then reads
 * å, ä, ö right) and `;` between fields when the decimal separator is a comma; text cells that a
 * spreadsheet would run as a formula are neutralised (src/domain/csv/write-csv.ts). Excel gets
 * real numbers and ISO dates and names as text (never formulas).
 *
 * Bounded (docs/decisions/014-bounded-exports.md): the number of rows is known from the selection
 * before any meter value is read, and an export above MAX_EXPORT_ROWS is refused; the file is
 * streamed, a few installations read at a time (CSV line by line, Excel through exceljs's
 * streaming writer); and a user has one export at a time (a lease in the database; a second
 * one is refused with RATE_LIMITED). Access is getConsumption's (someone else's installation is
 * NOT_FOUND), plus the export permission on each customer involved.
 */
export async function exportConsumption(actor: CustomerActor, query: ExportQuery, options: ExportOptions = {}): Promise<ExportFile> {
  const quantity = quantityOfSlug(query.quantity) ?? "ENERGY_KWH";
  const from = query.from;
  const toExclusive = addDays(query.to, 1);
  const granularity = query.granularity;
  const days = daysBetween(from, toExclusive);
  if (days > MAX_DAYS || (granularity === "hour" && days > MAX_HOUR_DAYS)) throw new AppError("VALIDATION", "PERIOD_TOO_LONG");

  const installations = await resolveInstallations(
    actor,
    { installationIds: query.installation, customerIds: query.installation === "all" && query.customer ? [query.customer] : undefined },
    quantity,
  );
  // Seeing is not always exporting: the level on every customer involved must allow export.
  for (const customerId of new Set(installations.map((i) => i.customerId))) accessTo(actor, customerId, "export");

  const measured = installations.filter((i) => i.series);
  const timeZone = installations[0]?.timeZone ?? "Europe/Stockholm";
  const endZone = measured[0]?.timeZone ?? timeZone;
  const now = options.now ?? new Date();
  const size = exportSize({ installations: measured.length, granularity, from, toExclusive, timeZone: endZone, today: localDate(now, endZone) }, options.maxRows);
  if (!size.allowed) throw new ExportRefusedError({ reason: "TOO_LARGE", rows: size.rows, maxRows: size.maxRows });

  const lease = await acquireExportLease(actor.userId);
  if (!lease) throw new ExportRefusedError({ reason: "IN_PROGRESS" });
  try {
    const t = await translator(query.lang, "consumption");
    const mean = isMeanQuantity(quantity);
    const headers = [
      t("export.columns.installation"),
      t("export.columns.meteringPoint"),
      t("export.columns.localStart", { timeZone }),
      t("export.columns.utcStart"),
      t(mean ? "export.columns.mean" : "export.columns.value"),
      t("export.columns.unit"),
      t("export.columns.count"),
      t("export.columns.expected"),
      t("export.columns.status"),
    ];
    const selection = query.installation === "all" ? "alla" : installations.length === 1 ? installations[0]!.meteringPointId : `${installations.length}-anlaggningar`;
    const baseName = `forbrukning-${selection}-${query.from}-${query.to}`;
    const plan: RowPlan = {
      measured,
      request: { from, toExclusive, granularity, mean, endZone, now: options.now },
      unit: measured[0]?.series?.unit ?? DEFAULT_UNITS[quantity],
      perChunk: Math.max(1, Math.floor(READ_ROWS / Math.max(1, size.buckets))),
      sumLabel: t("export.sumLabel", { count: measured.length }),
      status: statusText(t),
    };
    const body =
      query.format === "xlsx"
        ? streamOf(xlsxChunks(headers, rowChunks(plan, lease), t("export.sheetName")), lease)
        : streamOf(csvChunks(headers, rowChunks(plan, lease), query.decimal), lease);
    return { fileName: `${baseName}.${query.format}`, contentType: query.format === "xlsx" ? XLSX_TYPE : CSV_TYPE, rows: size.rows, body };
  } catch (error) {
    await lease.release();
    throw error;
  }
}

/** The status column (missing / incomplete, estimated), translated once rather than per row. */
function statusText(t: (key: string) => string): (b: ConsumptionBucket) => string {
  const missing = t("status.missing");
  const incomplete = t("status.incomplete");
  const estimated = t("status.estimated");
  return (b) => {
    const gap = b.count === 0 ? missing : b.count < b.expected ? incomplete : "";
    return b.estimated > 0 ? (gap ? `${gap}, ${estimated}` : estimated) : gap;
  };
}

type RowPlan = {
  measured: ResolvedInstallation[];
  request: BucketRequest;
  unit: string;
  /** Installations read per step. */
  perChunk: number;
  sumLabel: string;
  status: (b: ConsumptionBucket) => string;
};

/**
 * The rows, a few installations at a time: each chunk is read, written and dropped; only the
 * selection's summed buckets are kept until the end, where they follow as the last rows.
 */
async function* rowChunks(plan: RowPlan, lease: ExportLease): AsyncGenerator<Row[]> {
  const { measured, request } = plan;
  const path = bucketPathOf(measured.length, request.granularity);
  const sum = new BucketSum(request.mean);
  const toRow = (installation: string, meteringPoint: string, b: ConsumptionBucket): Row => ({
    installation,
    meteringPoint,
    localStart: localWithOffset(b),
    utcStart: b.start,
    value: b.value,
    unit: plan.unit,
    count: b.count,
    expected: b.expected,
    status: plan.status(b),
  });
  for (let at = 0; at < measured.length; at += plan.perChunk) {
    await lease.keepAlive();
    const chunk = measured.slice(at, at + plan.perChunk);
    const read = await bucketsPerInstallation(chunk, request, path);
    for (const [k, p] of read.entries()) {
      const i = chunk[k]!;
      if (measured.length > 1) sum.add(p.buckets);
      for (let from = 0; from < p.buckets.length; from += WRITE_ROWS) {
        yield p.buckets.slice(from, from + WRITE_ROWS).map((b) => toRow(i.name ?? i.street, i.meteringPointId, b));
      }
    }
  }
  if (measured.length > 1) {
    const buckets = sum.buckets();
    for (let from = 0; from < buckets.length; from += WRITE_ROWS) {
      yield buckets.slice(from, from + WRITE_ROWS).map((b) => toRow(plan.sumLabel, "", b));
    }
  }
}

/**
 * A pull stream over the chunks: a chunk is produced when the reader asks for it, so a slow
 * download slows the reading instead of filling memory. The lease is released once, whichever
 * way the stream ends.
 */
function streamOf(chunks: AsyncGenerator<Uint8Array>, lease: ExportLease): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await chunks.next();
        } catch (error) {
          console.error("consumption export failed while streaming", error);
          await free(lease);
          return controller.error(error);
        }
        if (!next.done) return controller.enqueue(next.value);
        // Freed before the reader hears the end, so an export started right after is not refused.
        await free(lease);
        controller.close();
      },
      async cancel() {
        try {
          await chunks.return(undefined);
        } finally {
          await free(lease);
        }
      },
    },
    { highWaterMark: 0 },
  );
}

/** A slot that cannot be freed (database gone) expires on its own; the file is not failed for it. */
const free = (lease: ExportLease) => lease.release().catch((error: unknown) => console.error("could not free the export slot", error));

async function* csvChunks(headers: string[], rows: AsyncGenerator<Row[]>, decimal: "comma" | "point"): AsyncGenerator<Uint8Array> {
  const options = { separator: decimal === "comma" ? ";" : ",", decimal } as const;
  const encoder = new TextEncoder();
  yield encoder.encode(`${CSV_BOM}${csvRow(headers, options)}${CSV_LINE_END}`);
  for await (const chunk of rows) {
    let text = "";
    for (const r of chunk) {
      const cells: CsvCell[] = [r.installation, r.meteringPoint, r.localStart, r.utcStart, r.value, r.unit, r.count, r.expected, r.status];
      text += csvRow(cells, options) + CSV_LINE_END;
    }
    yield encoder.encode(text);
  }
}

/**
 * The workbook through exceljs's streaming writer: rows are committed as they come and zipped into
 * a pass-through stream, and the next chunk waits while the reader is behind. Strings go into the
 * shared-strings table, as the in-memory writer did (cells of type `s`, a plain string; without
 * the table exceljs writes `t="str"`, the type of a formula's result). The table holds each
 * distinct text once, about two per bucket (local and UTC start): within the row limit a few MB.
 * A name like `=HYPERLINK(…)` is therefore a string cell, never a formula.
 */
async function* xlsxChunks(headers: string[], rows: AsyncGenerator<Row[]>, sheetName: string): AsyncGenerator<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1 } } });
  workbook.creator = "Mina sidor";
  const writing = (async () => {
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = XLSX_COLUMNS;
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    header.commit();
    for await (const chunk of rows) {
      if (out.destroyed) return;
      for (const r of chunk) sheet.addRow({ ...r, value: r.value === null ? null : Math.round(r.value * 1000) / 1000 }).commit();
      if (out.writableNeedDrain) await drainedOrClosed(out);
    }
    // Cancelled: finishing the zip into a destroyed stream would wait forever.
    if (out.destroyed) return;
    sheet.commit();
    await workbook.commit();
  })();
  // A failure while writing ends the byte stream with that error, so the reader below sees it.
  writing.catch((error: unknown) => out.destroy(error as Error));
  try {
    for await (const bytes of out) yield new Uint8Array((bytes as Buffer).buffer, (bytes as Buffer).byteOffset, (bytes as Buffer).byteLength);
    await writing;
  } finally {
    // Cancelled by the reader: stop writing (the loop above checks `destroyed`) and end the rows.
    if (!out.destroyed) out.destroy();
    await rows.return(undefined);
  }
}

/** Resolves when the reader has caught up, or when the stream is gone (cancelled: nothing more to wait for). */
function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** `2025-10-26T02:00+02:00`: the local wall time with the offset in force at that instant. */
function localWithOffset(b: ConsumptionBucket): string {
  const offsetMinutes = Math.round((Date.parse(`${b.localStart}:00Z`) - Date.parse(b.start)) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${b.localStart}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
