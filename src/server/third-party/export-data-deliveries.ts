import "server-only";
// The sharing log as a file (Delningslogg → "Ladda ner CSV / Excel"), with the page's filters.
import ExcelJS from "exceljs";
import { formatMeteringPointId } from "@/domain/identity";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { CSV_BOM, CSV_LINE_END, csvRow } from "@/domain/csv/write-csv";
import { localDate, zonedParts } from "@/domain/time/zoned";
import { translator } from "@/i18n/translator";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { deliveriesWhere, deliveryOrder, deliverySelect, DELIVERY_LOG_TIME_ZONE, toDeliveryItem, type DataDeliveryItem } from "./list-data-deliveries";

export type DeliveryExportFile = { fileName: string; contentType: string; body: Uint8Array };
export type DeliveryExportOptions = { format: "csv" | "xlsx"; lang: "sv" | "en"; now?: Date };

const CSV_TYPE = "text/csv; charset=utf-8";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A log longer than this is exported in parts (by date range); no customer is near it. */
const MAX_EXPORT_ROWS = 50_000;

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-05-04 06:00`: wall time in Stockholm, as the page shows it. */
function stockholmTime(instant: Date): string {
  const p = zonedParts(instant, DELIVERY_LOG_TIME_ZONE);
  return `${localDate(instant, DELIVERY_LOG_TIME_ZONE)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Every delivery matching the filters (deliveriesWhere: a customer or installation the user may not
 * export is NOT_FOUND / FORBIDDEN), newest first. Columns: delivered (Stockholm time and UTC),
 * company and its organisation number, customer number, installation, address, metering point,
 * first and last day of the values, resolution, number of values. CSV is UTF-8 with a BOM, with
 * `;` between fields in Swedish (what Excel expects with a Swedish locale) and `,` in English, and
 * text cells that would start a formula neutralised; Excel cells are strings, never formulas.
 */
export async function exportDataDeliveries(actor: CustomerActor, filters: unknown, options: DeliveryExportOptions): Promise<DeliveryExportFile> {
  const where = await deliveriesWhere(actor, "export", filters);
  const rows = await db.dataDelivery.findMany({ where, select: deliverySelect, orderBy: deliveryOrder, take: MAX_EXPORT_ROWS + 1 });
  if (rows.length > MAX_EXPORT_ROWS) throw new AppError("VALIDATION", "thirdParty.log.errors.tooMany");
  const items = rows.map(toDeliveryItem);
  const t = await translator(options.lang, "thirdParty");

  const headers = [
    t("log.export.deliveredAt", { timeZone: DELIVERY_LOG_TIME_ZONE }),
    t("log.export.deliveredAtUtc"),
    t("log.export.company"),
    t("log.export.organisationNumber"),
    t("log.export.customerNumber"),
    t("log.export.installation"),
    t("log.export.address"),
    t("log.export.meteringPoint"),
    t("log.export.periodFrom"),
    t("log.export.periodTo"),
    t("log.export.resolution"),
    t("log.export.valueCount"),
  ];
  const cells = (d: DataDeliveryItem): (string | number)[] => [
    stockholmTime(d.deliveredAt),
    d.deliveredAt.toISOString(),
    d.thirdParty.name,
    formatOrganisationNumber(d.thirdParty.organisationNumber),
    d.customer.customerNumber,
    d.installation.name ?? d.installation.street,
    `${d.installation.street}, ${d.installation.city}`,
    formatMeteringPointId(d.installation.meteringPointId),
    d.periodFrom,
    d.periodLastDay,
    t(`resolution.${d.resolution}`),
    d.valueCount,
  ];
  const baseName = `${t("log.export.fileName")}-${localDate(options.now ?? new Date(), DELIVERY_LOG_TIME_ZONE)}`;

  if (options.format === "xlsx") {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = "Mina sidor";
    const sheet = workbook.addWorksheet(t("log.export.sheetName"), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [18, 24, 28, 16, 14, 28, 32, 24, 14, 14, 18, 14].map((width) => ({ width }));
    sheet.addRow(headers).font = { bold: true };
    for (const d of items) sheet.addRow(cells(d));
    const buffer = await workbook.xlsx.writeBuffer();
    return { fileName: `${baseName}.xlsx`, contentType: XLSX_TYPE, body: new Uint8Array(buffer as ArrayBuffer) };
  }

  // A third party names itself: its name is text a spreadsheet must not run (write-csv.ts).
  const csv = { separator: options.lang === "sv" ? ";" : "," } as const;
  const lines = [headers, ...items.map(cells)].map((row) => csvRow(row, csv));
  return { fileName: `${baseName}.csv`, contentType: CSV_TYPE, body: new TextEncoder().encode(`${CSV_BOM}${lines.join(CSV_LINE_END)}${CSV_LINE_END}`) };
}
