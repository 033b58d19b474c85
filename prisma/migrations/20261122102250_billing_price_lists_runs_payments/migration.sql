-- CreateEnum
CREATE TYPE "BillingRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "BillingRunItemStatus" AS ENUM ('ISSUED', 'CORRECTED', 'UNCHANGED', 'SKIPPED', 'FAILED');

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "priceProducts" TEXT[];

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "billingKey" TEXT,
ADD COLUMN     "explanation" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "ratingHash" TEXT;

-- CreateTable
CREATE TABLE "PriceList" (
    "id" UUID NOT NULL,
    "product" TEXT NOT NULL,
    "area" TEXT,
    "currency" "Currency" NOT NULL,
    "name" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpotPrice" (
    "priceArea" TEXT NOT NULL,
    "resolution" "Resolution" NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "currency" "Currency" NOT NULL,
    "priceMinor" DECIMAL(14,6) NOT NULL,

    CONSTRAINT "SpotPrice_pkey" PRIMARY KEY ("priceArea","resolution","startsAt")
);

-- CreateTable
CREATE TABLE "BillingRun" (
    "id" UUID NOT NULL,
    "cycle" "BillingCycle" NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "status" "BillingRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "summary" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "BillingRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingRunItem" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "status" "BillingRunItemStatus" NOT NULL,
    "reason" TEXT,
    "invoiceIds" UUID[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentImport" (
    "id" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "report" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "PaymentImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" "Currency" NOT NULL,
    "paidOn" DATE NOT NULL,
    "invoiceId" UUID,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PriceList_product_area_validFrom_idx" ON "PriceList"("product", "area", "validFrom");

-- CreateIndex
CREATE INDEX "BillingRun_cycle_periodStart_idx" ON "BillingRun"("cycle", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "BillingRunItem_runId_contractId_key" ON "BillingRunItem"("runId", "contractId");

-- CreateIndex
CREATE INDEX "Payment_reference_idx" ON "Payment"("reference");

-- CreateIndex
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_importId_reference_amountMinor_paidOn_key" ON "Payment"("importId", "reference", "amountMinor", "paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_billingKey_key" ON "Invoice"("billingKey");

-- AddForeignKey
ALTER TABLE "BillingRunItem" ADD CONSTRAINT "BillingRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "BillingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingRunItem" ADD CONSTRAINT "BillingRunItem_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PaymentImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;
