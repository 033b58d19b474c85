// Organisation numbers of property management companies (förvaltningsbolag): Swedish
// organisationsnummer, Danish CVR or Finnish Y-tunnus. Stored normalized, shown formatted.
import { formatNationalId, parseAnyNationalId, type IdentityErrorReason, type Market, type NationalIdScheme } from "@/domain/identity";

export type OrganisationScheme = Extract<NationalIdScheme, "SE_ORGANISATIONSNUMMER" | "DK_CVR" | "FI_YTUNNUS">;

export type OrganisationNumber = { normalized: string; scheme: OrganisationScheme; market: Market };

const ORGANISATION_SCHEMES: readonly NationalIdScheme[] = ["SE_ORGANISATIONSNUMMER", "DK_CVR", "FI_YTUNNUS"];

/** Parses what a user typed; a personal identity number is not an organisation number. */
export function parseOrganisationNumber(input: string): { ok: true; value: OrganisationNumber } | { ok: false; reason: IdentityErrorReason | "personal" } {
  const parsed = parseAnyNationalId(input);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (!ORGANISATION_SCHEMES.includes(parsed.value.scheme)) return { ok: false, reason: "personal" };
  return { ok: true, value: { normalized: parsed.value.normalized, scheme: parsed.value.scheme as OrganisationScheme, market: parsed.value.market } };
}

/** The scheme of a stored (normalized) organisation number. */
export function organisationSchemeOf(normalized: string): OrganisationScheme {
  if (/^\d{8}$/.test(normalized)) return "DK_CVR";
  if (/^\d{7}-\d$/.test(normalized)) return "FI_YTUNNUS";
  return "SE_ORGANISATIONSNUMMER";
}

/** 556677-8899, 12345678, 1234567-8. */
export function formatOrganisationNumber(normalized: string): string {
  return formatNationalId(normalized, organisationSchemeOf(normalized));
}
