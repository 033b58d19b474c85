/**
 * What a third party may fetch under a consent (issue 6): only while the consent is active, only
 * inside the consented history period, and only at the consented resolution or a coarser one (an
 * hourly consent allows daily and monthly sums, which the hourly values would give anyway; a daily
 * consent never yields hours). Pure: dates are local dates of the installation (YYYY-MM-DD),
 * instants ISO strings, and the caller passes the clock.
 */
import { isActiveAt, type ConsentState } from "./state-machine";

export const dataResolutions = ["PT15M", "PT1H", "P1D", "P1M"] as const;
export type DataResolution = (typeof dataResolutions)[number];

const rank: Record<DataResolution, number> = { PT15M: 0, PT1H: 1, P1D: 2, P1M: 3 };

/** True when values at `asked` may be delivered under a consent for `consented`. */
export function resolutionAllowed(consented: DataResolution, asked: DataResolution): boolean {
  return rank[asked] >= rank[consented];
}

/** The longest period one call may ask for, in days: a year and a bit of fine values, ten years of sums. */
export const MAX_QUERY_DAYS: Readonly<Record<DataResolution, number>> = { PT15M: 400, PT1H: 400, P1D: 3700, P1M: 3700 };

export type ConsentGrant = {
  state: ConsentState;
  /** ISO instant the consent ends (exclusive, whole seconds). */
  validTo: string | null;
  resolution: DataResolution;
  /** First local day of consented history. */
  dataFrom: string;
  /** Exclusive local day, or null: everything up to the end of the consent. */
  dataTo: string | null;
};

export type DataQuery = { from: string; to: string; resolution: DataResolution };

type DataAccessRefusal = "CONSENT_NOT_ACTIVE" | "RESOLUTION_NOT_CONSENTED" | "OUTSIDE_CONSENTED_PERIOD" | "PERIOD_TOO_LONG";

export type DataAccessDecision = { ok: true } | { ok: false; code: DataAccessRefusal; message: string };

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);

/**
 * The exclusive local day after which a consent gives no data: its own `dataTo`, or for an ongoing
 * consent the day after the local day its validity ends on (`validToLocalDate`).
 */
export function consentedDataEnd(grant: Pick<ConsentGrant, "dataTo">, validToLocalDate: string | null): string | null {
  if (grant.dataTo) return grant.dataTo;
  return validToLocalDate ? nextDay(validToLocalDate) : null;
}

/**
 * Whether the query may be answered at instant `at`. `validToLocalDate` is the local date (in the
 * installation's zone) of `grant.validTo`; the caller computes it with the zone.
 */
export function checkDataAccess(grant: ConsentGrant, query: DataQuery, at: string, validToLocalDate: string | null): DataAccessDecision {
  if (!isActiveAt(grant, at)) {
    return { ok: false, code: "CONSENT_NOT_ACTIVE", message: "The consent is not active: it has not been approved, or it has ended or expired." };
  }
  if (!resolutionAllowed(grant.resolution, query.resolution)) {
    return {
      ok: false,
      code: "RESOLUTION_NOT_CONSENTED",
      message: `The consent covers ${grant.resolution} values or coarser; ${query.resolution} was asked for.`,
    };
  }
  const end = consentedDataEnd(grant, validToLocalDate);
  if (query.from < grant.dataFrom || (end !== null && query.to > end)) {
    return {
      ok: false,
      code: "OUTSIDE_CONSENTED_PERIOD",
      message: `The consent covers ${grant.dataFrom} to ${end ?? "the end of the consent"} (exclusive); ${query.from} to ${query.to} was asked for.`,
    };
  }
  if (daysBetween(query.from, query.to) > MAX_QUERY_DAYS[query.resolution]) {
    return { ok: false, code: "PERIOD_TOO_LONG", message: `At most ${MAX_QUERY_DAYS[query.resolution]} days of ${query.resolution} values per call; fetch the period in parts.` };
  }
  return { ok: true };
}
