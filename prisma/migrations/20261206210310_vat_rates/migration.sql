-- CreateTable
CREATE TABLE "VatRate" (
    "id" UUID NOT NULL,
    "market" "Market" NOT NULL,
    "ratePercent" DECIMAL(6,3) NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VatRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VatRate_market_validFrom_key" ON "VatRate"("market", "validFrom");
