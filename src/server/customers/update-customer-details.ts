import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { customerWhereActorMay } from "@/server/access/membership-where";
import { accessTo } from "@/server/access/scope";
import { writeAudit } from "@/server/audit/write-audit";
import { parseInput } from "@/server/boundary/field-errors";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { customerDetailsSchema, type CustomerDetails, type CustomerDetailsInput } from "./schemas";

const editableFields = [
  "email",
  "phone",
  "invoiceCareOf",
  "invoiceStreet",
  "invoicePostalCode",
  "invoiceCity",
  "invoiceCountry",
  "invoiceDelivery",
  "invoiceEmail",
] as const satisfies readonly (keyof CustomerDetails)[];

type EditableField = (typeof editableFields)[number];
type Snapshot = Partial<Record<EditableField, string | null>>;

export type UpdateCustomerDetailsResult = { changedFields: EditableField[] };

/**
 * Changes the contact details, invoice address and invoice delivery of a customer (seed 000).
 * Name, customer number and national id are not editable here: customer service changes those.
 * Requires `changeCustomerDetails` on the customer, a customer-wide permission: the customer's own
 * membership of all its installations, so a member who sees only some installations, or a manager
 * through a management company, is refused (FORBIDDEN). The change and its audit entry (before and
 * after of the changed fields only) are written in one transaction, and nothing is written when
 * the input is invalid or nothing changed.
 */
export async function updateCustomerDetails(
  actor: CustomerActor,
  customerId: string,
  input: CustomerDetailsInput,
  meta: { ip?: string | null } = {},
): Promise<UpdateCustomerDetailsResult> {
  // Access before validation: a reader learns nothing about the rules by probing.
  accessTo(actor, customerId, "changeCustomerDetails");
  const next = parseInput(customerDetailsSchema, input);

  return db.$transaction(async (tx) => {
    const current = await tx.customer.findFirst({
      where: { id: customerId, ...customerWhereActorMay(actor, "changeCustomerDetails") },
      select: Object.fromEntries(editableFields.map((f) => [f, true])) as Record<EditableField, true>,
    });
    if (!current) throw new AppError("NOT_FOUND");

    const before: Snapshot = {};
    const after: Snapshot = {};
    for (const field of editableFields) {
      if (current[field] !== next[field]) {
        before[field] = current[field];
        after[field] = next[field];
      }
    }
    const changedFields = Object.keys(after) as EditableField[];
    if (changedFields.length === 0) return { changedFields };

    await tx.customer.update({ where: { id: customerId }, data: after as Partial<CustomerDetails> });
    await writeAudit(tx, actor, {
      action: "customer.detailsChanged",
      targetType: "Customer",
      targetId: customerId,
      customerId,
      details: { changedFields, before, after },
      ipAddress: meta.ip ?? null,
    });
    return { changedFields };
  });
}
