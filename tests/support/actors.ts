// Helpers for integration tests that call server functions as a given user.
import type { CustomerActor } from "@/server/access/actor";
import { loadActor } from "@/server/auth/load-actor";
import { isAppError } from "@/server/errors";

/** The actor a signed-in session of this user gets (read from the database like a request). */
export async function customerActorOf(user: { id: string; sessionVersion: number }): Promise<CustomerActor> {
  const actor = await loadActor({ kind: "customer", id: user.id, sessionVersion: user.sessionVersion });
  if (actor?.kind !== "customer") throw new Error("expected a customer actor");
  return actor;
}

/** Awaits a call that must fail with an AppError and returns what the user would be told. */
export async function appFailure(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string | number> }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, fieldErrors: e.fieldErrors, ...(e.values ? { values: e.values } : {}) };
    throw e;
  }
  throw new Error("expected the call to fail");
}
