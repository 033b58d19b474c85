import "server-only";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { MeterImportJobView } from "./get-meter-import-job";

/** Uploads waiting for or in the background import, and those it gave up on in the last day, oldest first. Staff only. */
export async function listPendingMeterImportJobs(actor: Actor, now: Date = new Date()): Promise<MeterImportJobView[]> {
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN");
  const jobs = await db.meterImportJob.findMany({
    where: { OR: [{ status: { in: ["QUEUED", "RUNNING"] } }, { status: "FAILED", finishedAt: { gte: new Date(now.getTime() - 86_400_000) } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, fileName: true, status: true, sizeBytes: true, createdAt: true, startedAt: true, receivedByStaffId: true, importId: true },
  });
  const staffIds = [...new Set(jobs.map((j) => j.receivedByStaffId))];
  const staff = staffIds.length ? await db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return jobs.map(({ receivedByStaffId, ...j }) => ({ ...j, receivedBy: names.get(receivedByStaffId) ?? null }));
}
