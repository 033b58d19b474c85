-- CreateEnum
CREATE TYPE "MeterImportJobStatus" AS ENUM ('RECEIVING', 'QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "MeterImportMode" AS ENUM ('ALL_OR_NOTHING', 'STORE_VALID');

-- CreateTable
CREATE TABLE "MeterImportJob" (
    "id" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "mode" "MeterImportMode" NOT NULL DEFAULT 'ALL_OR_NOTHING',
    "status" "MeterImportJobStatus" NOT NULL DEFAULT 'RECEIVING',
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "receivedByStaffId" UUID NOT NULL,
    "ipAddress" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "importId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeterImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterImportJobChunk" (
    "jobId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "MeterImportJobChunk_pkey" PRIMARY KEY ("jobId","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeterImportJob_importId_key" ON "MeterImportJob"("importId");

-- CreateIndex
CREATE INDEX "MeterImportJob_status_createdAt_idx" ON "MeterImportJob"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "MeterImportJob" ADD CONSTRAINT "MeterImportJob_importId_fkey" FOREIGN KEY ("importId") REFERENCES "MeterImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterImportJobChunk" ADD CONSTRAINT "MeterImportJobChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "MeterImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
