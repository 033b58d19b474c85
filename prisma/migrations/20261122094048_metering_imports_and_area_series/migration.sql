-- CreateEnum
CREATE TYPE "MeterImportFormat" AS ENUM ('CSV', 'ELOVERBLIK_JSON');

-- CreateEnum
CREATE TYPE "MeterImportStatus" AS ENUM ('STORED', 'PARTIAL', 'REJECTED');

-- AlterTable
ALTER TABLE "MeterSeries" ADD COLUMN     "areaCode" TEXT,
ADD COLUMN     "areaTimeZone" TEXT,
ALTER COLUMN "installationId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "MeterImport" (
    "id" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" "MeterImportFormat" NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" "MeterImportStatus" NOT NULL,
    "valuesReceived" INTEGER NOT NULL,
    "valuesStored" INTEGER NOT NULL,
    "valuesReplaced" INTEGER NOT NULL,
    "valuesUnchanged" INTEGER NOT NULL,
    "valuesRejected" INTEGER NOT NULL,
    "report" JSONB NOT NULL DEFAULT '[]',
    "receivedByStaffId" UUID,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeterImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterValueRevision" (
    "id" BIGSERIAL NOT NULL,
    "seriesId" UUID NOT NULL,
    "intervalStart" TIMESTAMPTZ(3) NOT NULL,
    "previousValue" DOUBLE PRECISION NOT NULL,
    "previousQuality" SMALLINT NOT NULL,
    "newValue" DOUBLE PRECISION NOT NULL,
    "newQuality" SMALLINT NOT NULL,
    "importId" UUID,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeterValueRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeterImport_sha256_idx" ON "MeterImport"("sha256");

-- CreateIndex
CREATE INDEX "MeterImport_receivedAt_idx" ON "MeterImport"("receivedAt");

-- CreateIndex
CREATE INDEX "MeterValueRevision_seriesId_intervalStart_idx" ON "MeterValueRevision"("seriesId", "intervalStart");

-- CreateIndex
CREATE INDEX "MeterValueRevision_replacedAt_idx" ON "MeterValueRevision"("replacedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeterSeries_areaCode_quantity_resolution_key" ON "MeterSeries"("areaCode", "quantity", "resolution");

-- AddForeignKey
ALTER TABLE "MeterValueRevision" ADD CONSTRAINT "MeterValueRevision_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MeterSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterValueRevision" ADD CONSTRAINT "MeterValueRevision_importId_fkey" FOREIGN KEY ("importId") REFERENCES "MeterImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A series belongs to exactly one owner: an installation or an area (not expressible in Prisma's schema).
ALTER TABLE "MeterSeries" ADD CONSTRAINT "MeterSeries_owner_check" CHECK (("installationId" IS NULL) <> ("areaCode" IS NULL));
