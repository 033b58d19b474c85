// /api/v1/consent-requests — a third party submits a request for an installation's meter data
// (POST) and lists its requests (GET). Thin: src/server/third-party/* holds the rules.
import { apiRoute, json } from "@/server/third-party/api-route";
import { listRequestsQuerySchema, submitRequestSchema } from "@/server/third-party/schemas";
import { listConsentRequestsForThirdParty } from "@/server/third-party/third-party-requests";
import { submitConsentRequest } from "@/server/third-party/submit-consent-request";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ body: submitRequestSchema }, async ({ actor, body, now }) => {
  const { request, created } = await submitConsentRequest(actor, body, now);
  return json(request, created ? 201 : 200, { Location: `/api/v1/consent-requests/${request.id}` });
});

export const GET = apiRoute({ query: listRequestsQuerySchema }, async ({ actor, query }) => json(await listConsentRequestsForThirdParty(actor, query)));
