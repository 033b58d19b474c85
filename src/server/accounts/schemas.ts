import { z } from "zod";

// Shared input rules; messages are translation keys (see messages/*/validation.json).
export const emailSchema = z.string().trim().toLowerCase().min(1, "validation.required").max(254, "validation.tooLong").email("validation.email");
export const newPasswordSchema = z.string().min(10, "validation.passwordLength").max(200, "validation.tooLong");
export const customerNumberSchema = z.string().trim().regex(/^\d{4,10}$/, "validation.customerNumber");
export const nationalIdInputSchema = z.string().trim().min(1, "validation.required").max(20, "validation.nationalId.format");

export const registrationSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
    customerNumber: customerNumberSchema,
    nationalId: nationalIdInputSchema,
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordMismatch" });

export type RegistrationInput = z.infer<typeof registrationSchema>;
