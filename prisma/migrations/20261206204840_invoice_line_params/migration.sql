-- AlterTable
ALTER TABLE "InvoiceLine" ADD COLUMN     "params" JSONB;
