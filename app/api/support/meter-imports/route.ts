// POST /api/support/meter-imports — the staff upload of a meter-value file (the form on
// /support/import, multipart: `file`, `storeValid`). The file streams into the database in chunks
// (src/server/metering/receive-meter-import-upload.ts) and the background worker imports it; the
// browser goes on to /support/import?jobb=<id>, which follows the import until its report is there.
// A body over the import limit is 413 (read-body.ts); a file over it within the limit, or none,
// goes back to the form with the reason in ?fel=.
import { NextResponse } from "next/server";
import { BODY_LIMITS } from "@/domain/http/body-limits";
import { currentActor } from "@/server/auth/session";
import { env } from "@/server/env";
import { clientAddress } from "@/server/boundary/client-address";
import { problem } from "@/server/boundary/problem";
import { boundedBody, isBodyTooLarge, refusingLargeBodies } from "@/server/boundary/read-body";
import { isSameOriginPost } from "@/server/boundary/same-origin";
import { receiveMeterImportUpload } from "@/server/metering/receive-meter-import-upload";

export const dynamic = "force-dynamic";

const to = (path: string, query: Record<string, string> = {}) => {
  const target = new URL(path, env().APP_URL);
  for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
  return NextResponse.redirect(target, 303);
};

export const POST = refusingLargeBodies(async (request: Request) => {
  const actor = await currentActor();
  if (actor?.kind !== "staff") return to("/support/logga-in");
  if (!isSameOriginPost(request)) return problem(403, "FORBIDDEN");
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return to("/support/import", { fel: "fileRequired" });
  try {
    const outcome = await receiveMeterImportUpload(actor, { body: boundedBody(request, BODY_LIMITS.meterImportUpload), contentType, ip: clientAddress(request.headers) });
    return outcome.ok ? to("/support/import", { jobb: outcome.jobId }) : to("/support/import", { fel: outcome.error });
  } catch (error) {
    if (isBodyTooLarge(error)) throw error;
    // A broken multipart body (the browser gave up half-way, say): nothing was kept.
    console.error("meter-value upload failed", error);
    return to("/support/import", { fel: "uploadFailed" });
  }
});
