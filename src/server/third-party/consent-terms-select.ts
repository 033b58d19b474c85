import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * The terms of a consent request, for `select`: what data, for what purpose, the period asked for,
 * the answer deadline and the validity once approved. Both the third-party API resource and the
 * customer's list show all of them.
 */
export const consentTermsSelect = {
  purpose: true,
  resolution: true,
  dataFrom: true,
  dataTo: true,
  requestedValidTo: true,
  answerBy: true,
  validFrom: true,
  validTo: true,
} as const satisfies Prisma.ConsentRequestSelect;
