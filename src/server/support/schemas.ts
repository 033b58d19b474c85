import "server-only";
import { z } from "zod";
import { fieldErrorsOf } from "@/server/boundary/field-errors";

// Input rules for the support console; messages are translation keys (messages/*/validation.json,
// messages/*/support.json).

export const SEARCH_MIN_LENGTH = 2;
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and forms; anything that is not a uuid cannot name a row (and would make the query fail). */
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
export const SEARCH_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE = 50;

/** Audit actions the console knows a label for; others are shown as their raw action name. */
export const KNOWN_AUDIT_ACTIONS = [
  "account.registered",
  "account.resetRequested",
  "account.passwordReset",
  "support.accountVoided",
  "support.resetLinkSent",
  "customer.detailsChanged",
  "meter.importReceived",
  "access.customerAdded",
  "access.userInvited",
  "access.invitationAccepted",
  "access.invitationRevoked",
  "access.roleChanged",
  "access.memberRemoved",
  "access.managementCompanyInvited",
  "access.managementCompanyRegistered",
  "access.managementClientRegistered",
  "access.managementClientRequested",
  "access.managementRequestAccepted",
  "access.managementRequestDeclined",
  "access.managementRequestSigned",
  "access.managementGrantRevoked",
  "access.managerInvited",
  "access.managerAccessGranted",
  "access.managerAccessRevoked",
  "access.managerRemoved",
  "thirdParty.registered",
  "thirdParty.updated",
  "thirdParty.webhookSecretRotated",
  "thirdParty.apiClientCreated",
  "thirdParty.apiClientSecretRotated",
  "thirdParty.apiClientRevoked",
  "thirdParty.webhookResent",
  "thirdParty.request.reviewApproved",
  "thirdParty.request.reviewRejected",
  "thirdParty.request.declined",
  "thirdParty.consent.approved",
  "thirdParty.consent.terminated",
] as const;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalid")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "validation.invalid");

/** A page number from a query string: anything odd becomes page 1. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export const searchQuerySchema = z.string().trim().max(100).catch("");

/**
 * What the void form posts, checked loosely: the shared action wrapper only passes through messages
 * under "validation.", so the void rules below run in the action to keep their own messages.
 */
export const voidUserFormSchema = z.object({
  userId: z.string().uuid(),
  customerId: z.string().uuid().optional(),
  reason: z.string().max(5000).default(""),
  confirm: z.string().optional(),
});

export const voidUserSchema = z.object({
  userId: z.string().uuid("validation.invalid"),
  // The customer the staff member is working on; the audit row is filed under it.
  customerId: z.string().uuid("validation.invalid").optional(),
  reason: z.string().trim().min(REASON_MIN_LENGTH, "support.reasonRequired").max(REASON_MAX_LENGTH, "validation.tooLong"),
  // The confirmation checkbox ("Jag förstår att kontot makuleras"); unchecked boxes are not submitted.
  confirm: z.literal("on", { error: "support.confirmRequired" }),
});

export const sendResetLinkSchema = z.object({
  userId: z.string().uuid("validation.invalid"),
});

const auditFilterSchema = z
  .object({
    customerNumber: z.string().trim().regex(/^\d{1,10}$/, "validation.customerNumber").optional(),
    action: z.string().trim().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/, "validation.invalid").max(80).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: pageSchema.default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "support.log.rangeInvalid" });
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** Reads the log's filters from a query string; empty fields mean "no filter". */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>) {
  const one = (k: string) => {
    const v = params[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s : undefined;
  };
  const raw = { customerNumber: one("kund"), action: one("handelse"), from: one("fran"), to: one("till"), page: one("sida") };
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return { filter: parsed.data, raw, fieldErrors: {} as Record<string, string[]> };
  const fieldErrors = fieldErrorsOf(parsed.error);
  // An invalid filter shows its error and no rows rather than silently listing everything.
  return { filter: null, raw, fieldErrors };
}
