import "server-only";
import { may } from "@/domain/access/permissions";
import type { CustomerActor } from "@/server/access/actor";
import { APPROVE_PURPOSE } from "@/server/third-party/approve-consent-requests";
import { elegConfig } from "./config";
import { getMyAccount, type MyAccount } from "./get-my-account";
import { listAuthorisedPersons, type AuthorisedPersonsOfCustomer } from "./list-authorised-persons";
import { LINK_PURPOSE } from "./record-signature";

const FAILURES = ["utgangen", "fel-anvandare", "fel-person", "upptagen", "annan-koppling", "fel-text", "leverantor"] as const;

/** Message keys of the "eleg" namespace. */
type SignatureKind = "link" | "consentApprove" | "other";
type SigningOutcomeKey = "outcome.linked" | "outcome.signed" | "outcome.cancelled" | `outcome.failed.${(typeof FAILURES)[number]}`;

export type MyAccountView = {
  account: Omit<MyAccount, "signatures">;
  signatures: (MyAccount["signatures"][number] & { kind: SignatureKind })[];
  /** The e-legitimation provider's name, or null when e-legitimation is not set up. */
  elegProvider: string | null;
  /** Back from a signing: what happened (the address says it). */
  outcome: { ok: boolean; message: SigningOutcomeKey } | null;
  /** The customers the user may create authorised persons for, with those it has. */
  administered: { id: string; label: string }[];
  authorised: AuthorisedPersonsOfCustomer[];
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** Mitt konto: my details, my signatures, the signing just done, and "Skapa ny användare". */
export async function getMyAccountView(actor: CustomerActor, params: Record<string, string | string[] | undefined>): Promise<MyAccountView> {
  const [{ signatures, ...account }, authorised] = await Promise.all([getMyAccount(actor), listAuthorisedPersons(actor)]);
  // Back from a signing (src/server/eleg/signing.ts → /api/eleg/sign/callback).
  const signing = first(params.signering);
  const reason = FAILURES.find((r) => r === first(params.orsak)) ?? "leverantor";
  const outcome: MyAccountView["outcome"] =
    signing === "klar"
      ? { ok: true, message: signatures[0]?.purpose === LINK_PURPOSE ? "outcome.linked" : "outcome.signed" }
      : signing === "avbruten"
        ? { ok: false, message: "outcome.cancelled" }
        : signing === "fel"
          ? { ok: false, message: `outcome.failed.${reason}` }
          : null;
  return {
    account,
    signatures: signatures.map((s) => ({ ...s, kind: s.purpose === LINK_PURPOSE ? "link" : s.purpose === APPROVE_PURPOSE ? "consentApprove" : "other" })),
    elegProvider: elegConfig()?.providerName ?? null,
    outcome,
    administered: actor.customers.filter((c) => may(c, "manageUsers")).map((c) => ({ id: c.customerId, label: `${c.customerNumber} – ${c.customerName}` })),
    authorised,
  };
}
