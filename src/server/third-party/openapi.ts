// The OpenAPI 3.1 document of the third-party API, generated from the same zod schemas that
// validate requests (./schemas.ts) and describe answers (./response-schemas.ts). Served at
// GET /api/v1/openapi.json; tests validate it against the OpenAPI 3.1 schema and parse real
// answers with the response schemas.
import { z } from "zod";
import { MAX_QUERY_DAYS } from "@/domain/consent/data-access";
import { SIGNATURE_HEADER } from "@/domain/webhooks/webhook-signature";
import { BODY_LIMITS, describeBytes } from "@/domain/http/body-limits";
import { apiErrorCodes } from "./api-error";
import {
  consentRequestListSchema,
  consentRequestSchema,
  eventListSchema,
  eventSchema,
  meterValuesSchema,
  problemSchema,
  tokenErrorSchema,
  tokenSchema,
} from "./response-schemas";
import { eventsQuerySchema, listRequestsQuerySchema, meterValuesQuerySchema, submitRequestSchema, tokenRequestSchema } from "./schemas";

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  return rest;
}

/** Query parameters from an object schema's fields. */
function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const f = field as z.ZodType;
    const s = jsonSchema(f, "input");
    const { description, ...rest } = s;
    return { name, in: "query", required: !f.safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
  });
}

const problem = (description: string, codes: (keyof typeof apiErrorCodes)[]) => ({
  description: `${description} Codes: ${codes.join(", ")}.`,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

// What every call with a bearer token can answer besides its own outcomes (a call may narrow 403).
const bearerResponses = {
  "401": problem("No token, or an unknown or expired one.", ["UNAUTHENTICATED", "INVALID_TOKEN"]),
  "403": problem("Your organisation is suspended.", ["THIRD_PARTY_SUSPENDED"]),
  "429": {
    description: "Too many calls from this client this minute (code RATE_LIMITED); wait Retry-After seconds.",
    headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the next window." } },
    content: { "application/problem+json": { schema: ref("Problem") } },
  },
};

const invalidParameter = problem("A parameter is not valid.", ["VALIDATION_FAILED"]);

const tooLarge = (limit: number) => problem(`The body is larger than ${describeBytes(limit)}; it was not read.`, ["PAYLOAD_TOO_LARGE"]);

const rateHeaders = {
  "X-RateLimit-Limit": { schema: { type: "integer" }, description: "Calls allowed per minute." },
  "X-RateLimit-Remaining": { schema: { type: "integer" }, description: "Calls left in this minute." },
};

const idParameter = { name: "id", in: "path", required: true, description: "The consent request's id.", schema: { type: "string", format: "uuid" } };

export function openApiDocument(baseUrl: string): Json {
  const outputs = z.toJSONSchema(z.globalRegistry, { target: "draft-2020-12", io: "output", uri: (id) => `#/components/schemas/${id}` }).schemas;
  const wanted = [consentRequestSchema, consentRequestListSchema, meterValuesSchema, eventSchema, eventListSchema, tokenSchema, tokenErrorSchema, problemSchema];
  const schemas: Json = {};
  for (const s of wanted) {
    const id = z.globalRegistry.get(s)?.id as string;
    const { $schema: _ignored, id: _id, ...rest } = outputs[id] as Json;
    schemas[id] = rest;
  }
  schemas.SubmitConsentRequest = jsonSchema(submitRequestSchema(), "input");
  schemas.TokenRequest = jsonSchema(tokenRequestSchema, "input");

  return {
    openapi: "3.1.0",
    info: {
      title: "Mina sidor – third-party access to meter data",
      version: "1.0.0",
      // The licence of this description, not of the data (meter data flows only under a customer's
      // consent). CC BY 4.0 is made for documentation and lets every energy service company copy
      // it, generate clients from it and quote it in its own documentation, naming the source.
      license: { name: "Creative Commons Attribution 4.0 International", identifier: "CC-BY-4.0" },
      description: [
        "Energy service companies ask for a customer's meter data per installation; the customer approves or declines in Mina sidor (signing with e-legitimation) and can end the consent at any time (EU regulation 2023/1162).",
        "",
        "1. Get a token: POST /oauth/token with your client credentials (OAuth 2.0 client credentials, HTTP Basic or form fields). Tokens live 15 minutes.",
        "2. Submit a request: POST /consent-requests. It is validated at once: AWAITING_CUSTOMER (the customer sees it), NEEDS_REVIEW (our staff look first) or REJECTED_MALFORMED (reason in `reason`). Malformed input is refused with 400 and nothing is stored.",
        "3. Follow its state: webhooks to your registered URL (signed, retried until you answer 2xx), GET /consent-requests/{id}, or GET /events.",
        `4. While ACTIVE, fetch values: GET /consent-requests/{id}/meter-values, only inside the consented period and at the consented resolution or coarser; at most ${MAX_QUERY_DAYS.PT1H} days of PT15M/PT1H values and ${MAX_QUERY_DAYS.P1D} days of P1D/P1M values per call. Every delivery is shown to the customer.`,
        "5. End it yourself with POST /consent-requests/{id}/terminate. A consent also ends when the customer ends it or at validTo; from that second on every data call is refused with CONSENT_NOT_ACTIVE.",
        "",
        `Webhooks carry the header ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with your webhook secret>. Check it and reject timestamps older than five minutes. The same event can arrive more than once (at-least-once delivery); process each event id once.`,
        "",
        "Errors are RFC 9457 problem details (application/problem+json) with a stable `code`.",
      ].join("\n"),
    },
    servers: [{ url: `${baseUrl.replace(/\/$/, "")}/api/v1` }],
    security: [{ oauth2: ["meter-data"] }],
    tags: [
      { name: "Authentication", description: "OAuth 2.0 client credentials: exchange your client id and secret for a bearer token that lives 15 minutes." },
      { name: "Consent requests", description: "Ask for an installation's meter data, follow the request through the customer's answer, and end a consent." },
      { name: "Meter data", description: "Energy values of an installation while its consent is active, within the consented period and resolution; every delivery is shown to the customer." },
      { name: "Events", description: "Every state change of your requests, in order: polled here or pushed to your webhook URL." },
    ],
    paths: {
      "/oauth/token": {
        post: {
          tags: ["Authentication"],
          operationId: "getToken",
          summary: "Exchange client credentials for an access token",
          security: [{ clientBasic: [] }, {}],
          requestBody: {
            required: true,
            content: { "application/x-www-form-urlencoded": { schema: ref("TokenRequest") }, "application/json": { schema: ref("TokenRequest") } },
          },
          responses: {
            "200": { description: "A bearer token.", content: { "application/json": { schema: ref("AccessToken") } } },
            "400": { description: "Malformed request or unsupported grant type.", content: { "application/json": { schema: ref("TokenError") } } },
            "401": { description: "Unknown client, wrong or expired secret, or a revoked client.", content: { "application/json": { schema: ref("TokenError") } } },
            "413": tooLarge(BODY_LIMITS.token),
            "429": {
              description:
                "slow_down: too many token requests from this client this minute, too many failed ones from your address (refused before the secret is checked), or too many wrong secrets for this client id from anywhere (the right secret still gets a token).",
              headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the window ends." } },
              content: { "application/json": { schema: ref("TokenError") } },
            },
          },
        },
      },
      "/consent-requests": {
        post: {
          tags: ["Consent requests"],
          operationId: "submitConsentRequest",
          summary: "Ask for one installation's meter data",
          requestBody: { required: true, content: { "application/json": { schema: ref("SubmitConsentRequest") } } },
          responses: {
            ...bearerResponses,
            "201": {
              description: "Stored and validated; see `state`.",
              headers: { Location: { schema: { type: "string" } }, ...rateHeaders },
              content: { "application/json": { schema: ref("ConsentRequest") } },
            },
            "200": { description: "The same reference and content again: the existing request.", content: { "application/json": { schema: ref("ConsentRequest") } } },
            "400": problem("The body is not valid; nothing was stored.", ["VALIDATION_FAILED"]),
            "409": problem("An open request or active consent exists for the installation, or the reference was used for something else.", ["DUPLICATE_REQUEST", "REFERENCE_REUSED", "CONCURRENT_CHANGE"]),
            "413": tooLarge(BODY_LIMITS.consentRequest),
          },
        },
        get: {
          tags: ["Consent requests"],
          operationId: "listConsentRequests",
          summary: "Your requests, oldest id first",
          parameters: queryParameters(listRequestsQuerySchema),
          responses: {
            ...bearerResponses,
            "200": { description: "A page of requests.", headers: rateHeaders, content: { "application/json": { schema: ref("ConsentRequestList") } } },
            "400": invalidParameter,
          },
        },
      },
      "/consent-requests/{id}": {
        get: {
          tags: ["Consent requests"],
          operationId: "getConsentRequest",
          summary: "One of your requests (poll its state)",
          parameters: [idParameter],
          responses: {
            ...bearerResponses,
            "200": { description: "The request.", headers: rateHeaders, content: { "application/json": { schema: ref("ConsentRequest") } } },
            "404": problem("No such request of yours.", ["NOT_FOUND"]),
          },
        },
      },
      "/consent-requests/{id}/terminate": {
        post: {
          tags: ["Consent requests"],
          operationId: "terminateConsent",
          summary: "End an active consent",
          parameters: [idParameter],
          responses: {
            ...bearerResponses,
            "200": { description: "Ended (TERMINATED_BY_THIRD_PARTY).", content: { "application/json": { schema: ref("ConsentRequest") } } },
            "404": problem("No such request of yours.", ["NOT_FOUND"]),
            "409": problem("The consent is not active.", ["ILLEGAL_TRANSITION", "CONCURRENT_CHANGE"]),
            "413": tooLarge(BODY_LIMITS.apiWithoutBody),
          },
        },
      },
      "/consent-requests/{id}/meter-values": {
        get: {
          tags: ["Meter data"],
          operationId: "getMeterValues",
          summary: "Energy values under an active consent",
          parameters: [idParameter, ...queryParameters(meterValuesQuerySchema)],
          responses: {
            ...bearerResponses,
            "200": { description: "The values, in the installation's calendar. The delivery is logged for the customer.", headers: rateHeaders, content: { "application/json": { schema: ref("MeterValues") } } },
            "400": invalidParameter,
            "403": problem("No active consent, or outside its period or resolution.", ["CONSENT_NOT_ACTIVE", "OUTSIDE_CONSENTED_PERIOD", "RESOLUTION_NOT_CONSENTED", "THIRD_PARTY_SUSPENDED"]),
            "404": problem("No such request of yours.", ["NOT_FOUND"]),
            "422": problem("Too long a period for one call, or the installation has no values at that resolution.", ["PERIOD_TOO_LONG", "NO_METER_DATA"]),
          },
        },
      },
      "/events": {
        get: {
          tags: ["Events"],
          operationId: "listEvents",
          summary: "Every state change of your requests after an event id (what the webhooks carry)",
          description: "`data.consentRequest` is the request as it is now; `data.transition` is the change the event records.",
          parameters: queryParameters(eventsQuerySchema),
          responses: {
            ...bearerResponses,
            "200": { description: "Events, oldest first.", headers: rateHeaders, content: { "application/json": { schema: ref("EventList") } } },
            "400": invalidParameter,
          },
        },
      },
    },
    webhooks: {
      consentRequestEvent: {
        post: {
          tags: ["Events"],
          operationId: "receiveConsentRequestEvent",
          summary: "A state change of one of your requests",
          description: `Posted to your webhook URL, signed with ${SIGNATURE_HEADER}, retried with back-off (30 s doubling up to 6 h, for up to three days) until you answer 2xx. Answer within 5 seconds; no answer in time counts as a failure. A few calls come at once (2 by default); the events of one consent request come one after another in event-id order, but a retried event can arrive after a newer one.`,
          parameters: [
            { name: SIGNATURE_HEADER, in: "header", required: true, schema: { type: "string" }, description: "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<raw body>'>" },
            { name: "Minasidor-Event-Id", in: "header", required: true, schema: { type: "string" }, description: "The event's id (as `id` in the body): process each id once." },
            { name: "Minasidor-Event-Type", in: "header", required: true, schema: { type: "string" }, description: "The event's type (as `type` in the body)." },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("Event") } } },
          responses: { "2XX": { description: "Received; anything else is retried." } },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        oauth2: { type: "oauth2", flows: { clientCredentials: { tokenUrl: `${baseUrl.replace(/\/$/, "")}/api/v1/oauth/token`, scopes: { "meter-data": "Consent requests and meter data" } } } },
        clientBasic: { type: "http", scheme: "basic", description: "client_id and client_secret (token endpoint only)." },
      },
    },
  };
}
