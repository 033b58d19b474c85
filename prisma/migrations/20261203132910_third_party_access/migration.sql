-- CreateEnum
CREATE TYPE "ThirdPartyStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "ConsentState" AS ENUM ('RECEIVED', 'NEEDS_REVIEW', 'VALIDATED', 'REJECTED_MALFORMED', 'AWAITING_CUSTOMER', 'DECLINED', 'ACTIVE', 'TERMINATED_BY_CUSTOMER', 'TERMINATED_BY_THIRD_PARTY', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DataResolution" AS ENUM ('PT15M', 'PT1H', 'P1D', 'P1M');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "ThirdParty" (
    "id" UUID NOT NULL,
    "organisationNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "contactPhone" TEXT,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT NOT NULL,
    "status" "ThirdPartyStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ThirdParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" UUID NOT NULL,
    "thirdPartyId" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiClientSecret" (
    "id" UUID NOT NULL,
    "apiClientId" UUID NOT NULL,
    "secretHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiClientSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiAccessToken" (
    "tokenHash" TEXT NOT NULL,
    "apiClientId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApiAccessToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "ConsentRequest" (
    "id" UUID NOT NULL,
    "thirdPartyId" UUID NOT NULL,
    "apiClientId" UUID,
    "reference" TEXT NOT NULL,
    "customerIdentity" TEXT NOT NULL,
    "meteringPointId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "resolution" "DataResolution" NOT NULL,
    "dataFrom" DATE NOT NULL,
    "dataTo" DATE,
    "requestedValidTo" TIMESTAMPTZ(3) NOT NULL,
    "customerId" UUID,
    "installationId" UUID,
    "state" "ConsentState" NOT NULL DEFAULT 'RECEIVED',
    "reasonCode" TEXT,
    "reasonText" TEXT,
    "answerBy" TIMESTAMPTZ(3),
    "validFrom" TIMESTAMPTZ(3),
    "validTo" TIMESTAMPTZ(3),
    "decidedByUserId" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "signatureId" UUID,
    "endedAt" TIMESTAMPTZ(3),
    "customerNotifiedAt" TIMESTAMPTZ(3),
    "reminderSentAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" BIGSERIAL NOT NULL,
    "requestId" UUID NOT NULL,
    "thirdPartyId" UUID NOT NULL,
    "fromState" "ConsentState" NOT NULL,
    "toState" "ConsentState" NOT NULL,
    "event" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorUserId" UUID,
    "actorStaffId" UUID,
    "actorApiClientId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataDelivery" (
    "id" BIGSERIAL NOT NULL,
    "requestId" UUID NOT NULL,
    "thirdPartyId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "installationId" UUID NOT NULL,
    "apiClientId" UUID,
    "deliveredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "resolution" "DataResolution" NOT NULL,
    "valueCount" INTEGER NOT NULL,

    CONSTRAINT "DataDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "thirdPartyId" UUID NOT NULL,
    "eventId" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiRateWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ApiRateWindow_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ThirdParty_organisationNumber_key" ON "ThirdParty"("organisationNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_clientId_key" ON "ApiClient"("clientId");

-- CreateIndex
CREATE INDEX "ApiClient_thirdPartyId_idx" ON "ApiClient"("thirdPartyId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClientSecret_secretHash_key" ON "ApiClientSecret"("secretHash");

-- CreateIndex
CREATE INDEX "ApiClientSecret_apiClientId_idx" ON "ApiClientSecret"("apiClientId");

-- CreateIndex
CREATE INDEX "ApiAccessToken_apiClientId_idx" ON "ApiAccessToken"("apiClientId");

-- CreateIndex
CREATE INDEX "ApiAccessToken_expiresAt_idx" ON "ApiAccessToken"("expiresAt");

-- CreateIndex
CREATE INDEX "ConsentRequest_customerId_state_idx" ON "ConsentRequest"("customerId", "state");

-- CreateIndex
CREATE INDEX "ConsentRequest_installationId_state_idx" ON "ConsentRequest"("installationId", "state");

-- CreateIndex
CREATE INDEX "ConsentRequest_state_answerBy_idx" ON "ConsentRequest"("state", "answerBy");

-- CreateIndex
CREATE INDEX "ConsentRequest_state_validTo_idx" ON "ConsentRequest"("state", "validTo");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRequest_thirdPartyId_reference_key" ON "ConsentRequest"("thirdPartyId", "reference");

-- CreateIndex
CREATE INDEX "ConsentEvent_requestId_id_idx" ON "ConsentEvent"("requestId", "id");

-- CreateIndex
CREATE INDEX "ConsentEvent_thirdPartyId_id_idx" ON "ConsentEvent"("thirdPartyId", "id");

-- CreateIndex
CREATE INDEX "DataDelivery_customerId_deliveredAt_idx" ON "DataDelivery"("customerId", "deliveredAt");

-- CreateIndex
CREATE INDEX "DataDelivery_installationId_deliveredAt_idx" ON "DataDelivery"("installationId", "deliveredAt");

-- CreateIndex
CREATE INDEX "DataDelivery_requestId_idx" ON "DataDelivery"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_eventId_key" ON "WebhookDelivery"("eventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_thirdPartyId_createdAt_idx" ON "WebhookDelivery"("thirdPartyId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiClient" ADD CONSTRAINT "ApiClient_thirdPartyId_fkey" FOREIGN KEY ("thirdPartyId") REFERENCES "ThirdParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiClientSecret" ADD CONSTRAINT "ApiClientSecret_apiClientId_fkey" FOREIGN KEY ("apiClientId") REFERENCES "ApiClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiAccessToken" ADD CONSTRAINT "ApiAccessToken_apiClientId_fkey" FOREIGN KEY ("apiClientId") REFERENCES "ApiClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_thirdPartyId_fkey" FOREIGN KEY ("thirdPartyId") REFERENCES "ThirdParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRequest" ADD CONSTRAINT "ConsentRequest_decidedByUserId_fkey" FOREIGN KEY ("decidedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ConsentRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataDelivery" ADD CONSTRAINT "DataDelivery_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ConsentRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataDelivery" ADD CONSTRAINT "DataDelivery_thirdPartyId_fkey" FOREIGN KEY ("thirdPartyId") REFERENCES "ThirdParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataDelivery" ADD CONSTRAINT "DataDelivery_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataDelivery" ADD CONSTRAINT "DataDelivery_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_thirdPartyId_fkey" FOREIGN KEY ("thirdPartyId") REFERENCES "ThirdParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;
