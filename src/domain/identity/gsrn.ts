import { fail, ok, type IdentityResult } from "./common";

export type MeteringPointCountry = "SE" | "DK" | "FI";

export interface MeteringPointId {
  /** 18 digits, no spaces. */
  normalized: string;
  /** Country by GS1 prefix, or null for a foreign/unknown prefix. */
  country: MeteringPointCountry | null;
}

const PAYLOAD_LENGTH = 17;
const GSRN = /^\d{18}$/;

/**
 * GS1 mod-10 check digit for the 17-digit payload of a GSRN. Throws on bad
 * input because callers (test factories, import jobs) pass generated data.
 */
export function gsrnCheckDigit(first17: string): number {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError("gsrnCheckDigit expects exactly 17 digits");
  }
  let sum = 0;
  // Weights alternate 3,1,… from the right so that the digit next to the
  // check digit gets 3, matching every GS1 key length.
  for (let i = 0; i < PAYLOAD_LENGTH; i++) {
    const digit = first17.charCodeAt(PAYLOAD_LENGTH - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Appends the check digit; lets factories build ids that pass validation. */
export function makeMeteringPointId(first17: string): string {
  return `${first17}${gsrnCheckDigit(first17)}`;
}

/**
 * Country of a metering point id from its GS1 company prefix. Only the prefix
 * is inspected (not the check digit) so that it also works for display of ids
 * already stored; anything that is not 18 digits yields null.
 */
export function meteringPointCountry(id: string): MeteringPointCountry | null {
  const compact = id.replace(/\s+/g, "");
  if (!GSRN.test(compact)) return null;
  if (compact.startsWith("735")) return "SE";
  if (compact.startsWith("57")) return "DK";
  if (compact.startsWith("64")) return "FI";
  return null;
}

/**
 * Parses a GSRN/EAN-18 metering point id. Spaces are removed because ids are
 * usually printed in groups on invoices ("735999 1000 0000 0010").
 */
export function parseMeteringPointId(input: string): IdentityResult<MeteringPointId> {
  const compact = input.replace(/\s+/g, "");
  if (compact === "") return fail("empty");
  if (!GSRN.test(compact)) return fail("format");
  if (gsrnCheckDigit(compact.slice(0, PAYLOAD_LENGTH)) !== Number(compact[PAYLOAD_LENGTH])) {
    return fail("checksum");
  }
  return ok({ normalized: compact, country: meteringPointCountry(compact) });
}

/** The 18 digits in the groups utilities print them in: `735999 1000 0000 0010`. */
export function formatMeteringPointId(id: string): string {
  return /^\d{18}$/.test(id) ? `${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}` : id;
}
