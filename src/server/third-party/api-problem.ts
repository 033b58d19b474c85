import "server-only";
// How the third-party API (/api/v1) writes the boundary's problems (src/server/boundary/problem.ts):
// RFC 9457 problem details with a stable `code` from the API's own vocabulary (api-error.ts, listed
// in the OpenAPI document), and the API's own errors recognised before the common table.
import { PAYLOAD_TOO_LARGE_TITLE } from "@/domain/http/body-limits";
import type { Problem, ProblemShape } from "@/server/boundary/problem";
import { ApiError, apiErrorCodes, isApiError, type ApiErrorCode } from "./api-error";
import { TransitionRefused } from "./apply-consent-event";

const TITLES: Record<ApiErrorCode, string> = {
  VALIDATION_FAILED: "The request is not valid",
  UNAUTHENTICATED: "An access token is required",
  INVALID_TOKEN: "The access token is not valid",
  THIRD_PARTY_SUSPENDED: "Access suspended",
  CONSENT_NOT_ACTIVE: "No active consent",
  RESOLUTION_NOT_CONSENTED: "Resolution not consented",
  OUTSIDE_CONSENTED_PERIOD: "Outside the consented period",
  NOT_FOUND: "Not found",
  ILLEGAL_TRANSITION: "Not possible in the current state",
  DUPLICATE_REQUEST: "An open request exists",
  REFERENCE_REUSED: "Reference already used",
  CONCURRENT_CHANGE: "Changed meanwhile",
  PERIOD_TOO_LONG: "Period too long",
  NO_METER_DATA: "No such meter data",
  PAYLOAD_TOO_LARGE: PAYLOAD_TOO_LARGE_TITLE,
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Something went wrong",
};

/** The detail of a common problem that brings no text of its own. */
const DEFAULT_DETAILS: Partial<Record<ApiErrorCode, string>> = {
  VALIDATION_FAILED: "Some fields are missing or not valid; see errors.",
  INTERNAL: "An unexpected error; it has been logged. Try again later.",
};

/**
 * A problem in the API's vocabulary: the portal's VALIDATION is the API's VALIDATION_FAILED; a code
 * the API does not document is answered as INTERNAL, without its text.
 */
function inApiVocabulary(problem: Problem): { code: ApiErrorCode; message?: string } {
  const named = problem.code === "VALIDATION" ? "VALIDATION_FAILED" : problem.code;
  if (named in apiErrorCodes) return { code: named as ApiErrorCode, message: problem.message };
  console.error(`third-party API: no API code for the problem ${problem.code}; answered as INTERNAL`);
  return { code: "INTERNAL" };
}

function problemOfApiError(error: ApiError): Problem {
  const { errors, existingId, retryAfterSeconds } = error.extra;
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    issues: errors,
    body: existingId ? { existingId } : undefined,
    headers: retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : undefined,
  };
}

export const apiProblems: ProblemShape = {
  recognise(error) {
    if (isApiError(error)) return problemOfApiError(error);
    if (error instanceof TransitionRefused) {
      return problemOfApiError(new ApiError(error.code === "CONCURRENT_CHANGE" ? "CONCURRENT_CHANGE" : "ILLEGAL_TRANSITION", error.message));
    }
    return null;
  },
  write(problem) {
    const { code, message } = inApiVocabulary(problem);
    const status = apiErrorCodes[code];
    const body = {
      type: `urn:minasidor:problem:${code}`,
      title: TITLES[code],
      status,
      code,
      detail: message ?? DEFAULT_DETAILS[code] ?? TITLES[code],
      ...(problem.issues ? { errors: problem.issues.map((i) => ({ path: i.path || "(body)", message: i.message })) } : {}),
      ...problem.body,
    };
    const h = new Headers(problem.headers);
    h.set("Content-Type", "application/problem+json");
    h.set("Cache-Control", "no-store");
    if (code === "UNAUTHENTICATED") h.set("WWW-Authenticate", 'Bearer realm="minasidor"');
    if (code === "INVALID_TOKEN") h.set("WWW-Authenticate", 'Bearer realm="minasidor", error="invalid_token"');
    return new Response(JSON.stringify(body), { status, headers: h });
  },
};
