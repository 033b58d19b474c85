import "server-only";
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import { generators } from "openid-client";
import { isSafeReturnPath } from "@/domain/http/safe-return-path";
import { MAX_SIGN_TEXT_LENGTH, SIGN_TEXT_PARAM, SIGNED_TEXT_CLAIM, toBase64Url } from "@/lib/eleg-protocol";
import type { CustomerActor } from "@/server/access/actor";
import { currentActor } from "@/server/auth/session";
import { cookieOptions } from "@/server/boundary/cookies";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError, isAppError } from "@/server/errors";
import { elegConfig } from "./config";
import { elegClient } from "./oidc-client";
import { personalIdNumberFromClaims } from "./personal-id-number";
import { LINK_PURPOSE, recordSignature, type PendingSignature } from "./record-signature";
import { seal, unseal } from "./sealed-cookie";

// Signing with e-legitimation (seed 001: "signera med BankID", seed 002: approving third-party
// access). The user is sent to the broker with the text to sign; the broker's ID token names the
// signer and attests the text's hash. Between the two requests the pending signing lives in a
// sealed, httpOnly cookie (./sealed-cookie.ts), not in a table: it is short-lived and per browser.
// See docs/decisions/007-e-legitimation.md.

export { LINK_PURPOSE };
export type SignaturePayload = PendingSignature["payload"];

const SIGN_CALLBACK_PATH = "/api/eleg/sign/callback";
const COOKIE = "ms-eleg-signering";
const COOKIE_PURPOSE = "eleg-signing";
const TTL_SECONDS = 10 * 60;
const MAX_PAYLOAD_BYTES = 2000;
const PURPOSE = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/;

type PendingCookie = PendingSignature & { state: string; nonce: string; codeVerifier: string; returnTo: string };

export type SigningOutcome =
  | { status: "signed"; signatureId: string }
  | { status: "cancelled" }
  | { status: "failed"; reason: "expired" | "wrongUser" | "wrongPerson" | "personTaken" | "linkedToOther" | "textMismatch" | "provider" };

/** The sha256 (hex) of the canonical text the user sees and signs: what `Signature.payloadHash` holds. */
export function payloadHashOf(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Starts a signing of `payload.text` by the signed-in user for `purpose` (e.g. "consent.approve")
 * and returns the broker's address to send the browser to. Sets the pending-signing cookie, so
 * call it from a server action or a route handler and then `redirect()` to the result. After the
 * signing the browser comes back to `returnTo` with `?signering=klar|avbruten|fel`; the caller then
 * looks the signature up with `findSignature`.
 */
export async function requireSignature(
  actor: CustomerActor,
  purpose: string,
  payload: SignaturePayload,
  options: { returnTo: string; locale?: string },
): Promise<string> {
  const config = elegConfig();
  if (!config) throw new AppError("NOT_FOUND", "eleg.notConfigured");
  if (!PURPOSE.test(purpose) || purpose.length > 60) throw new AppError("VALIDATION", "eleg.sign.invalid");
  const text = payload.text.trim();
  if (!text || text.length > MAX_SIGN_TEXT_LENGTH || Buffer.byteLength(JSON.stringify(payload), "utf8") > MAX_PAYLOAD_BYTES) {
    throw new AppError("VALIDATION", "eleg.sign.invalid");
  }
  if (!isSafeReturnPath(options.returnTo)) throw new AppError("VALIDATION", "eleg.sign.invalid");

  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { personalIdNumber: true, status: true } });
  if (!user || user.status !== "ACTIVE") throw new AppError("UNAUTHENTICATED");
  if (purpose === LINK_PURPOSE ? user.personalIdNumber !== null : user.personalIdNumber === null) {
    throw new AppError("CONFLICT", purpose === LINK_PURPOSE ? "eleg.sign.alreadyLinked" : "eleg.sign.notLinked");
  }

  const pending: PendingCookie = {
    userId: actor.userId,
    purpose,
    payload: { ...payload, text },
    payloadHash: payloadHashOf(text),
    state: generators.state(),
    nonce: generators.nonce(),
    codeVerifier: generators.codeVerifier(),
    returnTo: options.returnTo,
  };
  const redirectUri = callbackUrl();
  const client = await elegClient(config, redirectUri);
  const url = client.authorizationUrl({
    scope: "openid profile",
    response_type: "code",
    redirect_uri: redirectUri,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: generators.codeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
    // Every signing is a fresh authentication by the signer.
    prompt: "login",
    ui_locales: options.locale,
    [SIGN_TEXT_PARAM]: toBase64Url(text),
  });
  (await cookies()).set(COOKIE, seal(pending, { secret: env().AUTH_SECRET, purpose: COOKIE_PURPOSE, ttlSeconds: TTL_SECONDS }), cookieOptions({ path: SIGN_CALLBACK_PATH, maxAgeSeconds: TTL_SECONDS }));
  return url;
}

/**
 * The broker's answer (the callback route): checks it against the pending signing, stores the
 * signature and says where to send the browser. Every way it can fail ends in an outcome for the
 * user, never in an exception page.
 */
export async function completeSigning(requestUrl: URL): Promise<{ returnTo: string; outcome: SigningOutcome }> {
  const store = await cookies();
  const pending = unseal<PendingCookie>(store.get(COOKIE)?.value, { secret: env().AUTH_SECRET, purpose: COOKIE_PURPOSE });
  store.delete({ name: COOKIE, path: SIGN_CALLBACK_PATH });
  const config = elegConfig();
  if (!pending || !config) return { returnTo: "/mitt-konto", outcome: { status: "failed", reason: "expired" } };
  const done = (outcome: SigningOutcome) => ({ returnTo: pending.returnTo, outcome });

  const actor = await currentActor();
  if (actor?.kind !== "customer" || actor.userId !== pending.userId) return done({ status: "failed", reason: "wrongUser" });

  const redirectUri = callbackUrl();
  let claims: Record<string, unknown>;
  try {
    const client = await elegClient(config, redirectUri);
    const params = client.callbackParams(requestUrl.toString());
    if (params.error) return done(params.error === "access_denied" ? { status: "cancelled" } : { status: "failed", reason: "provider" });
    const tokens = await client.callback(redirectUri, params, { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier, response_type: "code" });
    claims = tokens.claims() as Record<string, unknown>;
  } catch (error) {
    console.error("e-legitimation signing: the provider's answer was refused", error instanceof Error ? error.message : error);
    return done({ status: "failed", reason: "provider" });
  }
  // The broker attests what it showed; a different text was not what this user was asked to sign.
  if (claims[SIGNED_TEXT_CLAIM] !== pending.payloadHash) return done({ status: "failed", reason: "textMismatch" });
  const personalIdNumber = personalIdNumberFromClaims(claims);
  if (!personalIdNumber) return done({ status: "failed", reason: "provider" });

  try {
    const signature = await recordSignature(pending, { personalIdNumber, provider: config.issuer });
    return done({ status: "signed", signatureId: signature.id });
  } catch (error) {
    if (isAppError(error)) {
      const reason = ({ "eleg.sign.wrongPerson": "wrongPerson", "eleg.sign.personTaken": "personTaken", "eleg.sign.linkedToOther": "linkedToOther" } as const)[error.message];
      if (reason) return done({ status: "failed", reason });
      if (error.code === "UNAUTHENTICATED") return done({ status: "failed", reason: "wrongUser" });
    }
    throw error;
  }
}

/**
 * The user's most recent signature of exactly this text for this purpose made at or after `since`,
 * or null: how a feature checks that what it is about to do was signed.
 */
export async function findSignature(userId: string, purpose: string, payloadHash: string, since: Date) {
  return db.signature.findFirst({
    where: { userId, purpose, payloadHash, signedAt: { gte: since } },
    orderBy: { signedAt: "desc" },
    select: { id: true, purpose: true, payloadHash: true, payload: true, personalIdNumber: true, provider: true, signedAt: true },
  });
}

function callbackUrl(): string {
  return `${env().APP_URL.replace(/\/$/, "")}${SIGN_CALLBACK_PATH}`;
}
