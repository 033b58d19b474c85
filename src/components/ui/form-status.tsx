"use client";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/server/actions/action-state";

export function SubmitButton({ children, pendingLabel, variant = "primary" }: { children: React.ReactNode; pendingLabel?: string; variant?: "primary" | "danger" | "secondary" }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: "bg-sky-800 text-white hover:bg-sky-900",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`rounded-md px-4 py-2 font-medium focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2 disabled:opacity-60 ${styles}`}
    >
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
