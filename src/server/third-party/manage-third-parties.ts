import "server-only";
// The register of energy service companies and their API clients (support console). Changing the
// register needs the staff ADMIN role; every change is audited. Secrets are shown once, when made:
// client secrets are stored only as sha256, webhook secrets are kept for signing but never listed.
import type { StaffActor } from "@/server/access/actor";
import { parseInput } from "@/server/boundary/field-errors";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { newClientId, newClientSecret, newWebhookSecret, sha256 } from "./api-credentials";
import {
  createApiClientSchema,
  createThirdPartySchema,
  rotateSecretSchema,
  updateThirdPartySchema,
  type CreateThirdPartyInput,
  type UpdateThirdPartyInput,
} from "./staff-schemas";

function requireAdmin(actor: StaffActor) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "thirdPartyAdmin.errors.adminOnly");
}

const hintOf = (secret: string) => `${secret.slice(0, 8)}…`;

export async function createThirdParty(actor: StaffActor, input: CreateThirdPartyInput): Promise<{ id: string; webhookSecret: string }> {
  requireAdmin(actor);
  const data = parseInput(createThirdPartySchema, input);
  const webhookSecret = newWebhookSecret();
  return db.$transaction(async (tx) => {
    if (await tx.thirdParty.findUnique({ where: { organisationNumber: data.organisationNumber }, select: { id: true } })) {
      throw new AppError("CONFLICT", "errors.VALIDATION", { organisationNumber: ["thirdPartyAdmin.errors.exists"] });
    }
    const party = await tx.thirdParty.create({
      data: { organisationNumber: data.organisationNumber, name: data.name, contactEmail: data.contactEmail, contactPhone: data.contactPhone ?? null, webhookUrl: data.webhookUrl ?? null, webhookSecret },
      select: { id: true },
    });
    await writeAudit(tx, actor, { action: "thirdParty.registered", targetType: "ThirdParty", targetId: party.id, details: { name: data.name, organisationNumber: data.organisationNumber } });
    return { id: party.id, webhookSecret };
  });
}

export async function updateThirdParty(actor: StaffActor, input: UpdateThirdPartyInput): Promise<void> {
  requireAdmin(actor);
  const data = parseInput(updateThirdPartySchema, input);
  await db.$transaction(async (tx) => {
    const before = await tx.thirdParty.findUnique({ where: { id: data.thirdPartyId }, select: { name: true, contactEmail: true, contactPhone: true, webhookUrl: true, status: true } });
    if (!before) throw new AppError("NOT_FOUND");
    const after = { name: data.name, contactEmail: data.contactEmail, contactPhone: data.contactPhone ?? null, webhookUrl: data.webhookUrl ?? null, status: data.status };
    await tx.thirdParty.update({ where: { id: data.thirdPartyId }, data: after });
    await writeAudit(tx, actor, { action: "thirdParty.updated", targetType: "ThirdParty", targetId: data.thirdPartyId, details: { before, after } });
  });
}

export async function rotateWebhookSecret(actor: StaffActor, thirdPartyId: string): Promise<{ webhookSecret: string }> {
  requireAdmin(actor);
  const webhookSecret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    const changed = await tx.thirdParty.updateMany({ where: { id: thirdPartyId }, data: { webhookSecret } });
    if (changed.count !== 1) throw new AppError("NOT_FOUND");
    await writeAudit(tx, actor, { action: "thirdParty.webhookSecretRotated", targetType: "ThirdParty", targetId: thirdPartyId });
  });
  return { webhookSecret };
}

export async function createApiClient(actor: StaffActor, input: { thirdPartyId: string; name: string }): Promise<{ apiClientId: string; clientId: string; clientSecret: string }> {
  requireAdmin(actor);
  const data = parseInput(createApiClientSchema, input);
  const clientId = newClientId();
  const clientSecret = newClientSecret();
  return db.$transaction(async (tx) => {
    if (!(await tx.thirdParty.findUnique({ where: { id: data.thirdPartyId }, select: { id: true } }))) throw new AppError("NOT_FOUND");
    const client = await tx.apiClient.create({
      data: { thirdPartyId: data.thirdPartyId, clientId, name: data.name, secrets: { create: { secretHash: sha256(clientSecret), hint: hintOf(clientSecret) } } },
      select: { id: true },
    });
    await writeAudit(tx, actor, { action: "thirdParty.apiClientCreated", targetType: "ApiClient", targetId: client.id, details: { thirdPartyId: data.thirdPartyId, clientId, name: data.name } });
    return { apiClientId: client.id, clientId, clientSecret };
  });
}

/**
 * A new secret for a client. The earlier live secrets keep working for `graceHours` (0: stop at
 * once), so the third party can switch without downtime; tokens already issued live out their
 * short lifetime.
 */
export async function rotateApiClientSecret(actor: StaffActor, input: { apiClientId: string; graceHours: number | string }, now: Date = new Date()): Promise<{ clientSecret: string; previousValidUntil: Date }> {
  requireAdmin(actor);
  const data = parseInput(rotateSecretSchema, input);
  const clientSecret = newClientSecret();
  const previousValidUntil = new Date(now.getTime() + data.graceHours * 3600_000);
  await db.$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({ where: { id: data.apiClientId }, select: { id: true, revokedAt: true, thirdPartyId: true } });
    if (!client) throw new AppError("NOT_FOUND");
    if (client.revokedAt) throw new AppError("CONFLICT", "thirdPartyAdmin.errors.clientRevoked");
    await tx.apiClientSecret.updateMany({
      where: { apiClientId: client.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: previousValidUntil } }] },
      data: { expiresAt: previousValidUntil },
    });
    await tx.apiClientSecret.create({ data: { apiClientId: client.id, secretHash: sha256(clientSecret), hint: hintOf(clientSecret), createdAt: now } });
    await writeAudit(tx, actor, { action: "thirdParty.apiClientSecretRotated", targetType: "ApiClient", targetId: client.id, details: { thirdPartyId: client.thirdPartyId, graceHours: data.graceHours } });
  });
  return { clientSecret, previousValidUntil };
}

/** Ends a client at once: its secrets stop working and its tokens are removed. */
export async function revokeApiClient(actor: StaffActor, apiClientId: string, now: Date = new Date()): Promise<void> {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const changed = await tx.apiClient.updateMany({ where: { id: apiClientId, revokedAt: null }, data: { revokedAt: now } });
    if (changed.count !== 1) throw new AppError("NOT_FOUND");
    await tx.apiAccessToken.deleteMany({ where: { apiClientId } });
    await writeAudit(tx, actor, { action: "thirdParty.apiClientRevoked", targetType: "ApiClient", targetId: apiClientId });
  });
}

/** Sends a FAILED (or waiting) webhook again at once. Any staff member may. */
export async function resendWebhook(actor: StaffActor, deliveryId: string, now: Date = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const changed = await tx.webhookDelivery.updateMany({ where: { id: deliveryId, status: { in: ["FAILED", "PENDING"] } }, data: { status: "PENDING", nextAttemptAt: now, lockedUntil: null } });
    if (changed.count !== 1) throw new AppError("NOT_FOUND");
    await writeAudit(tx, actor, { action: "thirdParty.webhookResent", targetType: "WebhookDelivery", targetId: deliveryId });
  });
}
