import "server-only";
import { maskNationalId, parseSwedishPersonnummer } from "@/domain/identity";
import { PERSON_CLAIM } from "@/lib/eleg-protocol";

/**
 * The 12-digit form of a Swedish personnummer or samordningsnummer (what brokers send and what
 * `User.personalIdNumber` holds), or null when the input is not one.
 */
export function normalizePersonalIdNumber(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const parsed = parseSwedishPersonnummer(input.replace(/\s+/g, ""));
  return parsed.ok ? parsed.value.normalized : null;
}

/** The person's number from a broker's ID token claims, normalised; null when absent or invalid. */
export function personalIdNumberFromClaims(claims: Record<string, unknown>): string | null {
  return normalizePersonalIdNumber(claims[PERSON_CLAIM]);
}

/** "19780512-****": enough to recognise one's own number, not enough to learn someone else's. */
export const maskPersonalIdNumber = (normalized: string) => maskNationalId(normalized, "SE_PERSONNUMMER");
