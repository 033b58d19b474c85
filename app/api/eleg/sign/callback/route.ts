// GET /api/eleg/sign/callback — the e-legitimation broker sends the browser back here after a
// signing. Thin: src/server/eleg/signing.ts checks the answer and stores the signature; this only
// sends the browser on to where the signing started, with the outcome in the address.
import { NextResponse } from "next/server";
import { safeReturnPath } from "@/domain/http/safe-return-path";
import { env } from "@/server/env";
import { completeSigning } from "@/server/eleg/signing";

export const dynamic = "force-dynamic";

const SIGNING_FALLBACK_PATH = "/mitt-konto";

const REASON_SLUGS = {
  expired: "utgangen",
  wrongUser: "fel-anvandare",
  wrongPerson: "fel-person",
  personTaken: "upptagen",
  linkedToOther: "annan-koppling",
  textMismatch: "fel-text",
  provider: "leverantor",
} as const;

export async function GET(request: Request) {
  const { returnTo, outcome } = await completeSigning(new URL(request.url));
  // The return address was checked when the signing started and travels sealed; checked again
  // because `new URL("//host", APP_URL)` would leave the portal.
  const target = new URL(safeReturnPath(returnTo, SIGNING_FALLBACK_PATH), env().APP_URL);
  if (outcome.status === "signed") target.searchParams.set("signering", "klar");
  else if (outcome.status === "cancelled") target.searchParams.set("signering", "avbruten");
  else {
    target.searchParams.set("signering", "fel");
    target.searchParams.set("orsak", REASON_SLUGS[outcome.reason]);
  }
  return NextResponse.redirect(target, 303);
}
