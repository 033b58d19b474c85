/**
 * The utility's automatic validation of a third party's request for meter data (seed 002 step 3:
 * "Vi validerar förfrågan och skickar den vidare till Mina sidor"). Pure: the caller looks the
 * facts up and applies the outcome through the state machine (./state-machine.ts).
 *
 * Shape errors (an invalid personal number or metering point id, dates in the wrong order) never
 * get here: the API refuses them at the boundary and stores nothing. These rules decide what only
 * the utility's data can tell:
 *
 * - reject   the customer and metering point do not belong together (one code for "no such
 *            metering point" and "someone else's", so the API never confirms who lives where), or
 *            the installation cannot deliver what was asked (15-minute values from an hourly meter).
 * - review   a person at the utility has to look (staff queue): the installation has ended, or the
 *            history reaches back before the customer's start at the address, which would share a
 *            previous occupant's consumption.
 * - validate everything else; the request then goes to the customer.
 */
import type { DataResolution } from "./data-access";

export type RuleFacts = {
  /** The installation with the requested metering point whose customer has the given identity, if any. */
  match: null | {
    installationStatus: "ACTIVE" | "TERMINATED";
    /** Local date the customer's installation started (moved in). */
    installationStartDate: string;
    /** Local date the installation ended, if it has. */
    installationEndDate: string | null;
    /** The finest resolution the installation's meter measures. */
    meterResolution: "PT15M" | "PT1H";
  };
  request: {
    resolution: DataResolution;
    /** Local date, inclusive. */
    dataFrom: string;
  };
};

export type RuleOutcome =
  | { decision: "validate" }
  | { decision: "needsReview"; code: ReviewCode; reason: string }
  | { decision: "reject"; code: RejectCode; reason: string };

type RejectCode = "CUSTOMER_INSTALLATION_MISMATCH" | "RESOLUTION_NOT_AVAILABLE";
type ReviewCode = "INSTALLATION_ENDED" | "HISTORY_BEFORE_CUSTOMER_START";

export function validateConsentRequest(facts: RuleFacts): RuleOutcome {
  const { match, request } = facts;
  if (!match) {
    return {
      decision: "reject",
      code: "CUSTOMER_INSTALLATION_MISMATCH",
      reason: "The customer identity and the metering point do not match an installation of ours.",
    };
  }
  if (request.resolution === "PT15M" && match.meterResolution !== "PT15M") {
    return {
      decision: "reject",
      code: "RESOLUTION_NOT_AVAILABLE",
      reason: "The installation's meter measures hourly values; ask for PT1H or coarser.",
    };
  }
  if (match.installationStatus !== "ACTIVE" || match.installationEndDate !== null) {
    return { decision: "needsReview", code: "INSTALLATION_ENDED", reason: "The installation has ended; staff check whether the customer can still consent." };
  }
  if (request.dataFrom < match.installationStartDate) {
    return {
      decision: "needsReview",
      code: "HISTORY_BEFORE_CUSTOMER_START",
      reason: `The history starts ${request.dataFrom}, before the customer's start at the installation (${match.installationStartDate}).`,
    };
  }
  return { decision: "validate" };
}
