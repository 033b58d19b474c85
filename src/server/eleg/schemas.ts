import "server-only";
import { z } from "zod";
import { parseSwedishPersonnummer } from "@/domain/identity";
import { nationalIdInputSchema } from "@/server/accounts/schemas";

const membershipRoles = ["ADMINISTRATOR", "FULL", "READ"] as const;

/**
 * A personal identity number as typed (ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, with or without dash),
 * normalised to the 12 digits brokers send. Errors are translation keys (messages/validation.json).
 */
const personalIdNumberField = nationalIdInputSchema.transform((value, ctx) => {
  const parsed = parseSwedishPersonnummer(value.replace(/\s+/g, ""));
  if (parsed.ok) return parsed.value.normalized;
  ctx.addIssue({ code: "custom", message: parsed.reason === "empty" ? "validation.required" : `validation.nationalId.${parsed.reason}` });
  return z.NEVER;
});

/** "Mitt konto – skapa ny användare": an authorised person who signs in with e-legitimation. */
export const authorisedPersonSchema = z.object({
  customerId: z.string().uuid("validation.choice"),
  name: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  personalIdNumber: personalIdNumberField,
  role: z.enum(membershipRoles, { message: "validation.choice" }),
});

export type AuthorisedPersonInput = z.input<typeof authorisedPersonSchema>;
