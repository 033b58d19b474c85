import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Actor, CustomerActor, StaffActor } from "@/server/access/actor";
import { currentActor } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { clientAddress } from "@/server/boundary/client-address";
import { isTranslationKey } from "@/server/boundary/field-errors";
import { INTERNAL_PROBLEM, problemOf, type Problem } from "@/server/boundary/problem";
import type { ActionState } from "@/lib/action-state";

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !/password|token|pin/i.test(k)) values[k] = v;
  }
  return values;
}

/**
 * A problem as the form shows it: the error's own message when it is a translation key (with its
 * placeholders' values), else the generic message of its code; field errors under their fields.
 */
function actionStateOf(problem: Problem, values: Record<string, string>): ActionState {
  const keyed = problem.message !== undefined && isTranslationKey(problem.message);
  return { status: "error", message: keyed ? problem.message : `errors.${problem.code}`, messageValues: keyed ? problem.messageValues : undefined, fieldErrors: problem.fieldErrors, values };
}

type Handler<A, I> = (input: I, ctx: { actor: A; ip: string | null }) => Promise<ActionState | void>;

type Resolved<A> = { actor: A } | null;

function wrap<A, S extends z.ZodType>(resolve: (a: Actor | null) => Resolved<A>, schema: S, handler: Handler<A, z.infer<S>>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const resolved = resolve(await currentActor());
      if (resolved === null) throw new AppError("UNAUTHENTICATED");
      const input = schema.parse(Object.fromEntries(formData.entries()));
      const ip = clientAddress(await headers());
      return (await handler(input, { actor: resolved.actor, ip })) ?? { status: "ok", message: "common.saved" };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      const problem = problemOf(error);
      if (!problem) console.error("action failed", error);
      return actionStateOf(problem ?? INTERNAL_PROBLEM, values);
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
