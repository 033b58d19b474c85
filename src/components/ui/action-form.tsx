"use client";
import { useActionState } from "react";
import { idle, type ActionState } from "@/server/actions/action-state";
import { FormMessage } from "./form-status";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A small form around one server action (a row's "Spara", "Återkalla", "Neka", "Avsluta"): hidden
 * fields and a button come in as children, the outcome is announced next to it.
 */
export function ActionForm({ action, children, className }: { action: Action; children: React.ReactNode; className?: string }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className={className}>
      {children}
      {state.status !== "idle" ? (
        <div className="mt-2 basis-full">
          <FormMessage state={state} />
        </div>
      ) : null}
    </form>
  );
}
