import "server-only";
import { z } from "zod";
import type { CustomerActor } from "@/server/access/actor";
import { currentActor } from "@/server/auth/session";
import { errorStatus, isAppError } from "@/server/errors";
import { fieldErrorsOf } from "./field-errors";

/**
 * A JSON error body with a stable code; field errors are translation keys. `extra` adds fields to
 * the body (a translated `message`, figures) and headers (Retry-After).
 */
export function problem(
  status: number,
  code: string,
  fieldErrors?: Record<string, string[]>,
  extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Response {
  return Response.json(
    { error: code, ...(fieldErrors ? { fieldErrors } : {}), ...extra.body },
    { status, headers: { "Cache-Control": "no-store", ...extra.headers } },
  );
}

/**
 * The one wrapper for route handlers that serve a signed-in customer user: require the session,
 * parse the query with zod, run the handler, map AppErrors through the status table.
 */
export function customerRoute<S extends z.ZodType>(
  schema: S,
  toInput: (url: URL) => unknown,
  handler: (input: z.infer<S>, actor: CustomerActor, request: Request) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    const actor = await currentActor();
    if (actor?.kind !== "customer") return problem(401, "UNAUTHENTICATED");
    const parsed = schema.safeParse(toInput(new URL(request.url)));
    if (!parsed.success) return problem(400, "VALIDATION", fieldErrorsOf(parsed.error));
    try {
      return await handler(parsed.data, actor, request);
    } catch (error) {
      if (isAppError(error)) return problem(errorStatus[error.code], error.code);
      console.error(`route ${new URL(request.url).pathname} failed`, error);
      return problem(500, "INTERNAL");
    }
  };
}

/** Headers for a file download with a non-ASCII-safe file name. */
export function downloadHeaders(fileName: string, contentType: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * Whether the browser is loading the response as a page (a link or a GET form), not a script's
 * fetch: such a user cannot read a JSON error, so a download route sends them back to the page
 * with the message instead. Sec-Fetch-Mode where the browser sends it, else the Accept header.
 */
export function isPageNavigation(request: Request): boolean {
  const mode = request.headers.get("sec-fetch-mode");
  if (mode) return mode === "navigate";
  return (request.headers.get("accept") ?? "").includes("text/html");
}
