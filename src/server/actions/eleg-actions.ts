"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { registerAuthorisedPerson } from "@/server/eleg/register-authorised-person";
import type { AuthorisedPersonInput } from "@/server/eleg/schemas";
import { LINK_PURPOSE, requireSignature } from "@/server/eleg/signing";
import { customerAction } from "./safe-action";

// Loose here on purpose: registerAuthorisedPerson checks access first, then validates, so that a
// user without the right learns nothing from the validation messages.
const registerForm = z.object({
  customerId: z.string().max(60),
  name: z.string().max(500),
  personalIdNumber: z.string().max(100),
  role: z.string().max(40),
});

/** "Mitt konto – skapa ny användare". */
export const registerAuthorisedPersonAction = customerAction(registerForm, async (input, { actor, ip }) => {
  const result = await registerAuthorisedPerson(actor, input as AuthorisedPersonInput, { ip });
  revalidatePath("/mitt-konto");
  return {
    status: "ok",
    message: result.linkedExistingUser ? "eleg.register.linked" : "eleg.register.created",
    messageValues: { name: input.name.trim() },
  };
});

/**
 * "Koppla e-legitimation": the signed-in user signs a short statement with their e-legitimation;
 * the signature's personal identity number becomes the account's (src/server/eleg/record-signature.ts).
 */
export const startElegLinkAction = customerAction(z.object({}), async (_input, { actor }) => {
  const t = await getTranslations("eleg");
  const text = t("link.text", { name: actor.name, email: actor.email ?? t("account.noEmail") });
  const url = await requireSignature(actor, LINK_PURPOSE, { text }, { returnTo: "/mitt-konto", locale: await getLocale() });
  redirect(url);
});
