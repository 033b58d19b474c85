"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fieldErrorsOf } from "@/server/boundary/field-errors";
import { isAppError } from "@/server/errors";
import { sendResetLinkSchema, voidUserFormSchema, voidUserSchema } from "@/server/support/schemas";
import { sendResetLink } from "@/server/support/send-reset-link";
import { voidUserAccount } from "@/server/support/void-user-account";
import type { ActionState } from "@/lib/action-state";
import { staffAction } from "./safe-action";

// Support console actions. The server functions check the actor again (defence in depth); these
// wrappers parse the form, require a staff session and turn errors into translated messages.

/** A conflict with a support-specific explanation ("already voided") says more than the generic one. */
function explained(error: unknown): ActionState {
  if (isAppError(error) && error.code === "CONFLICT" && error.message.startsWith("support.")) return { status: "error", message: error.message };
  throw error;
}

export const voidUserAction = staffAction(voidUserFormSchema, async (form, { actor, ip }) => {
  const checked = voidUserSchema.safeParse(form);
  if (!checked.success) return { status: "error", message: "errors.VALIDATION", fieldErrors: fieldErrorsOf(checked.error), values: { reason: form.reason } };
  const { userId, customerId, reason } = checked.data;
  try {
    const { customerIds } = await voidUserAccount(actor, { userId, customerId, reason, ip });
    for (const id of customerIds) revalidatePath(`/support/kunder/${id}`);
    revalidatePath("/support/logg");
    // The voided user's form disappears from the customer page, so the page itself confirms it.
    if (customerId) redirect(`/support/kunder/${customerId}?makulerad=1`);
    return { status: "ok", message: "support.voided" };
  } catch (error) {
    return explained(error);
  }
});

export const sendResetLinkAction = staffAction(sendResetLinkSchema, async ({ userId }, { actor, ip }) => {
  try {
    const { email } = await sendResetLink(actor, { userId, ip });
    revalidatePath("/support/logg");
    revalidatePath("/support/kunder/[id]", "page");
    return { status: "ok", message: "support.resetSent", messageValues: { email } };
  } catch (error) {
    return explained(error);
  }
});
