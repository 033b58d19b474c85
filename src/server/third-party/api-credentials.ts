import "server-only";
// OAuth 2.0 client credentials for third parties (RFC 6749 section 4.4). Client secrets and access
// tokens are random 256-bit values, stored only as their sha256: with that much entropy a fast hash
// is as safe as a slow one and keeps every API call cheap. A client may have several live secrets
// at once, which is how a secret is rotated without downtime (rotateApiClientSecret in ./manage-third-parties.ts).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { ApiError } from "./api-error";
import type { ThirdPartyActor } from "./third-party-actor";

export const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");
const random = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString("base64url")}`;

export const newClientId = () => random("msc_", 12);
export const newClientSecret = () => random("mss_", 32);
export const newWebhookSecret = () => random("whsec_", 32);
const newAccessToken = () => random("mst_", 32);

/** Why a token request was refused, as RFC 6749 section 5.2 names it. */
export class OAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope",
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/**
 * The ApiClient row whose secret this is. Unknown client, wrong secret, an expired or revoked
 * secret, a revoked client and a suspended third party all answer `invalid_client`.
 */
export async function authenticateApiClient(clientId: string, secret: string, now: Date = new Date()): Promise<string> {
  const client = await db.apiClient.findUnique({
    where: { clientId },
    select: {
      id: true,
      revokedAt: true,
      thirdParty: { select: { status: true } },
      secrets: { where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }, select: { secretHash: true } },
    },
  });
  const presented = Buffer.from(sha256(secret), "hex");
  const matches = client?.secrets.some((s) => timingSafeEqual(Buffer.from(s.secretHash, "hex"), presented)) ?? false;
  if (!client || client.revokedAt || client.thirdParty.status !== "ACTIVE" || !matches) {
    throw new OAuthError("invalid_client", "Unknown client, wrong secret, or the client is no longer allowed.");
  }
  return client.id;
}

/** A new bearer token for an authenticated API client (`ApiClient.id`). */
export async function mintAccessToken(apiClientId: string, now: Date = new Date()): Promise<{ accessToken: string; expiresIn: number }> {
  const expiresIn = env().API_TOKEN_TTL_SECONDS;
  const accessToken = newAccessToken();
  await db.$transaction([
    db.apiAccessToken.create({ data: { tokenHash: sha256(accessToken), apiClientId, createdAt: now, expiresAt: new Date(now.getTime() + expiresIn * 1000) } }),
    db.apiClient.update({ where: { id: apiClientId }, data: { lastUsedAt: now } }),
  ]);
  return { accessToken, expiresIn };
}

/** Exchanges a client id and secret for a bearer token (`invalid_client` as authenticateApiClient). */
export async function issueAccessToken(clientId: string, secret: string, now: Date = new Date()): Promise<{ accessToken: string; expiresIn: number }> {
  return mintAccessToken(await authenticateApiClient(clientId, secret, now), now);
}

/** The third party behind `Authorization: Bearer <token>`, or INVALID_TOKEN / UNAUTHENTICATED. */
export async function authenticateBearer(authorization: string | null, now: Date = new Date()): Promise<ThirdPartyActor> {
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(authorization ?? "");
  if (!match) throw new ApiError("UNAUTHENTICATED", "Send an access token from POST /api/v1/oauth/token as 'Authorization: Bearer <token>'.");
  const token = await db.apiAccessToken.findUnique({
    where: { tokenHash: sha256(match[1]!) },
    select: { expiresAt: true, client: { select: { id: true, clientId: true, revokedAt: true, thirdParty: { select: { id: true, name: true, status: true } } } } },
  });
  if (!token || token.expiresAt <= now || token.client.revokedAt) throw new ApiError("INVALID_TOKEN", "The access token is unknown or has expired; get a new one.");
  if (token.client.thirdParty.status !== "ACTIVE") throw new ApiError("THIRD_PARTY_SUSPENDED", "Your organisation's access to the API is suspended; contact the utility.");
  return {
    kind: "thirdParty",
    thirdPartyId: token.client.thirdParty.id,
    thirdPartyName: token.client.thirdParty.name,
    apiClientId: token.client.id,
    clientId: token.client.clientId,
  };
}
