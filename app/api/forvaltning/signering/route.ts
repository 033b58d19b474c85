// GET /api/forvaltning/signering — where the signing callback (/api/eleg/sign/callback) sends the
// browser after a management company's administrator signed a request as the client's authorised
// signatory, with `?signering=klar|avbruten|fel&orsak=...`. On `klar` the signature is checked
// against the request as it is now and the grant activated
// (src/server/access/sign-management-request.ts); the browser then goes on to Förvaltning with the
// outcome in the address.
import { NextResponse } from "next/server";
import { completeManagementRequestSignature } from "@/server/access/sign-management-request";
import { currentActor } from "@/server/auth/session";
import { env } from "@/server/env";
import { clientAddress } from "@/server/http/client-address";

export const dynamic = "force-dynamic";

const REASON_SLUGS = { noSignature: "ingen-signatur", changed: "andrad" } as const;
/** The signing callback's failure slugs, passed on unchanged (messages eleg.outcome.failed.*). */
const SIGNING_FAILURES = /^[a-z-]{1,40}$/;

export async function GET(request: Request) {
  const url = new URL(request.url);
  const to = (path: string, query: Record<string, string> = {}) => {
    const target = new URL(path, env().APP_URL);
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    return NextResponse.redirect(target, 303);
  };
  const actor = await currentActor();
  if (actor?.kind !== "customer") return to("/logga-in");

  const signing = url.searchParams.get("signering");
  if (signing === "klar") {
    const outcome = await completeManagementRequestSignature(actor, { ip: clientAddress(request.headers) });
    return outcome.status === "active"
      ? to("/forvaltning", { utfall: "signerad" })
      : to("/forvaltning", { utfall: "misslyckat", orsak: REASON_SLUGS[outcome.reason] });
  }
  if (signing === "avbruten") return to("/forvaltning", { signering: "avbruten" });
  const reason = url.searchParams.get("orsak") ?? "";
  return to("/forvaltning", { signering: "fel", orsak: SIGNING_FAILURES.test(reason) ? reason : "leverantor" });
}
