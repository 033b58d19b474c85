// The MeterImport row of an import, with its counts and problem report, and the staff audit entry.
import "server-only";
import type { MeterFileFormat, Problem } from "@/domain/metering/types";
import type { Prisma } from "@/generated/prisma/client";
import type { MeterImportStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import type { ImportCounts, ImportMeterValuesInput } from "./import-meter-values";

type Tx = Prisma.TransactionClient;

export type ImportRecord = {
  importId: string;
  format: MeterFileFormat;
  status: MeterImportStatus;
  sha256: string;
  counts: ImportCounts;
  report: Problem[];
  problemCount: number;
};

export async function recordImport(tx: Tx, input: ImportMeterValuesInput, actor: Actor | { kind: "system" }, record: ImportRecord): Promise<void> {
  const { counts } = record;
  await tx.meterImport.create({
    data: {
      id: record.importId,
      fileName: input.fileName,
      format: record.format,
      sha256: record.sha256,
      status: record.status,
      valuesReceived: counts.received,
      valuesStored: counts.stored,
      valuesReplaced: counts.replaced,
      valuesUnchanged: counts.unchanged,
      valuesRejected: counts.rejected,
      // Through JSON once: drops the undefined fields of the problems.
      report: JSON.parse(JSON.stringify(record.report)) as Prisma.InputJsonValue,
      receivedByStaffId: actor.kind === "staff" ? actor.staffId : null,
    },
  });
  if (actor.kind === "staff") {
    await writeAudit(tx, actor, {
      action: "meter.importReceived",
      targetType: "MeterImport",
      targetId: record.importId,
      details: {
        fileName: input.fileName,
        format: record.format,
        status: record.status,
        received: counts.received,
        stored: counts.stored,
        replaced: counts.replaced,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        problems: record.problemCount,
      },
      ipAddress: input.ip ?? null,
    });
  }
}
