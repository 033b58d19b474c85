// Errors of the third-party API (/api/v1): an HTTP status, a stable code the third party can
// program against, and a readable message. Answered as RFC 9457 problem details
// (src/server/third-party/api-route.ts); the codes are listed in the OpenAPI document.
export const apiErrorCodes = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  THIRD_PARTY_SUSPENDED: 403,
  CONSENT_NOT_ACTIVE: 403,
  RESOLUTION_NOT_CONSENTED: 403,
  OUTSIDE_CONSENTED_PERIOD: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  DUPLICATE_REQUEST: 409,
  REFERENCE_REUSED: 409,
  CONCURRENT_CHANGE: 409,
  PERIOD_TOO_LONG: 422,
  NO_METER_DATA: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ApiErrorCode = keyof typeof apiErrorCodes;

export type FieldIssue = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { errors?: FieldIssue[]; existingId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = apiErrorCodes[code];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
