"use client";
import { useActionState } from "react";
import { idle, type ActionState } from "@/lib/action-state";
import { FormMessage } from "./form-status";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A small form around one server action (a row's "Spara", "Återkalla", "Neka", "Avsluta", a staff
 * console's "Rotera hemlighet"): hidden fields and a button come in as children, the outcome is
 * announced next to it.
 *
 * Children may be a function of the returned state: that is how a secret the action made is shown
 * once (the children then show that success themselves, so the form does not repeat it). With
 * `errorPlacement="top"` an error is announced above the fields, as in a full form, instead of
 * below the button.
 */
export function ActionForm({
  action,
  children,
  className,
  noValidate,
  errorPlacement = "bottom",
}: {
  action: Action;
  children: React.ReactNode | ((state: ActionState) => React.ReactNode);
  className?: string;
  noValidate?: boolean;
  errorPlacement?: "top" | "bottom";
}) {
  const [state, formAction] = useActionState(action, idle);
  const rendered = typeof children === "function";
  const errorAbove = state.status === "error" && errorPlacement === "top";
  const shownByChildren = rendered && state.status === "ok" && state.messageValues !== undefined;
  const below = state.status !== "idle" && !errorAbove && !shownByChildren;
  return (
    <form action={formAction} noValidate={noValidate} className={className}>
      {errorAbove ? <FormMessage state={state} /> : null}
      {typeof children === "function" ? children(state) : children}
      {below ? (
        <div className="mt-2 basis-full">
          <FormMessage state={state} />
        </div>
      ) : null}
    </form>
  );
}

/**
 * A full form's state around one server action: `values` are what was typed before a refused send
 * (a form that was sent starts empty again), `errors` the field errors by field name.
 */
export function useFormAction(action: Action) {
  const [state, formAction, pending] = useActionState(action, idle);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return { state, action: formAction, pending, values, errors: state.fieldErrors ?? {} };
}

/** A form's key that gives a fresh, empty form after each success, told apart by `field` of the message values (the e-mail invited, the customer number sent). */
export function freshAfterSuccess(state: ActionState, field: string) {
  return state.status === "ok" ? `ok-${state.messageValues?.[field]}` : "form";
}
