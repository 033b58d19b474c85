// Input rules of the third-party API (/api/v1) and of the staff and customer forms for third-party
// access. The API schemas also describe the API: the OpenAPI document is generated from them
// (src/server/third-party/openapi.ts), so the documentation cannot drift from what is enforced.
import { z } from "zod";
import { dataResolutions, MAX_QUERY_DAYS } from "@/domain/consent/data-access";
import { MAX_VALIDITY_YEARS } from "@/domain/consent/state-machine";
import { meteringPointCountry, parseMeteringPointId, parseNationalId } from "@/domain/identity";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD.").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a calendar date.");
const isoInstant = z.iso.datetime({ offset: true, message: "Expected an ISO 8601 instant with a time zone, e.g. 2029-12-31T23:00:00Z." });

export const resolutionSchema = z.enum(dataResolutions, { message: `One of ${dataResolutions.join(", ")}.` }).meta({
  description: "PT15M quarter-hours, PT1H hours, P1D days, P1M months (local calendar of the installation).",
});

const addYears = (d: Date, years: number) => {
  const out = new Date(d);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
};

/** POST /api/v1/consent-requests. `now` fixes what "in the future" and "three years" mean. */
export function submitRequestSchema(now: Date = new Date()) {
  return z
    .strictObject({
      reference: z
        .string()
        .regex(/^[A-Za-z0-9._:-]{1,100}$/, "1–100 characters: letters, digits, '.', '_', ':' or '-'.")
        .meta({ description: "Your own reference. Submitting the same reference again returns the request made with it.", example: "ES-2026-0042" }),
      customerIdentityNumber: z.string().min(1).max(20).meta({
        description: "The customer's personal or organisation number as on the agreement with you (Swedish personnummer/organisationsnummer, Danish CPR/CVR, Finnish henkilötunnus/Y-tunnus).",
        example: "19780512-0545",
      }),
      meteringPointId: z.string().min(1).max(30).meta({ description: "The installation's metering point id (GSRN, 18 digits).", example: "735999100000000012" }),
      purpose: z.string().trim().min(10, "Say in plain words why you need the data (at least 10 characters).").max(500).meta({
        description: "Why you need the data, in plain words; shown to the customer.",
        example: "Energy advice: we compare your hourly use with your heat pump's settings.",
      }),
      resolution: resolutionSchema,
      dataFrom: isoDate.meta({ description: "First day of the history asked for (local date of the installation).", example: "2025-01-01" }),
      dataTo: isoDate
        .optional()
        .meta({ description: "Day after the last day asked for (exclusive). Leave out to receive values for as long as the consent lasts." }),
      validTo: isoInstant.meta({ description: `When the consent should end; at most ${MAX_VALIDITY_YEARS} years ahead. The customer may shorten it.`, example: "2028-12-31T23:00:00Z" }),
    })
    .superRefine((v, ctx) => {
      const mp = parseMeteringPointId(v.meteringPointId);
      const market = mp.ok ? meteringPointCountry(mp.value.normalized) : null;
      if (!mp.ok || !market) ctx.addIssue({ code: "custom", path: ["meteringPointId"], message: "Not a valid Nordic metering point id (18 digits with a GS1 check digit)." });
      else if (!parseNationalId(market, v.customerIdentityNumber, now).ok) {
        ctx.addIssue({ code: "custom", path: ["customerIdentityNumber"], message: `Not a valid personal or organisation number of the metering point's country (${market}).` });
      }
      const today = now.toISOString().slice(0, 10);
      if (v.dataFrom < "2000-01-01" || v.dataFrom > today) ctx.addIssue({ code: "custom", path: ["dataFrom"], message: "Must be a day between 2000-01-01 and today." });
      if (v.dataTo !== undefined && v.dataTo <= v.dataFrom) ctx.addIssue({ code: "custom", path: ["dataTo"], message: "Must be after dataFrom." });
      const validTo = Date.parse(v.validTo);
      if (!Number.isNaN(validTo)) {
        if (validTo <= now.getTime() + 86_400_000) ctx.addIssue({ code: "custom", path: ["validTo"], message: "Must be more than a day ahead." });
        if (validTo > addYears(now, MAX_VALIDITY_YEARS).getTime()) ctx.addIssue({ code: "custom", path: ["validTo"], message: `At most ${MAX_VALIDITY_YEARS} years ahead.` });
      }
    })
    .transform((v) => {
      const mp = parseMeteringPointId(v.meteringPointId);
      const market = meteringPointCountry(v.meteringPointId.replace(/\s+/g, ""))!;
      const id = parseNationalId(market, v.customerIdentityNumber, now);
      return {
        ...v,
        meteringPointId: mp.ok ? mp.value.normalized : v.meteringPointId,
        customerIdentityNumber: id.ok ? id.value.normalized : v.customerIdentityNumber,
        dataTo: v.dataTo ?? null,
      };
    });
}
export type SubmitRequestInput = z.output<ReturnType<typeof submitRequestSchema>>;

/** GET /api/v1/consent-requests/{id}/meter-values */
export const meterValuesQuerySchema = z
  .strictObject({
    from: isoDate.meta({ description: "First local day (inclusive).", example: "2026-01-01" }),
    to: isoDate.meta({ description: "Local day after the last one (exclusive).", example: "2026-02-01" }),
    resolution: resolutionSchema.optional().meta({ description: "Defaults to the consented resolution; a coarser one is allowed." }),
  })
  .refine((v) => v.to > v.from, { path: ["to"], message: "Must be after from." })
  .refine((v) => Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`) <= MAX_QUERY_DAYS.P1D * 86_400_000, { path: ["to"], message: "Period too long." });

/** GET /api/v1/consent-requests */
export const listRequestsQuerySchema = z.strictObject({
  state: z.enum(["RECEIVED", "NEEDS_REVIEW", "VALIDATED", "REJECTED_MALFORMED", "AWAITING_CUSTOMER", "DECLINED", "ACTIVE", "TERMINATED_BY_CUSTOMER", "TERMINATED_BY_THIRD_PARTY", "EXPIRED"]).optional(),
  reference: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().uuid().optional().meta({ description: "Cursor: the last id of the previous page." }),
});

/** GET /api/v1/events */
export const eventsQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,18}$/, "A decimal event id.")
    .optional()
    .meta({ description: "Only events after this id (the id of the last event you processed)." }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** POST /api/v1/oauth/token (application/x-www-form-urlencoded or JSON; RFC 6749 section 4.4). */
export const tokenRequestSchema = z.object({
  grant_type: z.literal("client_credentials"),
  client_id: z.string().min(1).max(100).optional(),
  client_secret: z.string().min(1).max(200).optional(),
  scope: z.string().max(200).optional(),
});

export type MeterValuesQuery = z.infer<typeof meterValuesQuerySchema>;
