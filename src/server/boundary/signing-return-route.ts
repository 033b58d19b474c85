import "server-only";
import { NextResponse } from "next/server";
import type { CustomerActor } from "@/server/access/actor";
import { currentActor } from "@/server/auth/session";
import { env } from "@/server/env";
import { clientAddress } from "./client-address";

/** Why a signed decision could not be applied, as the address names it (messages eleg.outcome.*). */
export const SIGNING_REASON_SLUGS = { noSignature: "ingen-signatur", changed: "andrad" } as const;
/** The signing callback's failure slugs, passed on unchanged (messages eleg.outcome.failed.*). */
const SIGNING_FAILURES = /^[a-z-]{1,40}$/;

/**
 * The route where the signing callback (/api/eleg/sign/callback) sends the browser back with
 * `?signering=klar|avbruten|fel&orsak=...`. On `klar`, `complete` checks the user's fresh signature
 * against what it is about as it is now and applies it, and returns the outcome for the page's
 * address; the browser then goes on to `page` (a path of the portal) with it.
 */
export function signingReturnRoute(page: string, complete: (actor: CustomerActor, meta: { ip: string | null }) => Promise<Record<string, string>>) {
  return async function GET(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const to = (path: string, query: Record<string, string> = {}) => {
      const target = new URL(path, env().APP_URL);
      for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
      return NextResponse.redirect(target, 303);
    };
    const actor = await currentActor();
    if (actor?.kind !== "customer") return to("/logga-in");

    const signing = url.searchParams.get("signering");
    if (signing === "klar") return to(page, await complete(actor, { ip: clientAddress(request.headers) }));
    if (signing === "avbruten") return to(page, { signering: "avbruten" });
    const reason = url.searchParams.get("orsak") ?? "";
    return to(page, { signering: "fel", orsak: SIGNING_FAILURES.test(reason) ? reason : "leverantor" });
  };
}
