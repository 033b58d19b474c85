import "server-only";
import { countReportedProblems } from "@/domain/metering/types";
import type { MeterImportFormat, MeterImportStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type MeterImportSummary = {
  id: string;
  fileName: string;
  format: MeterImportFormat;
  status: MeterImportStatus;
  receivedAt: Date;
  /** Staff name, or null for the command line and other system imports. */
  receivedBy: string | null;
  counts: { received: number; stored: number; replaced: number; unchanged: number; rejected: number };
  problemCount: number;
};

const METER_IMPORT_LIST_LIMIT = 20;

/** The most recent meter-value imports, newest first (support console). Staff only. */
export async function listMeterImports(actor: Actor, options: { limit?: number } = {}): Promise<MeterImportSummary[]> {
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN");
  const limit = Math.min(Math.max(options.limit ?? METER_IMPORT_LIST_LIMIT, 1), 100);
  const rows = await db.meterImport.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      fileName: true,
      format: true,
      status: true,
      receivedAt: true,
      receivedByStaffId: true,
      valuesReceived: true,
      valuesStored: true,
      valuesReplaced: true,
      valuesUnchanged: true,
      valuesRejected: true,
      report: true,
    },
  });
  // MeterImport has no relation to StaffUser; one query for the names on the page.
  const staffIds = [...new Set(rows.flatMap((r) => (r.receivedByStaffId ? [r.receivedByStaffId] : [])))];
  const staff = staffIds.length ? await db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    status: r.status,
    receivedAt: r.receivedAt,
    receivedBy: r.receivedByStaffId ? (names.get(r.receivedByStaffId) ?? null) : null,
    counts: { received: r.valuesReceived, stored: r.valuesStored, replaced: r.valuesReplaced, unchanged: r.valuesUnchanged, rejected: r.valuesRejected },
    problemCount: countReportedProblems(r.report),
  }));
}
