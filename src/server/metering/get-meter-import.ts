import "server-only";
import { countReportedProblems, type Problem } from "@/domain/metering/types";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { MeterImportSummary } from "./list-meter-imports";

export type MeterImportReport = MeterImportSummary & { problems: Problem[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One import with its problem report (support console). Staff only; null when there is none. */
export async function getMeterImport(actor: Actor, importId: string): Promise<MeterImportReport | null> {
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN");
  if (!UUID.test(importId)) return null;
  const r = await db.meterImport.findUnique({ where: { id: importId } });
  if (!r) return null;
  const staff = r.receivedByStaffId ? await db.staffUser.findUnique({ where: { id: r.receivedByStaffId }, select: { name: true } }) : null;
  const problems = Array.isArray(r.report) ? (r.report as unknown as Problem[]) : [];
  return {
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    status: r.status,
    receivedAt: r.receivedAt,
    receivedBy: staff?.name ?? null,
    counts: { received: r.valuesReceived, stored: r.valuesStored, replaced: r.valuesReplaced, unchanged: r.valuesUnchanged, rejected: r.valuesRejected },
    problemCount: countReportedProblems(r.report),
    problems,
  };
}
