// GET /api/v1/consent-requests/{id}/meter-values?from&to&resolution — meter values under an active
// consent, only inside the consented period and resolution; every answer is in the customer's log.
import { apiRoute, json } from "@/server/third-party/api-route";
import { fetchMeterValues } from "@/server/third-party/fetch-meter-values";
import { meterValuesQuerySchema } from "@/server/third-party/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: meterValuesQuerySchema }, async ({ actor, params, query, now }) => json(await fetchMeterValues(actor, params.id!, query, now)));
