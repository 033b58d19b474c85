// GET /api/tredjepartsatkomst/godkann — where the signing callback sends the browser after the user
// signed an approval of third-party access. The signed approval is checked against the requests as
// they are now and applied (src/server/third-party/approve-consent-requests.ts); the browser goes on
// to Tredjepartsåtkomst with the outcome.
import { SIGNING_REASON_SLUGS, signingReturnRoute } from "@/server/boundary/signing-return-route";
import { completeConsentApproval } from "@/server/third-party/approve-consent-requests";

export const dynamic = "force-dynamic";

export const GET = signingReturnRoute("/tredjepartsatkomst", async (actor, meta): Promise<Record<string, string>> => {
  const outcome = await completeConsentApproval(actor, meta);
  return outcome.status === "approved" ? { utfall: "godkanda", antal: String(outcome.count) } : { utfall: "misslyckat", orsak: SIGNING_REASON_SLUGS[outcome.reason] };
});
