// The OpenID Connect conventions between the portal and an e-legitimation broker (BankID, Freja,
// MitID), shared by the app and the local provider (scripts/lib/eleg-provider.ts). See
// docs/decisions/007-e-legitimation.md.

/** The claim that carries the person's personal identity number, 12 digits (YYYYMMDDNNNC). */
export const PERSON_CLAIM = "personal_identity_number";

/** Authorization request parameter with the text to sign, base64url of its UTF-8 bytes. */
export const SIGN_TEXT_PARAM = "sign_text";

/** ID token claim in which the provider attests what was signed: sha256 (hex) of that text. */
export const SIGNED_TEXT_CLAIM = "signed_text_sha256";

/** Longest text the portal asks anyone to sign (characters). */
export const MAX_SIGN_TEXT_LENGTH = 1500;

export const toBase64Url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
export const fromBase64Url = (encoded: string) => Buffer.from(encoded, "base64url").toString("utf8");
