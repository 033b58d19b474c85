"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-status";
import { idle, type ActionState } from "@/lib/action-state";
import { acceptInvitationAction } from "@/server/actions/access-actions";
import { buttonClass } from "@/components/ui/button";

type Mode = "signedIn" | "password" | "newAccount";

/**
 * Accepts an invitation in one step: signed in already, with the account's password, or by
 * creating the account (the address is the invitation's and cannot be changed). After accepting
 * with a password the page signs the user in with it and opens what they were given.
 */
export function AcceptInvitationForm({
  token,
  email,
  mode,
}: {
  token: string;
  email: string;
  mode: Mode;
}) {
  const t = useTranslations("access.accept");
  const ta = useTranslations("auth");
  const router = useRouter();
  const [state, setState] = useState<ActionState>(idle);
  const [pending, startTransition] = useTransition();
  const e = state.fieldErrors ?? {};
  const v = state.values ?? {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    startTransition(async () => {
      const result = await acceptInvitationAction(idle, form);
      if (result.status !== "ok") {
        setState(result);
        return;
      }
      const to = result.values?.redirectTo ?? "/";
      if (mode !== "signedIn") {
        const signedIn = await signIn("customer", { email, password, redirect: false });
        if (!signedIn?.ok || signedIn.error) {
          // Accepted, but signing in failed (e.g. locked): the user signs in as usual.
          router.replace("/logga-in");
          return;
        }
      }
      router.replace(to);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="mode" value={mode} />
      {mode !== "signedIn" ? (
        <div className="mb-4">
          <label htmlFor="invited-email" className="block text-sm font-medium text-slate-900">
            {ta("email")}
          </label>
          <input id="invited-email" type="email" value={email} readOnly autoComplete="username" className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-slate-900" />
        </div>
      ) : null}
      {mode === "newAccount" ? (
        <>
          <p className="mb-4 text-sm text-slate-700">{t("newAccountIntro")}</p>
          <Field label={t("name")} name="name" autoComplete="name" required defaultValue={v.name} errors={e.name} />
          <Field label={ta("password")} name="password" type="password" autoComplete="new-password" required hint={ta("passwordHint")} errors={e.password} />
          <Field label={ta("confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required errors={e.confirmPassword} />
        </>
      ) : null}
      {mode === "password" ? (
        <>
          <p className="mb-4 text-sm text-slate-700">{t("passwordIntro")}</p>
          <Field label={ta("password")} name="password" type="password" autoComplete="current-password" required errors={e.password} />
        </>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className={buttonClass({ className: "w-full" })}
      >
        {pending ? t("pending") : t(`submit.${mode}`)}
      </button>
      {mode === "password" ? (
        <p className="mt-4 text-sm">
          <Link href="/glomt-losenord" className="text-sky-800 underline">
            {ta("forgot")}
          </Link>
        </p>
      ) : null}
    </form>
  );
}
