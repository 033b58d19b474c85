"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeReturnPath } from "@/domain/http/safe-return-path";
import { LOCALE_COOKIE, locales } from "@/i18n/config";
import { ACTIVE_CUSTOMER_COOKIE, currentActor } from "@/server/auth/session";
import { cookieOptions } from "@/server/boundary/cookies";

const oneYear = 60 * 60 * 24 * 365;

export async function setLocale(formData: FormData) {
  const locale = z.enum(locales).catch("sv").parse(formData.get("locale"));
  (await cookies()).set(LOCALE_COOKIE, locale, cookieOptions({ maxAgeSeconds: oneYear }));
  redirect(safeReturnPath(formData.get("returnTo"), "/"));
}

/** Switches the customer number the user works with; only to a customer the user has access to. */
export async function switchCustomer(formData: FormData) {
  const actor = await currentActor();
  const customerId = z.string().uuid().safeParse(formData.get("customerId"));
  if (actor?.kind === "customer" && customerId.success && actor.customers.some((c) => c.customerId === customerId.data)) {
    (await cookies()).set(ACTIVE_CUSTOMER_COOKIE, customerId.data, cookieOptions());
  }
  redirect(safeReturnPath(formData.get("returnTo"), "/"));
}
