import "server-only";
import { z } from "zod";
import type { CustomerActor } from "@/server/access/actor";
import { currentActor } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { portalProblems, problemResponse } from "./problem";

/**
 * The one wrapper for route handlers that serve a signed-in customer user: require the session,
 * parse the query with zod, run the handler, answer every failure through the boundary's problem
 * table (src/server/boundary/problem.ts) in the portal's shape.
 */
export function customerRoute<S extends z.ZodType>(
  schema: S,
  toInput: (url: URL) => unknown,
  handler: (input: z.infer<S>, actor: CustomerActor, request: Request) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const actor = await currentActor();
      if (actor?.kind !== "customer") throw new AppError("UNAUTHENTICATED");
      return await handler(schema.parse(toInput(new URL(request.url))), actor, request);
    } catch (error) {
      return problemResponse(error, portalProblems, `route ${new URL(request.url).pathname}`);
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
