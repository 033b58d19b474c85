// The shapes the third-party API answers with, as zod schemas: the OpenAPI document is generated
// from them (./openapi.ts) and the API tests parse real answers with them, so the document and
// the API cannot disagree.
import { z } from "zod";
import { consentStates } from "@/domain/consent/state-machine";
import { apiErrorCodes } from "./api-error";
import { resolutionSchema } from "./schemas";

const instant = z.string().meta({ format: "date-time" });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const consentRequestSchema = z
  .object({
    id: z.string().uuid(),
    reference: z.string(),
    state: z.enum(consentStates).meta({
      description:
        "RECEIVED → VALIDATED → AWAITING_CUSTOMER → ACTIVE, or NEEDS_REVIEW (staff look first), REJECTED_MALFORMED, DECLINED, TERMINATED_BY_CUSTOMER, TERMINATED_BY_THIRD_PARTY, EXPIRED (unanswered, or past validTo).",
    }),
    meteringPointId: z.string(),
    purpose: z.string(),
    resolution: resolutionSchema,
    dataFrom: date,
    dataTo: date.nullable(),
    requestedValidTo: instant,
    answerBy: instant.nullable().meta({ description: "The customer must answer before this instant, or the request expires." }),
    validFrom: instant.nullable().meta({ description: "When the customer approved." }),
    validTo: instant.nullable().meta({ description: "When the consent ends (exclusive); the customer may have shortened what you asked for." }),
    reason: z.object({ code: z.string(), message: z.string() }).nullable().meta({ description: "Why the request was rejected or sent to review." }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "ConsentRequest" });

export const consentRequestListSchema = z
  .object({ items: z.array(consentRequestSchema), next: z.string().nullable().meta({ description: "Pass as `after` for the next page; null on the last page." }) })
  .meta({ id: "ConsentRequestList" });

export const meterValuesSchema = z
  .object({
    consentRequestId: z.string().uuid(),
    deliveryId: z.string().meta({ description: "This delivery's line in the customer's sharing log." }),
    meteringPointId: z.string(),
    timeZone: z.string().meta({ description: "The installation's time zone; days and months follow its calendar (23- and 25-hour days included)." }),
    unit: z.literal("kWh"),
    resolution: resolutionSchema,
    from: date,
    to: date,
    valueCount: z.number().int().meta({ description: "How many values were delivered (missing ones not counted)." }),
    values: z.array(
      z.object({
        start: instant,
        end: instant,
        value: z.number().nullable().meta({ description: "Energy in kWh (3 decimals); null when no value is available." }),
        quality: z.enum(["measured", "estimated", "corrected", "incomplete", "missing"]).meta({ description: "incomplete: some of the bucket's intervals are missing." }),
      }),
    ),
  })
  .meta({ id: "MeterValues" });

export const eventSchema = z
  .object({
    id: z.string().meta({ description: "Event id: increasing, the same in the webhook and in /events. Process each id once." }),
    type: z.string().meta({ example: "consent_request.active", description: "consent_request.received or consent_request.<new state in lower case>." }),
    createdAt: instant,
    data: z.object({
      consentRequest: consentRequestSchema,
      transition: z.object({
        from: z.enum(consentStates),
        to: z.enum(consentStates),
        event: z.string(),
        actor: z.enum(["system", "staff", "customer", "thirdParty"]),
        at: instant,
      }),
    }),
  })
  .meta({ id: "Event" });

export const eventListSchema = z.object({ items: z.array(eventSchema), next: z.string().nullable() }).meta({ id: "EventList" });

export const tokenSchema = z
  .object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int(), scope: z.literal("meter-data") })
  .meta({ id: "AccessToken" });

export const tokenErrorSchema = z
  .object({ error: z.enum(["invalid_request", "invalid_client", "unsupported_grant_type", "invalid_scope", "slow_down", "server_error"]), error_description: z.string() })
  .meta({ id: "TokenError" });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(apiErrorCodes) as [keyof typeof apiErrorCodes, ...(keyof typeof apiErrorCodes)[]]).meta({ description: "Stable error code; program against this." }),
    detail: z.string().meta({ description: "What went wrong, in plain English." }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: "Field problems (VALIDATION_FAILED)." }),
    existingId: z.string().uuid().optional().meta({ description: "The existing request (DUPLICATE_REQUEST, REFERENCE_REUSED)." }),
  })
  .meta({ id: "Problem" });
