import "server-only";
// The one mapping from zod issues to the field errors a form shows (server actions, server
// functions called directly, customer routes). One rule everywhere, so the same mistake shows the
// same message wherever it is made:
// - a field shows its first issue only;
// - a message that is a translation key ("validation.email", "support.reasonRequired") is kept;
//   any other message (zod's English default) becomes a generic key for the kind of issue;
// - the field is the issue's path joined with "." (`address.postalCode`); list positions are left
//   out, so a bad element of `installationIds` is an error of the field `installationIds`;
// - an issue about the whole input (empty path) is filed under "_form".
import type { z } from "zod";
import { AppError } from "@/server/errors";

export type FieldErrors = Record<string, string[]>;

/** The field name of issues about the input as a whole. */
const FORM_FIELD = "_form";

/** A message that is a translation key ("validation.email", "thirdPartyAdmin.errors.exists"), kept as it is. */
export const isTranslationKey = (message: string): boolean => /^[a-z][A-Za-z0-9]*\.[A-Za-z0-9_.]+$/.test(message);

/** The generic translation key for an issue whose schema gave no key of its own. */
function genericKeyFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1) return "validation.required";
  if (issue.code === "too_small") return "validation.tooShort";
  if (issue.code === "too_big") return "validation.tooLong";
  if (issue.code === "invalid_format" && issue.format === "email") return "validation.email";
  if (issue.code === "invalid_value") return "validation.choice";
  return "validation.invalid";
}

/** The form field an issue belongs to. */
function fieldOf(path: readonly PropertyKey[]): string {
  const named = path.filter((segment) => typeof segment !== "number").map(String);
  return named.length > 0 ? named.join(".") : FORM_FIELD;
}

/** Field errors (translation keys) of a failed parse; the form translates them. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    if (out[field]) continue;
    out[field] = [isTranslationKey(issue.message) ? issue.message : genericKeyFor(issue)];
  }
  return out;
}

/**
 * Validates a server function's input with its schema (the same one the form action uses, so a
 * direct call is checked as strictly as a form post); a failure is a VALIDATION error carrying
 * the field errors.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError("VALIDATION", undefined, fieldErrorsOf(parsed.error));
}
