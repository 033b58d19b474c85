// GET /api/v1/consent-requests/{id} — the state of one of the caller's requests (polling).
import { apiRoute, json } from "@/server/third-party/api-route";
import { getConsentRequestForThirdParty } from "@/server/third-party/third-party-requests";

export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ actor, params }) => json(await getConsentRequestForThirdParty(actor, params.id!)));
