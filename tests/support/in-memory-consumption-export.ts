// The consumption export as it was before it streamed (lead-base a848c0f, src/server/consumption/export-consumption.ts):
// the whole result of getConsumption in memory, then the whole file in memory. Kept only as the
// oracle of the test that the streamed export writes the same file, and as the in-memory baseline
// of bench/export.bench.ts. Not used by the portal.
import { accessTo } from "@/server/access/scope";
import ExcelJS from "exceljs";
import { addDays } from "@/domain/time/zoned";
import { translator } from "@/i18n/translator";
import type { CustomerActor } from "@/server/access/actor";
import { XLSX_COLUMNS, type ExportRow } from "@/server/consumption/export-consumption";
import { getConsumption } from "@/server/consumption/get-consumption";
import { quantityOfSlug, type ConsumptionBucket, type ExportQuery } from "@/server/consumption/schemas";

export type InMemoryExportFile = { fileName: string; contentType: string; body: Uint8Array };

const CSV_TYPE = "text/csv; charset=utf-8";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Row = ExportRow;

/** The same file as exportConsumption writes (see there for its rows and columns), built in memory. */
export async function exportConsumptionInMemory(actor: CustomerActor, query: ExportQuery): Promise<InMemoryExportFile> {
  const quantity = quantityOfSlug(query.quantity) ?? "ENERGY_KWH";
  const result = await getConsumption(actor, {
    installationIds: query.installation,
    customerIds: query.installation === "all" && query.customer ? [query.customer] : undefined,
    quantity,
    from: query.from,
    toExclusive: addDays(query.to, 1),
    granularity: query.granularity,
  });
  // Seeing is not always exporting: the level on every customer involved must allow export.
  for (const customerId of new Set(result.installations.map((i) => i.customerId))) accessTo(actor, customerId, "export");
  const t = await translator(query.lang, "consumption");
  const status = (b: ConsumptionBucket) =>
    [
      b.count === 0 ? t("status.missing") : b.count < b.expected ? t("status.incomplete") : null,
      b.estimated > 0 ? t("status.estimated") : null,
    ]
      .filter(Boolean)
      .join(", ");
  const toRow = (label: string, meteringPoint: string, b: ConsumptionBucket): Row => ({
    installation: label,
    meteringPoint,
    localStart: localWithOffset(b),
    utcStart: b.start,
    value: b.value,
    unit: result.unit,
    count: b.count,
    expected: b.expected,
    status: status(b),
  });

  const byId = new Map(result.installations.map((i) => [i.id, i]));
  const rows: Row[] = [];
  for (const p of result.perInstallation) {
    const i = byId.get(p.installationId)!;
    for (const b of p.buckets) rows.push(toRow(i.name ?? i.street, i.meteringPointId, b));
  }
  if (result.perInstallation.length > 1) {
    const label = t("export.sumLabel", { count: result.perInstallation.length });
    for (const b of result.buckets) rows.push(toRow(label, "", b));
  }

  const headers = [
    t("export.columns.installation"),
    t("export.columns.meteringPoint"),
    t("export.columns.localStart", { timeZone: result.timeZone }),
    t("export.columns.utcStart"),
    t(result.aggregation === "mean" ? "export.columns.mean" : "export.columns.value"),
    t("export.columns.unit"),
    t("export.columns.count"),
    t("export.columns.expected"),
    t("export.columns.status"),
  ];
  const selection =
    query.installation === "all" ? "alla" : result.installations.length === 1 ? result.installations[0]!.meteringPointId : `${result.installations.length}-anlaggningar`;
  const baseName = `forbrukning-${selection}-${query.from}-${query.to}`;

  if (query.format === "xlsx") {
    return { fileName: `${baseName}.xlsx`, contentType: XLSX_TYPE, body: await toXlsx(headers, rows, t("export.sheetName")) };
  }
  return { fileName: `${baseName}.csv`, contentType: CSV_TYPE, body: new TextEncoder().encode(toCsv(headers, rows, query.decimal)) };
}

/** `2025-10-26T02:00+02:00`: the local wall time with the offset in force at that instant. */
function localWithOffset(b: ConsumptionBucket): string {
  const offsetMinutes = Math.round((Date.parse(`${b.localStart}:00Z`) - Date.parse(b.start)) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${b.localStart}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Up to three decimals, no grouping, no exponent; the decimal separator as asked. */
function csvNumber(value: number, decimal: "comma" | "point"): string {
  const rounded = Math.round(value * 1000) / 1000;
  const text = (Object.is(rounded, -0) ? 0 : rounded).toFixed(3).replace(/\.?0+$/, "");
  return decimal === "comma" ? text.replace(".", ",") : text;
}

function toCsv(headers: string[], rows: Row[], decimal: "comma" | "point"): string {
  const separator = decimal === "comma" ? ";" : ",";
  const field = (v: string) => (v.includes(separator) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [headers.map(field).join(separator)];
  for (const r of rows) {
    lines.push(
      [
        field(r.installation),
        field(r.meteringPoint),
        r.localStart,
        r.utcStart,
        r.value === null ? "" : csvNumber(r.value, decimal),
        field(r.unit),
        String(r.count),
        String(r.expected),
        field(r.status),
      ].join(separator),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

async function toXlsx(headers: string[], rows: Row[], sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Mina sidor";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = XLSX_COLUMNS;
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  for (const r of rows) sheet.addRow({ ...r, value: r.value === null ? null : Math.round(r.value * 1000) / 1000 });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
