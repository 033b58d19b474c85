import "server-only";
import type { MeterImportJobStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type MeterImportJobView = {
  id: string;
  fileName: string;
  status: MeterImportJobStatus;
  sizeBytes: number;
  createdAt: Date;
  startedAt: Date | null;
  receivedBy: string | null;
  /** The import with its report, once the worker has imported the file. */
  importId: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One uploaded file on its way through the background import (support console). Staff only; null when there is none. */
export async function getMeterImportJob(actor: Actor, jobId: string): Promise<MeterImportJobView | null> {
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN");
  if (!UUID.test(jobId)) return null;
  const job = await db.meterImportJob.findUnique({
    where: { id: jobId },
    select: { id: true, fileName: true, status: true, sizeBytes: true, createdAt: true, startedAt: true, receivedByStaffId: true, importId: true },
  });
  if (!job) return null;
  const staff = await db.staffUser.findUnique({ where: { id: job.receivedByStaffId }, select: { name: true } });
  const { receivedByStaffId: _id, ...rest } = job;
  return { ...rest, receivedBy: staff?.name ?? null };
}
