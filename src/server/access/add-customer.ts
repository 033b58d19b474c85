import "server-only";
import { parseAnyNationalId } from "@/domain/identity";
import type { CustomerActor } from "@/server/access/actor";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { membershipWhereCarrying } from "./membership-where";
import { parseInput } from "@/server/boundary/field-errors";
import { addCustomerSchema, type AddCustomerInput } from "./schemas";
import { verifyCustomerClaim } from "./verify-customer-claim";
import { saveMembership } from "./installation-choice";

/**
 * One answer for every refusal (numbers or check code that do not match, or a customer that
 * already has an administrator), so the form never tells which customer numbers exist or who runs
 * them. The message suggests asking the customer's administrator for an invitation.
 */
const refused = () => new AppError("CONFLICT", "access.errors.addCustomerRefused");

/**
 * A signed-in user adds another customer to their login (seed 001: "+ Lägg till ny kund") with its
 * customer number, its organisation number (or personal identity number for a household's second
 * customer number) and the check code printed on its invoices; all must belong to the same
 * customer. The user becomes the customer's administrator, which is only possible while the
 * customer has none: otherwise access comes by invitation from that administrator. Guesses are
 * limited per user, per client address and per customer number tried (`verifyCustomerClaim`).
 */
export async function addCustomer(actor: CustomerActor, input: AddCustomerInput, meta: { ip?: string | null } = {}): Promise<{ customerId: string }> {
  const { customerNumber, nationalId, checkCode } = parseInput(addCustomerSchema, input);
  // A typo in the number gets a precise message at the field; everything after that is one answer.
  const anyMarket = parseAnyNationalId(nationalId);
  if (!anyMarket.ok) throw new AppError("VALIDATION", undefined, { nationalId: [`validation.nationalId.${anyMarket.reason === "empty" ? "format" : anyMarket.reason}`] });
  // The user's own customer is no guess: say so without trying the numbers.
  if (actor.customers.some((c) => c.customerNumber === customerNumber && !c.viaManagement)) throw new AppError("CONFLICT", "access.errors.alreadyYours");

  const customer = await verifyCustomerClaim({ customerNumber, nationalId, checkCode }, { mode: "unadministered" }, { userId: actor.userId, ip: meta.ip }, refused);

  return db.$transaction(async (tx) => {
    // Serialises two users adding the same customer at the same moment.
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${customer.id}::uuid FOR UPDATE`;
    const existing = await tx.membership.findUnique({ where: { userId_customerId: { userId: actor.userId, customerId: customer.id } } });
    if (existing && !existing.revokedAt && !existing.managementGrantId) throw new AppError("CONFLICT", "access.errors.alreadyYours");
    const administrators = await tx.membership.count({ where: { customerId: customer.id, ...membershipWhereCarrying("manageUsers") } });
    if (administrators > 0) throw refused();

    const data = { role: "ADMINISTRATOR" as const, allInstallations: true, managementGrantId: null, revokedAt: null };
    await saveMembership(tx, existing, { userId: actor.userId, customerId: customer.id }, data, []);
    await writeAudit(tx, actor, {
      action: "access.customerAdded",
      targetType: "User",
      targetId: actor.userId,
      customerId: customer.id,
      details: { email: actor.email, customerNumber: customer.customerNumber, role: "ADMINISTRATOR" },
      ipAddress: meta.ip ?? null,
    });
    return { customerId: customer.id };
  });
}
