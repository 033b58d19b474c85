import "server-only";
import { z } from "zod";

// The customer-details form (seed 000: contact, invoice address and invoice delivery). Messages are
// translation keys from messages/*/validation.json, which the form action passes through as they are.
// Every field accepts its own output again (null stays null), so a parsed value can be re-validated.

const invoiceDeliveries = ["EINVOICE", "PAPER", "EMAIL"] as const;
const invoiceCountries = ["SE", "DK", "FI"] as const;
type InvoiceCountry = (typeof invoiceCountries)[number];

const postalCodeShapes: Record<InvoiceCountry, RegExp> = {
  SE: /^\d{3} ?\d{2}$/,
  DK: /^\d{4}$/,
  FI: /^\d{5}$/,
};

/** True when the postal code has the country's shape: SE `NNN NN` or `NNNNN`, DK `NNNN`, FI `NNNNN`. */
export function isValidPostalCode(country: string, value: string): boolean {
  const shape = postalCodeShapes[country as InvoiceCountry];
  return shape ? shape.test(value.trim()) : false;
}

/** Stored form: Swedish codes as `NNN NN` (how PostNord prints them), others as digits. */
export function normalizePostalCode(country: string, value: string): string {
  const digits = value.replace(/\s+/g, "");
  return country === "SE" && /^\d{5}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
}

/** Digits, spaces and dashes with an optional leading +, and 7–15 digits in all. */
export function isValidPhone(value: string): boolean {
  const v = value.trim();
  if (!/^\+?[\d -]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .nullish()
    .transform((v) => (v ? v : null));

const requiredText = (max: number) => z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooLong");

const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "validation.tooLong")
  .refine((v) => v === "" || z.email().safeParse(v).success, "validation.email")
  .nullish()
  .transform((v) => (v ? v : null));

const optionalPhone = z
  .string()
  .trim()
  .max(30, "validation.phone")
  .refine((v) => v === "" || isValidPhone(v), "validation.phone")
  .nullish()
  .transform((v) => (v ? v.replace(/\s+/g, " ") : null));

const customerDetailsShape = {
  email: optionalEmail,
  phone: optionalPhone,
  invoiceCareOf: optionalText(100),
  invoiceStreet: requiredText(100),
  invoicePostalCode: z.string("validation.required").trim().min(1, "validation.required").max(10, "validation.postalCode"),
  invoiceCity: requiredText(60),
  invoiceCountry: z.enum(invoiceCountries, "validation.choice"),
  invoiceDelivery: z.enum(invoiceDeliveries, "validation.choice"),
  invoiceEmail: optionalEmail,
};

type Shape = z.infer<z.ZodObject<typeof customerDetailsShape>>;

/** Cross-field rules: the postal code follows the invoice country; e-mail delivery needs an address. */
function crossFieldRules<S extends z.ZodType<Shape, unknown>>(schema: S) {
  return schema
    .superRefine((v, ctx) => {
      // Only judge the shape when the code and the country are otherwise fine (one message per field).
      const known = (invoiceCountries as readonly string[]).includes(v.invoiceCountry);
      const code = typeof v.invoicePostalCode === "string" ? v.invoicePostalCode : "";
      if (known && code !== "" && code.length <= 10 && !isValidPostalCode(v.invoiceCountry, code)) {
        ctx.addIssue({ code: "custom", path: ["invoicePostalCode"], message: "validation.postalCode" });
      }
      if (v.invoiceDelivery === "EMAIL" && !v.invoiceEmail) {
        ctx.addIssue({ code: "custom", path: ["invoiceEmail"], message: "validation.required" });
      }
    })
    .transform((v: z.output<S>) => ({ ...v, invoicePostalCode: normalizePostalCode(v.invoiceCountry, v.invoicePostalCode) }));
}

export const customerDetailsSchema = crossFieldRules(z.object(customerDetailsShape));

/** The form also carries the customer it edits; access to it is checked from the session, not from this. */
export const customerDetailsFormSchema = crossFieldRules(
  z.object({ ...customerDetailsShape, customerId: z.string("validation.required").trim().min(1, "validation.required").max(64, "validation.invalid") }),
);

export type CustomerDetailsInput = z.input<typeof customerDetailsSchema>;
export type CustomerDetails = z.output<typeof customerDetailsSchema>;
