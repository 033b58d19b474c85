// Zod pieces for a page's search parameters (Next gives each one as missing, a string, or a list
// when repeated). Unusable input never fails the parse: the page falls back to its default.
import { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

/** Every value given, in order (none: an empty list). */
export const paramValues = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .catch(undefined)
  .transform((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]));

/** The first value, or "" when there is none. */
export const firstParam = paramValues.transform((v) => v[0] ?? "");

/** A 1-based page number; anything else is the first page. */
export const pageParam = firstParam.transform((s) => {
  const page = Number.parseInt(s, 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
});
