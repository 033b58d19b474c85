// GET /api/forvaltning/signering — where the signing callback sends the browser after a management
// company's administrator signed a request as the client's authorised signatory. The signature is
// checked against the request as it is now and the grant activated
// (src/server/access/sign-management-request.ts); the browser goes on to Förvaltning with the outcome.
import { completeManagementRequestSignature } from "@/server/access/sign-management-request";
import { SIGNING_REASON_SLUGS, signingReturnRoute } from "@/server/boundary/signing-return-route";

export const dynamic = "force-dynamic";

export const GET = signingReturnRoute("/forvaltning", async (actor, meta): Promise<Record<string, string>> => {
  const outcome = await completeManagementRequestSignature(actor, meta);
  return outcome.status === "active" ? { utfall: "signerad" } : { utfall: "misslyckat", orsak: SIGNING_REASON_SLUGS[outcome.reason] };
});
