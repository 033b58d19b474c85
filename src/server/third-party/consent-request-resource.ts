import "server-only";
// The one public shape of a consent request, used by every API answer and every webhook, so the
// third party sees the same thing whichever way it learns of a change. Carries nothing about the
// customer beyond what the third party submitted itself.
import type { ConsentRequest } from "@/generated/prisma/client";
import { consentTermsSelect } from "./consent-terms-select";

export type ConsentRequestResource = {
  id: string;
  reference: string;
  state: ConsentRequest["state"];
  meteringPointId: string;
  purpose: string;
  resolution: ConsentRequest["resolution"];
  dataFrom: string;
  dataTo: string | null;
  requestedValidTo: string;
  answerBy: string | null;
  validFrom: string | null;
  validTo: string | null;
  reason: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
};

export type ConsentRequestRow = Pick<
  ConsentRequest,
  | "id"
  | "reference"
  | "state"
  | "meteringPointId"
  | "purpose"
  | "resolution"
  | "dataFrom"
  | "dataTo"
  | "requestedValidTo"
  | "answerBy"
  | "validFrom"
  | "validTo"
  | "reasonCode"
  | "reasonText"
  | "createdAt"
  | "updatedAt"
>;

/** The columns toResource needs, for `select`. */
export const resourceSelect = {
  id: true,
  reference: true,
  state: true,
  meteringPointId: true,
  ...consentTermsSelect,
  reasonCode: true,
  reasonText: true,
  createdAt: true,
  updatedAt: true,
} as const;

const day = (d: Date) => d.toISOString().slice(0, 10);
const instant = (d: Date | null) => (d ? d.toISOString() : null);

export function toResource(row: ConsentRequestRow): ConsentRequestResource {
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    meteringPointId: row.meteringPointId,
    purpose: row.purpose,
    resolution: row.resolution,
    dataFrom: day(row.dataFrom),
    dataTo: row.dataTo ? day(row.dataTo) : null,
    requestedValidTo: row.requestedValidTo.toISOString(),
    answerBy: instant(row.answerBy),
    validFrom: instant(row.validFrom),
    validTo: instant(row.validTo),
    reason: row.reasonCode ? { code: row.reasonCode, message: row.reasonText ?? "" } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
