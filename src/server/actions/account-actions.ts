"use server";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { registerAccount } from "@/server/accounts/register-account";
import { requestPasswordReset, resetPassword } from "@/server/accounts/password-reset";
import { emailSchema, newPasswordSchema, registrationSchema } from "@/server/accounts/schemas";
import { publicAction } from "./safe-action";

export const registerAction = publicAction(registrationSchema, async (input, { ip }) => {
  await registerAccount(input, ip);
  redirect("/logga-in?registrerad=1");
});

export const forgotPasswordAction = publicAction(z.object({ email: emailSchema }), async ({ email }, { ip }) => {
  const outcome = await requestPasswordReset(email, { locale: await getLocale(), ip });
  if (outcome.status === "limited") return { status: "error", message: "auth.resetTooMany", messageValues: { minutes: outcome.retryAfterMinutes }, values: { email } };
  // The same answer whether or not the address exists.
  return { status: "ok", message: "auth.linkSent" };
});

export const resetPasswordAction = publicAction(
  z
    .object({ token: z.string().min(20).max(100), password: newPasswordSchema, confirmPassword: z.string() })
    .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordMismatch" }),
  async ({ token, password }, { ip }) => {
    await resetPassword(token, password, ip);
    redirect("/logga-in?losenord=1");
  },
);
