import { fail, ok, type IdentityErrorReason, type IdentityResult } from "./common";
import { parseDanishCpr, parseDanishCvr } from "./danish";
import { parseFinnishHenkilotunnus, parseFinnishYTunnus } from "./finnish";
import { parseSwedishCustomerId } from "./swedish";

export type { IdentityErrorReason, IdentityResult } from "./common";
export {  luhnCheckDigit } from "./luhn";
export {
  
  parseSwedishOrganisationsnummer,
  parseSwedishPersonnummer,
  
  
  
} from "./swedish";
export { parseDanishCpr, parseDanishCvr,   } from "./danish";
export {
  parseFinnishHenkilotunnus,
  parseFinnishYTunnus,
  
  
} from "./finnish";
export {
  formatMeteringPointId,
  
  makeMeteringPointId,
  meteringPointCountry,
  parseMeteringPointId,
  
  
} from "./gsrn";

export type Market = "SE" | "DK" | "FI";
type CustomerKind = "PRIVATE" | "COMPANY";
export type NationalIdScheme =
  | "SE_PERSONNUMMER"
  | "SE_SAMORDNINGSNUMMER"
  | "SE_ORGANISATIONSNUMMER"
  | "DK_CPR"
  | "DK_CVR"
  | "FI_HETU"
  | "FI_YTUNNUS";

export interface NationalId {
  normalized: string;
  kind: CustomerKind;
  scheme: NationalIdScheme;
}

export interface MarketNationalId extends NationalId {
  market: Market;
}

const MARKETS: readonly Market[] = ["SE", "DK", "FI"];

/**
 * Picks the reason to show when every scheme failed. A scheme that got past
 * the format check recognised the input's shape, so its reason (date,
 * checksum, …) describes the user's mistake better than "format" does.
 */
function mostSpecificReason(reasons: readonly IdentityErrorReason[]): IdentityErrorReason {
  const specific = reasons.find((reason) => reason !== "format" && reason !== "empty");
  if (specific !== undefined) return specific;
  return reasons.every((reason) => reason === "empty") ? "empty" : "format";
}

function firstMatch(
  attempts: readonly (() => IdentityResult<NationalId>)[],
): IdentityResult<NationalId> {
  const reasons: IdentityErrorReason[] = [];
  for (const attempt of attempts) {
    const result = attempt();
    if (result.ok) return result;
    reasons.push(result.reason);
  }
  return fail(mostSpecificReason(reasons));
}

function asNationalId<T extends { normalized: string }>(
  result: IdentityResult<T>,
  toScheme: (value: T) => NationalIdScheme,
): IdentityResult<NationalId> {
  if (!result.ok) return result;
  const scheme = toScheme(result.value);
  return ok({ normalized: result.value.normalized, kind: kindOfScheme(scheme), scheme });
}

function kindOfScheme(scheme: NationalIdScheme): CustomerKind {
  switch (scheme) {
    case "SE_ORGANISATIONSNUMMER":
    case "DK_CVR":
    case "FI_YTUNNUS":
      return "COMPANY";
    default:
      return "PRIVATE";
  }
}

/**
 * Parses a national id for a known market, accepting both private and company
 * ids. A Swedish sole trader's personnummer yields kind PRIVATE: the scheme
 * cannot tell an enskild firma apart from a private person.
 * `today` is the reference for the Swedish 10-digit century and for refusing
 * birth dates in the future (every market).
 */
export function parseNationalId(
  market: Market,
  input: string,
  today: Date = new Date(),
): IdentityResult<NationalId> {
  switch (market) {
    case "SE":
      return asNationalId(parseSwedishCustomerId(input, today), (value) => {
        if (value.kind === "organisationsnummer") return "SE_ORGANISATIONSNUMMER";
        return value.kind === "samordningsnummer" ? "SE_SAMORDNINGSNUMMER" : "SE_PERSONNUMMER";
      });
    case "DK":
      return firstMatch([
        () => asNationalId(parseDanishCpr(input, today), () => "DK_CPR"),
        () => asNationalId(parseDanishCvr(input), () => "DK_CVR"),
      ]);
    case "FI":
      return firstMatch([
        () => asNationalId(parseFinnishHenkilotunnus(input, today), () => "FI_HETU"),
        () => asNationalId(parseFinnishYTunnus(input), () => "FI_YTUNNUS"),
      ]);
    default:
      // Reachable when the market comes from untyped data (query string, DB).
      return fail("unsupported");
  }
}

/**
 * Tries SE, then DK, then FI, for forms that do not know the market yet.
 * Note the order matters: some 10-digit Danish CPR numbers are also valid
 * Swedish personnummer/samordningsnummer and will be reported as SE.
 */
export function parseAnyNationalId(
  input: string,
  today: Date = new Date(),
): IdentityResult<MarketNationalId> {
  const reasons: IdentityErrorReason[] = [];
  for (const market of MARKETS) {
    const result = parseNationalId(market, input, today);
    if (result.ok) return ok({ ...result.value, market });
    reasons.push(result.reason);
  }
  return fail(mostSpecificReason(reasons));
}

const SHAPES: Readonly<Record<NationalIdScheme, RegExp>> = {
  SE_PERSONNUMMER: /^\d{12}$/,
  SE_SAMORDNINGSNUMMER: /^\d{12}$/,
  SE_ORGANISATIONSNUMMER: /^\d{2}[2-9]\d{7}$/,
  DK_CPR: /^\d{10}$/,
  DK_CVR: /^\d{8}$/,
  FI_HETU: /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/,
  FI_YTUNNUS: /^\d{7}-\d$/,
};

/** Guesses the scheme from a normalized id; the normalized forms are disjoint except SE pnr/samordning. */
function inferScheme(normalized: string): NationalIdScheme | null {
  if (SHAPES.SE_PERSONNUMMER.test(normalized)) return "SE_PERSONNUMMER";
  // Digit 3 >= 2 is an organisationsnummer; a CPR has a month there.
  if (SHAPES.SE_ORGANISATIONSNUMMER.test(normalized)) return "SE_ORGANISATIONSNUMMER";
  if (SHAPES.DK_CPR.test(normalized)) return "DK_CPR";
  if (SHAPES.DK_CVR.test(normalized)) return "DK_CVR";
  if (SHAPES.FI_HETU.test(normalized)) return "FI_HETU";
  if (SHAPES.FI_YTUNNUS.test(normalized)) return "FI_YTUNNUS";
  return null;
}

/**
 * Pretty form of a normalized id. Input that does not have the scheme's
 * normalized shape is returned unchanged rather than mangled.
 */
export function formatNationalId(normalized: string, scheme: NationalIdScheme): string {
  if (!SHAPES[scheme].test(normalized)) return normalized;
  switch (scheme) {
    case "SE_PERSONNUMMER":
    case "SE_SAMORDNINGSNUMMER":
      return `${normalized.slice(0, 8)}-${normalized.slice(8)}`;
    case "SE_ORGANISATIONSNUMMER":
    case "DK_CPR":
      return `${normalized.slice(0, 6)}-${normalized.slice(6)}`;
    case "DK_CVR":
    case "FI_HETU":
    case "FI_YTUNNUS":
      return normalized;
  }
}

/**
 * Display form that hides the serial part of personal ids (which together with
 * the birth date identifies the person) while company ids, being public, are
 * shown in full. Unrecognised input is masked completely so nothing leaks.
 */
export function maskNationalId(normalized: string, scheme?: NationalIdScheme): string {
  const resolved = scheme ?? inferScheme(normalized);
  if (resolved === null || !SHAPES[resolved].test(normalized)) {
    return "*".repeat(normalized.length);
  }
  switch (resolved) {
    case "SE_PERSONNUMMER":
    case "SE_SAMORDNINGSNUMMER":
      return `${normalized.slice(0, 8)}-****`;
    case "DK_CPR":
      return `${normalized.slice(0, 6)}-****`;
    case "FI_HETU":
      // Keep the century sign: it is part of the birth date.
      return `${normalized.slice(0, 7)}****`;
    case "SE_ORGANISATIONSNUMMER":
    case "DK_CVR":
    case "FI_YTUNNUS":
      return formatNationalId(normalized, resolved);
  }
}
