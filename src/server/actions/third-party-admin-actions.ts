"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  createApiClient,
  createThirdParty,
  resendWebhook,
  revokeApiClient,
  rotateApiClientSecret,
  rotateWebhookSecret,
  updateThirdParty,
} from "@/server/third-party/manage-third-parties";
import { reviewConsentRequest } from "@/server/third-party/review-consent-request";
import { staffAction } from "./safe-action";

// The support console's side of third-party access (issue 6). Thin: the forms are taken apart
// loosely here; the server functions in src/server/third-party validate, check the staff role
// (register changes need ADMIN) and audit, and staffAction turns their errors into the form's
// messages. A secret made by an action (webhook secret, client secret) goes back to the form once,
// in the returned state's `messageValues`: never in a URL, never stored beyond what the server
// function keeps.

const text = z.string().max(2000).optional();
const id = z.string().uuid();

function refresh() {
  // The register, every company page, the review queue and the nav badge (console layout).
  revalidatePath("/support", "layout");
}

const thirdPartyForm = z.object({ organisationNumber: text, name: text, contactEmail: text, contactPhone: text, webhookUrl: text });

export const createThirdPartyAction = staffAction(thirdPartyForm, async (form, { actor }) => {
  const { id: thirdPartyId, webhookSecret } = await createThirdParty(actor, {
    organisationNumber: form.organisationNumber ?? "",
    name: form.name ?? "",
    contactEmail: form.contactEmail ?? "",
    contactPhone: form.contactPhone,
    webhookUrl: form.webhookUrl,
  });
  refresh();
  return { status: "ok", message: "thirdPartyAdmin.register.created", messageValues: { name: form.name!.trim(), thirdPartyId, webhookSecret } };
});

export const updateThirdPartyAction = staffAction(thirdPartyForm.omit({ organisationNumber: true }).extend({ thirdPartyId: id, status: text }), async (form, { actor }) => {
  await updateThirdParty(actor, {
    thirdPartyId: form.thirdPartyId,
    name: form.name ?? "",
    contactEmail: form.contactEmail ?? "",
    contactPhone: form.contactPhone,
    webhookUrl: form.webhookUrl,
    status: form.status as "ACTIVE" | "SUSPENDED",
  });
  refresh();
  return { status: "ok", message: "thirdPartyAdmin.edit.saved" };
});

export const rotateWebhookSecretAction = staffAction(z.object({ thirdPartyId: id }), async ({ thirdPartyId }, { actor }) => {
  const { webhookSecret } = await rotateWebhookSecret(actor, thirdPartyId);
  refresh();
  return { status: "ok", message: "thirdPartyAdmin.webhookSecret.rotated", messageValues: { webhookSecret } };
});

export const createApiClientAction = staffAction(z.object({ thirdPartyId: id, name: text }), async (form, { actor }) => {
  const { clientId, clientSecret } = await createApiClient(actor, { thirdPartyId: form.thirdPartyId, name: form.name ?? "" });
  refresh();
  return { status: "ok", message: "thirdPartyAdmin.clients.createdMessage", messageValues: { name: form.name!.trim(), clientId, clientSecret } };
});

export const rotateApiClientSecretAction = staffAction(z.object({ apiClientId: id, graceHours: text }), async (form, { actor }) => {
  const { clientSecret, previousValidUntil } = await rotateApiClientSecret(actor, { apiClientId: form.apiClientId, graceHours: form.graceHours ?? "" });
  refresh();
  return { status: "ok", message: "thirdPartyAdmin.rotate.rotated", messageValues: { clientSecret, previousValidUntil: previousValidUntil.toISOString(), previousStillValid: previousValidUntil.getTime() > Date.now() ? "yes" : "no" } };
});

/** The revoked client's forms leave the page, so the company page itself confirms it. */
export const revokeApiClientAction = staffAction(z.object({ apiClientId: id, thirdPartyId: id, confirm: text }), async (form, { actor }) => {
  // Checked before the role, like a form field: the box is what makes the click deliberate.
  if (form.confirm !== "on") return { status: "error", message: "errors.VALIDATION", fieldErrors: { confirm: ["thirdPartyAdmin.errors.confirmRequired"] } };
  await revokeApiClient(actor, form.apiClientId);
  refresh();
  // thirdPartyId only names the page to return to; the server function decided what was allowed.
  redirect(`/support/tredjeparter/${form.thirdPartyId}?aterkallad=1`);
});

export const resendWebhookAction = staffAction(z.object({ deliveryId: id }), async ({ deliveryId }, { actor }) => {
  await resendWebhook(actor, deliveryId);
  refresh();
  return { status: "ok", message: "thirdPartyAdmin.webhooks.resent" };
});

/** "Skicka till kunden" or "Avvisa": the request leaves the queue, so the queue page confirms it. */
export const reviewConsentRequestAction = staffAction(z.object({ requestId: id, decision: z.enum(["validate", "reject"]), reason: text }), async (form, { actor }) => {
  // reviewConsentRequest validates (a rejection needs a reason) and refuses a second decision.
  await reviewConsentRequest(actor, form as Parameters<typeof reviewConsentRequest>[1]);
  refresh();
  redirect(`/support/tredjeparter/granskning?beslut=${form.decision === "validate" ? "skickad" : "avvisad"}`);
});
