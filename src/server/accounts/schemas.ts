import { z } from "zod";
import { normalizeCheckCode } from "@/domain/access/check-code";

// Shared input rules; messages are translation keys (see messages/*/validation.json).
export const emailSchema = z.string().trim().toLowerCase().min(1, "validation.required").max(254, "validation.tooLong").email("validation.email");
export const newPasswordSchema = z.string().min(10, "validation.passwordLength").max(200, "validation.tooLong");
export const customerNumberSchema = z.string().trim().regex(/^\d{4,10}$/, "validation.customerNumber");
export const nationalIdInputSchema = z.string().trim().min(1, "validation.required").max(20, "validation.nationalId.format");

/** The check code printed on the invoice, as typed (any case, a dash or spaces); stored form, or a message at the field. */
export const checkCodeSchema = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(20, "validation.checkCode")
  .transform((value, ctx) => {
    const code = normalizeCheckCode(value);
    if (code) return code;
    ctx.addIssue({ code: "custom", message: "validation.checkCode" });
    return z.NEVER;
  });

/** The same, where it may be left empty (null). */
export const optionalCheckCodeSchema = z
  .string()
  .trim()
  .max(20, "validation.checkCode")
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const code = normalizeCheckCode(value);
    if (code) return code;
    ctx.addIssue({ code: "custom", message: "validation.checkCode" });
    return z.NEVER;
  });

export const registrationSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
    customerNumber: customerNumberSchema,
    nationalId: nationalIdInputSchema,
    checkCode: checkCodeSchema,
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordMismatch" });

export type RegistrationInput = z.infer<typeof registrationSchema>;
