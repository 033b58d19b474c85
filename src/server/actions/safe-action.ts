import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Actor, CustomerActor, StaffActor } from "@/server/access/actor";
import { currentActor } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { clientAddress } from "@/server/boundary/client-address";
import { fieldErrorsOf, isTranslationKey } from "@/server/boundary/field-errors";
import type { ActionState } from "./action-state";

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !/password|token|pin/i.test(k)) values[k] = v;
  }
  return values;
}

type Handler<A, I> = (input: I, ctx: { actor: A; ip: string | null }) => Promise<ActionState | void>;

type Resolved<A> = { actor: A } | null;

function wrap<A, S extends z.ZodType>(resolve: (a: Actor | null) => Resolved<A>, schema: S, handler: Handler<A, z.infer<S>>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    const resolved = resolve(await currentActor());
    if (resolved === null) return { status: "error", message: "errors.UNAUTHENTICATED", values };
    const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) return { status: "error", message: "errors.VALIDATION", fieldErrors: fieldErrorsOf(parsed.error), values };
    try {
      const ip = clientAddress(await headers());
      return (await handler(parsed.data, { actor: resolved.actor, ip })) ?? { status: "ok", message: "common.saved" };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (isAppError(error)) {
        const keyed = isTranslationKey(error.message);
        return { status: "error", message: keyed ? error.message : `errors.${error.code}`, messageValues: keyed ? error.values : undefined, fieldErrors: error.fieldErrors, values };
      }
      console.error("action failed", error);
      return { status: "error", message: "errors.INTERNAL", values };
    }
  };
}

/** A form action for a signed-in customer user: parse with zod, require the session, map errors. */
export function customerAction<S extends z.ZodType>(schema: S, handler: Handler<CustomerActor, z.infer<S>>) {
  return wrap((a) => (a?.kind === "customer" ? { actor: a } : null), schema, handler);
}

/** A form action for support staff. */
export function staffAction<S extends z.ZodType>(schema: S, handler: Handler<StaffActor, z.infer<S>>) {
  return wrap((a) => (a?.kind === "staff" ? { actor: a } : null), schema, handler);
}

/** A form action anyone may call (registration, forgotten password). */
export function publicAction<S extends z.ZodType>(schema: S, handler: Handler<null, z.infer<S>>) {
  return wrap(() => ({ actor: null }), schema, handler);
}
