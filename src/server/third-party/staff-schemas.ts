import "server-only";
import { z } from "zod";
import { parseOrganisationNumber } from "@/domain/access/organisation-number";

// Staff forms for the register of third parties (support console). Messages are translation keys
// (messages/*/validation.json, messages/*/thirdPartyAdmin.json).

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "validation.tooLong").optional());

/** http(s) only; plain http only to this machine (development and tests), HTTPS everywhere else. */
const webhookUrlSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z
    .string()
    .max(500, "validation.tooLong")
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" || (u.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname));
      } catch {
        return false;
      }
    }, "thirdPartyAdmin.errors.webhookUrl")
    .optional(),
);

const thirdPartyFields = {
  name: z.string().trim().min(2, "validation.required").max(200, "validation.tooLong"),
  contactEmail: z.string().trim().email("validation.email").max(200, "validation.tooLong"),
  contactPhone: optionalText(40),
  webhookUrl: webhookUrlSchema,
};

export const createThirdPartySchema = z.object({
  // Checked on the field, so its message shows together with the other fields' (normalised after).
  organisationNumber: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(20, "validation.tooLong")
    .refine((v) => parseOrganisationNumber(v).ok, "thirdPartyAdmin.errors.organisationNumber")
    .transform((v) => (parseOrganisationNumber(v) as { ok: true; value: { normalized: string } }).value.normalized),
  ...thirdPartyFields,
});
export type CreateThirdPartyInput = z.input<typeof createThirdPartySchema>;

export const updateThirdPartySchema = z.object({
  thirdPartyId: z.string().uuid("validation.invalid"),
  ...thirdPartyFields,
  status: z.enum(["ACTIVE", "SUSPENDED"], { error: "validation.choice" }),
});
export type UpdateThirdPartyInput = z.input<typeof updateThirdPartySchema>;

export const createApiClientSchema = z.object({
  thirdPartyId: z.string().uuid("validation.invalid"),
  name: z.string().trim().min(2, "validation.required").max(100, "validation.tooLong"),
});

/** How long the previous secret keeps working after a rotation. */
export const ROTATION_GRACE_HOURS = [0, 1, 24, 72, 168] as const;
export const rotateSecretSchema = z.object({
  apiClientId: z.string().uuid("validation.invalid"),
  graceHours: z.coerce.number().refine((v) => (ROTATION_GRACE_HOURS as readonly number[]).includes(v), "validation.choice"),
});

export const reviewSchema = z.discriminatedUnion("decision", [
  z.object({ requestId: z.string().uuid("validation.invalid"), decision: z.literal("validate") }),
  z.object({
    requestId: z.string().uuid("validation.invalid"),
    decision: z.literal("reject"),
    reason: z.string().trim().min(3, "thirdPartyAdmin.errors.reasonRequired").max(500, "validation.tooLong"),
  }),
]);
