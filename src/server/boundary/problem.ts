import "server-only";
// The one mapping from application errors to the answers a client reads. `problemOf` decides what
// a thrown error means (status, stable code, message, field errors) from one table; a shape writes
// that for its clients: the portal's routes answer `{ error: code, fieldErrors? }`
// (`portalProblems`), the third-party API RFC 9457 problem details
// (src/server/third-party/api-problem.ts), the token endpoint OAuth errors, and the server-action
// wrapper an ActionState (src/server/actions/safe-action.ts). RatingError does not reach HTTP:
// the billing run records it on the contract's outcome.
import { z } from "zod";
import { errorStatus, isAppError } from "@/server/errors";
import { fieldErrorsOf, type FieldErrors } from "./field-errors";
import { isBodyTooLarge } from "./read-body";

/** A zod issue as an API's client reads it: the path joined with "." ("" for the whole input) and zod's text. */
type ProblemIssue = { path: string; message: string };

/** What went wrong, before a shape writes it. */
export type Problem = {
  status: number;
  /** A stable code the client can program against ("NOT_FOUND", "VALIDATION"). */
  code: string;
  /** A translation key or a readable detail, as the error gave it. */
  message?: string;
  /** Values for the message's placeholders ("try again in {minutes} minutes"). */
  messageValues?: Record<string, string | number>;
  /** Translation keys per form field. */
  fieldErrors?: FieldErrors;
  /** The same validation failure with zod's own texts, for API clients. */
  issues?: ProblemIssue[];
  /** Fields a shape adds to its body (a translated `message`, figures, an existing id). */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
};

/** The answer to an error nobody expected (a bug): logged, and told to the client only as this. */
export const INTERNAL_PROBLEM: Problem = { status: 500, code: "INTERNAL" };

/**
 * The one table from thrown errors to problems: AppError by its code's status, a zod error as
 * VALIDATION with its field errors, a body over its route's limit as 413. Null for anything else.
 */
export function problemOf(error: unknown): Problem | null {
  if (isAppError(error)) {
    return { status: errorStatus[error.code], code: error.code, message: error.message, messageValues: error.values, fieldErrors: error.fieldErrors };
  }
  if (error instanceof z.ZodError) {
    return { status: 400, code: "VALIDATION", fieldErrors: fieldErrorsOf(error), issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  }
  if (isBodyTooLarge(error)) return { status: 413, code: "PAYLOAD_TOO_LARGE", message: error.message };
  return null;
}

/** How one kind of client reads problems. */
export type ProblemShape = {
  /** Errors only this API knows (its own error class), looked at before the common table. */
  recognise?: (error: unknown) => Problem | null;
  write: (problem: Problem) => Response;
};

/**
 * Any thrown error as the shape's answer; one nobody expected is logged with `context` (the route)
 * and answered as INTERNAL. `headers` go on every answer (rate-limit figures).
 */
export function problemResponse(error: unknown, shape: ProblemShape, context: string, headers: Record<string, string> = {}): Response {
  const known = shape.recognise?.(error) ?? problemOf(error);
  if (!known) console.error(`${context} failed`, error);
  const problem = known ?? INTERNAL_PROBLEM;
  return shape.write({ ...problem, headers: { ...headers, ...problem.headers } });
}

/** The portal's own routes (customer and support): `{ error: code, fieldErrors?, ...body }`, never cached. */
export const portalProblems: ProblemShape = {
  write: (p) =>
    Response.json({ error: p.code, ...(p.fieldErrors ? { fieldErrors: p.fieldErrors } : {}), ...p.body }, { status: p.status, headers: { "Cache-Control": "no-store", ...p.headers } }),
};

/**
 * A portal route's answer with a stable code; field errors are translation keys. `extra` adds
 * fields to the body (a translated `message`, figures) and headers (Retry-After).
 */
export function problem(
  status: number,
  code: string,
  fieldErrors?: FieldErrors,
  extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Response {
  return portalProblems.write({ status, code, fieldErrors, body: extra.body, headers: extra.headers });
}
