import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor, CustomerAccess, CustomerActor, StaffActor } from "@/server/access/actor";
import type { Principal } from "./authenticate";
import { checkSession } from "./check-session";
import { loadActor } from "./load-actor";
import { authOptions } from "./options";

export const ACTIVE_CUSTOMER_COOKIE = "ms-kund";

/** The signed-in actor for this request, re-read from the database (deduplicated per request). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { principal?: { id?: string; kind?: string; sessionVersion?: number; sessionId?: string } } | null;
  const p = session?.principal;
  if (!p?.id || (p.kind !== "customer" && p.kind !== "staff") || typeof p.sessionVersion !== "number") return null;
  const principal: Principal = { id: p.id, kind: p.kind, sessionVersion: p.sessionVersion };
  // The cookie alone is not enough: its session must still be open on the server (signed out,
  // idle and absolute ends; decision 011). Both reads go out at once.
  const [open, actor] = await Promise.all([checkSession(p.sessionId, principal), loadActor(principal)]);
  return open ? actor : null;
});

export async function requireCustomer(): Promise<CustomerActor> {
  const actor = await currentActor();
  if (actor?.kind !== "customer") redirect(actor?.kind === "staff" ? "/support" : "/logga-in");
  return actor;
}

export async function requireStaff(): Promise<StaffActor> {
  const actor = await currentActor();
  if (actor?.kind !== "staff") redirect(actor?.kind === "customer" ? "/" : "/support/logga-in");
  return actor;
}

/** The customer the user is working with (customer-number switcher); falls back to the first. */
export async function activeCustomer(actor: CustomerActor): Promise<CustomerAccess | null> {
  const chosen = (await cookies()).get(ACTIVE_CUSTOMER_COOKIE)?.value;
  return actor.customers.find((c) => c.customerId === chosen) ?? actor.customers[0] ?? null;
}
