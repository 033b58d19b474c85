"use client";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/server/actions/action-state";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./button";

/** A form's submit button in one of the button variants, disabled (and optionally relabelled) while the form is sent. */
export function SubmitButton({ children, pendingLabel, variant = "primary", size, className }: { children: React.ReactNode; pendingLabel?: string; variant?: ButtonVariant; size?: ButtonSize; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass({ variant, size, className })}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** The form-level outcome, announced to screen readers when it changes. */
export function FormMessage({ state }: { state: ActionState }) {
  const t = useTranslations();
  if (state.status === "idle" || !state.message) return null;
  const ok = state.status === "ok";
  return (
    <div
      role={ok ? "status" : "alert"}
      className={`mb-4 rounded-md border px-4 py-3 text-sm ${ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {t(state.message, state.messageValues)}
    </div>
  );
}
