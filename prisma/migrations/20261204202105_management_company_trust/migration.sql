-- CreateEnum
CREATE TYPE "ManagementGrantProof" AS ENUM ('INVITATION', 'ACCEPTED_REQUEST', 'SIGNATORY', 'CHECK_CODE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ManagementGrantStatus" ADD VALUE 'REQUESTED';
ALTER TYPE "ManagementGrantStatus" ADD VALUE 'DECLINED';

-- DropIndex
DROP INDEX "ManagementGrant_customerId_idx";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "checkCode" TEXT;

-- Every existing customer gets its own random check code (8 characters of
-- src/domain/access/check-code.ts's alphabet, one random byte each from gen_random_uuid(), whose
-- first byte is fully random); the correlation on c.id makes the subquery run once per customer.
UPDATE "Customer" c SET "checkCode" = (
  SELECT string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', get_byte(uuid_send(gen_random_uuid()), 0) % 32 + 1, 1), '' ORDER BY g)
  FROM generate_series(1, 8) AS g
  WHERE c.id IS NOT NULL
);
ALTER TABLE "Customer" ALTER COLUMN "checkCode" SET NOT NULL;

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "companyName" TEXT;

-- AlterTable
ALTER TABLE "ManagementGrant" ADD COLUMN     "declinedAt" TIMESTAMPTZ(3),
ADD COLUMN     "declinedByUserId" UUID,
ADD COLUMN     "proof" "ManagementGrantProof",
ADD COLUMN     "requestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "requestedByUserId" UUID,
ADD COLUMN     "signatureId" UUID;

-- CreateIndex
CREATE INDEX "ManagementGrant_customerId_status_idx" ON "ManagementGrant"("customerId", "status");
