-- CreateTable
CREATE TABLE "ExportLease" (
    "userId" UUID NOT NULL,
    "token" UUID NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExportLease_pkey" PRIMARY KEY ("userId")
);
