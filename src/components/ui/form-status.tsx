"use client";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/action-state";
import { OutcomeBanner } from "./outcome-banner";
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
  return (
    <OutcomeBanner ok={state.status === "ok"} className="mb-4">
      {t(state.message, state.messageValues)}
    </OutcomeBanner>
  );
}
