"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { startConsentApproval } from "@/server/third-party/approve-consent-requests";
import { declineConsentRequests, MAX_REQUESTS_PER_DECISION, terminateConsentAsCustomer } from "@/server/third-party/decide-as-customer";
import { customerAction } from "./safe-action";

// Tredjepartsåtkomst (seed 002 step 5 and "Så avslutar du"). Thin: the server functions check the
// actor against the database again; a hidden id that was changed is NOT_FOUND.

const PAGE = "/tredjepartsatkomst";
/** The date field of a request in the approval form: `giltig_<request id>` (YYYY-MM-DD). */
const VALID_UNTIL_PREFIX = "giltig_";
// Ids are checked by the server functions (someone else's or a malformed one is NOT_FOUND).
const id = z.string().min(1).max(100);
/** Several request ids in one hidden field, comma-separated (FormData keeps one value per name here). */
const ids = z
  .string()
  .max((MAX_REQUESTS_PER_DECISION + 1) * 101)
  .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(id).min(1, "thirdParty.errors.selectionSize").max(MAX_REQUESTS_PER_DECISION, "thirdParty.errors.selectionSize"));

const done = (query: Record<string, string>) => {
  revalidatePath(PAGE);
  revalidatePath("/");
  redirect(`${PAGE}?${new URLSearchParams(query)}`);
};

/**
 * "Signera med e-legitimation": the chosen requests with the last day the user chose for each
 * (empty: as requested); sends the browser to the e-legitimation provider.
 */
export const startApprovalAction = customerAction(
  z.preprocess(
    (raw) => {
      const fields = (raw ?? {}) as Record<string, unknown>;
      const validUntil = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith(VALID_UNTIL_PREFIX)).map(([k, v]) => [k.slice(VALID_UNTIL_PREFIX.length), v]));
      return { ids: fields.ids, validUntil };
    },
    z.object({ ids, validUntil: z.record(z.string().max(100), z.string().max(20)) }),
  ),
  async (input, { actor }) => {
    const choices = input.ids.map((requestId) => ({ requestId, validUntil: input.validUntil[requestId]?.trim() || null }));
    redirect(await startConsentApproval(actor, choices, await getLocale()));
  },
);

/** "Neka" after the confirmation step: no signature needed. */
export const declineRequestsAction = customerAction(z.object({ ids }), async (input, { actor, ip }) => {
  const count = await declineConsentRequests(actor, input.ids, { ip });
  done({ utfall: "nekade", antal: String(count) });
});

/** "Avsluta" on an active consent: ends it at once. */
export const terminateConsentAction = customerAction(z.object({ id }), async (input, { actor, ip }) => {
  await terminateConsentAsCustomer(actor, input.id, { ip });
  done({ utfall: "avslutat", id: input.id });
});
