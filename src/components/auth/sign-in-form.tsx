"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

/** E-mail and password sign-in for customers (provider "customer") or staff ("staff"). */
export function SignInForm({ provider, redirectTo, notice }: { provider: "customer" | "staff"; redirectTo: string; notice?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const errors: Record<string, string[]> = {};
    if (!email) errors.email = ["validation.required"];
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = ["validation.email"];
    if (!password) errors.password = ["validation.required"];
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    setPending(true);
    setError(null);
    const result = await signIn(provider, { email, password, redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(redirectTo);
      router.refresh();
      return;
    }
    const code = result?.error ?? "INVALID";
    setError(code.startsWith("LOCKED:") ? t("locked", { minutes: code.split(":")[1] ?? "15" }) : t("invalid"));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {notice ? (
        <p role="status" className="mb-4 rounded-md border border-sky-700 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p id="sign-in-error" role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error}
        </p>
      ) : null}
      <Field label={t("email")} name="email" type="email" autoComplete="username" required errors={fieldErrors.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required errors={fieldErrors.password} />
      <button
        type="submit"
        disabled={pending}
        className={buttonClass({ className: "w-full" })}
      >
        {pending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
