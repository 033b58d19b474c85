import "server-only";
import type { z } from "zod";
import { isTranslationKey } from "@/server/actions/action-state";
import { AppError } from "@/server/errors";

/**
 * Validates a server function's input with its schema (the same one the form action uses, so a
 * direct call is checked as strictly as a form post); a failure is a VALIDATION error whose field
 * messages are translation keys.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(isTranslationKey(issue.message) ? issue.message : "validation.invalid");
  }
  throw new AppError("VALIDATION", undefined, fieldErrors);
}
