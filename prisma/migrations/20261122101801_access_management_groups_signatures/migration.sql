-- CreateEnum
CREATE TYPE "InvitationKind" AS ENUM ('CUSTOMER_USER', 'MANAGEMENT_COMPANY', 'MANAGER');

-- CreateEnum
CREATE TYPE "ManagementRole" AS ENUM ('ADMINISTRATOR', 'MANAGER');

-- CreateEnum
CREATE TYPE "ManagementGrantStatus" AS ENUM ('PENDING', 'ACTIVE', 'REVOKED');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "managementGrantId" UUID;

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "kind" "InvitationKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "customerId" UUID,
    "managementCompanyId" UUID,
    "organisationNumber" TEXT,
    "role" "MembershipRole",
    "allInstallations" BOOLEAN NOT NULL DEFAULT true,
    "installationIds" UUID[],
    "invitedByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "acceptedByUserId" UUID,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManagementCompany" (
    "id" UUID NOT NULL,
    "organisationNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ManagementCompany_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManagementCompanyMember" (
    "id" UUID NOT NULL,
    "managementCompanyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "ManagementRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ManagementCompanyMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManagementGrant" (
    "id" UUID NOT NULL,
    "managementCompanyId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "status" "ManagementGrantStatus" NOT NULL DEFAULT 'PENDING',
    "allInstallations" BOOLEAN NOT NULL DEFAULT true,
    "grantedByUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ManagementGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManagementGrantInstallation" (
    "grantId" UUID NOT NULL,
    "installationId" UUID NOT NULL,

    CONSTRAINT "ManagementGrantInstallation_pkey" PRIMARY KEY ("grantId","installationId")
);

-- CreateTable
CREATE TABLE "InstallationGroup" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InstallationGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstallationGroupMember" (
    "groupId" UUID NOT NULL,
    "installationId" UUID NOT NULL,

    CONSTRAINT "InstallationGroupMember_pkey" PRIMARY KEY ("groupId","installationId")
);

-- CreateTable
CREATE TABLE "Signature" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "personalIdNumber" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Signature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_customerId_idx" ON "Invitation"("customerId");

-- CreateIndex
CREATE INDEX "Invitation_managementCompanyId_idx" ON "Invitation"("managementCompanyId");

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ManagementCompany_organisationNumber_key" ON "ManagementCompany"("organisationNumber");

-- CreateIndex
CREATE INDEX "ManagementCompanyMember_userId_idx" ON "ManagementCompanyMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ManagementCompanyMember_managementCompanyId_userId_key" ON "ManagementCompanyMember"("managementCompanyId", "userId");

-- CreateIndex
CREATE INDEX "ManagementGrant_customerId_idx" ON "ManagementGrant"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ManagementGrant_managementCompanyId_customerId_key" ON "ManagementGrant"("managementCompanyId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "InstallationGroup_userId_name_key" ON "InstallationGroup"("userId", "name");

-- CreateIndex
CREATE INDEX "InstallationGroupMember_installationId_idx" ON "InstallationGroupMember"("installationId");

-- CreateIndex
CREATE INDEX "Signature_userId_signedAt_idx" ON "Signature"("userId", "signedAt");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_managementGrantId_fkey" FOREIGN KEY ("managementGrantId") REFERENCES "ManagementGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_managementCompanyId_fkey" FOREIGN KEY ("managementCompanyId") REFERENCES "ManagementCompany"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_invitedByUserId_fkey" FOREIGN KEY ("invitedByUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagementCompanyMember" ADD CONSTRAINT "ManagementCompanyMember_managementCompanyId_fkey" FOREIGN KEY ("managementCompanyId") REFERENCES "ManagementCompany"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagementCompanyMember" ADD CONSTRAINT "ManagementCompanyMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagementGrant" ADD CONSTRAINT "ManagementGrant_managementCompanyId_fkey" FOREIGN KEY ("managementCompanyId") REFERENCES "ManagementCompany"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagementGrant" ADD CONSTRAINT "ManagementGrant_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagementGrantInstallation" ADD CONSTRAINT "ManagementGrantInstallation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "ManagementGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagementGrantInstallation" ADD CONSTRAINT "ManagementGrantInstallation_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstallationGroup" ADD CONSTRAINT "InstallationGroup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstallationGroupMember" ADD CONSTRAINT "InstallationGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "InstallationGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstallationGroupMember" ADD CONSTRAINT "InstallationGroupMember_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
