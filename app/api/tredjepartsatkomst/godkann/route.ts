// GET /api/tredjepartsatkomst/godkann — where the signing callback (/api/eleg/sign/callback) sends
// the browser after the user signed an approval of third-party access, with
// `?signering=klar|avbruten|fel&orsak=...`. On `klar` the signed approval is checked against the
// requests as they are now and applied (src/server/third-party/approve-consent-requests.ts); the
// browser then goes on to Tredjepartsåtkomst with the outcome in the address.
import { NextResponse } from "next/server";
import { currentActor } from "@/server/auth/session";
import { clientAddress } from "@/server/http/client-address";
import { env } from "@/server/env";
import { completeConsentApproval } from "@/server/third-party/approve-consent-requests";

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
    const ip = clientAddress(request.headers);
    const outcome = await completeConsentApproval(actor, { ip });
    return outcome.status === "approved"
      ? to("/tredjepartsatkomst", { utfall: "godkanda", antal: String(outcome.count) })
      : to("/tredjepartsatkomst", { utfall: "misslyckat", orsak: REASON_SLUGS[outcome.reason] });
  }
  if (signing === "avbruten") return to("/tredjepartsatkomst", { signering: "avbruten" });
  const reason = url.searchParams.get("orsak") ?? "";
  return to("/tredjepartsatkomst", { signering: "fel", orsak: SIGNING_FAILURES.test(reason) ? reason : "leverantor" });
}
