"use server";
import { revalidatePath } from "next/cache";
import { customerDetailsFormSchema } from "@/server/customers/schemas";
import { updateCustomerDetails } from "@/server/customers/update-customer-details";
import { customerAction } from "./safe-action";

/**
 * Kunduppgifter form. The customer id comes from a hidden field, but `updateCustomerDetails` checks
 * it against the signed-in user's memberships and role, so a changed id gets NOT_FOUND, never data.
 */
export const updateCustomerDetailsAction = customerAction(customerDetailsFormSchema, async ({ customerId, ...details }, { actor, ip }) => {
  const { changedFields } = await updateCustomerDetails(actor, customerId, details, { ip });
  if (changedFields.length === 0) return { status: "ok", message: "customer.noChanges" };
  revalidatePath("/kunduppgifter");
  revalidatePath("/");
  return { status: "ok", message: "customer.saved" };
});
