// GET /api/v1/events?after — every state change of the caller's requests, as the webhooks carry
// them, for catching up after missed webhooks.
import { apiRoute, json } from "@/server/third-party/api-route";
import { eventsQuerySchema } from "@/server/third-party/schemas";
import { listEventsForThirdParty } from "@/server/third-party/third-party-requests";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: eventsQuerySchema }, async ({ actor, query }) => json(await listEventsForThirdParty(actor, query)));
