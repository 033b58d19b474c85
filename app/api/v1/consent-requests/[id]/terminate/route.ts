// POST /api/v1/consent-requests/{id}/terminate — the third party ends an active consent itself.
import { apiRoute, json } from "@/server/third-party/api-route";
import { terminateConsentAsThirdParty } from "@/server/third-party/third-party-requests";

export const dynamic = "force-dynamic";

export const POST = apiRoute({}, async ({ actor, params, now }) => json(await terminateConsentAsThirdParty(actor, params.id!, now)));
