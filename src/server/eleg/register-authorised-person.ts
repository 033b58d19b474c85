import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { membershipWhereCarrying } from "@/server/access/membership-where";
import { accessTo } from "@/server/access/scope";
import { writeAudit } from "@/server/audit/write-audit";
import { parseInput } from "@/server/boundary/field-errors";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { maskPersonalIdNumber } from "./personal-id-number";
import { authorisedPersonSchema, type AuthorisedPersonInput } from "./schemas";

export type RegisteredAuthorisedPerson = {
  userId: string;
  /** True when the person already had a portal account, which got the membership instead. */
  linkedExistingUser: boolean;
  /** True when the person's earlier, removed access to this customer was given back. */
  restoredMembership: boolean;
};

/**
 * "Mitt konto – skapa ny användare" (seed 002): an administrator of a company customer registers
 * an authorised person by personal identity number, who from then on signs in with
 * e-legitimation. Creates a user without e-mail or password, or, when somebody already has that
 * personal identity number, gives that user the membership (one person, one account). Requires
 * `manageUsers` on the customer (customer-wide: an administrator of the whole customer, not one
 * restricted to some installations), checked again inside the transaction; audited.
 */
export async function registerAuthorisedPerson(
  actor: CustomerActor,
  input: AuthorisedPersonInput,
  meta: { ip?: string | null } = {},
): Promise<RegisteredAuthorisedPerson> {
  // Access before validation: a reader learns nothing about the rules by probing.
  accessTo(actor, input.customerId, "manageUsers");
  const { customerId, name, personalIdNumber, role } = parseInput(authorisedPersonSchema, input);

  return db.$transaction(async (tx) => {
    // Managing users is customer-wide: the actor's own administrator membership of the whole customer.
    const admin = await tx.membership.findFirst({ where: { userId: actor.userId, customerId, ...membershipWhereCarrying("manageUsers") }, select: { id: true } });
    if (!admin) throw new AppError("FORBIDDEN");

    let existing = await tx.user.findUnique({
      where: { personalIdNumber },
      select: { id: true, status: true, memberships: { where: { customerId }, select: { id: true, revokedAt: true } } },
    });
    if (existing?.status === "VOIDED") {
      // A voided account is closed for good; the person gets a new one and the old keeps its history.
      await tx.user.update({ where: { id: existing.id }, data: { personalIdNumber: null } });
      existing = null;
    }

    let userId: string;
    let restoredMembership = false;
    if (existing) {
      userId = existing.id;
      const membership = existing.memberships[0];
      if (membership && !membership.revokedAt) {
        throw new AppError("CONFLICT", "errors.VALIDATION", { personalIdNumber: ["eleg.alreadyAuthorised"] });
      }
      if (membership) {
        await tx.membership.update({ where: { id: membership.id }, data: { revokedAt: null, role, allInstallations: true, managementGrantId: null } });
        await tx.membershipInstallation.deleteMany({ where: { membershipId: membership.id } });
        restoredMembership = true;
      } else {
        await tx.membership.create({ data: { userId, customerId, role } });
      }
    } else {
      const user = await tx.user.create({
        data: { name, personalIdNumber, email: null, passwordHash: null, memberships: { create: { customerId, role } } },
        select: { id: true },
      });
      userId = user.id;
    }

    await writeAudit(tx, actor, {
      action: "access.authorisedPerson.registered",
      targetType: "User",
      targetId: userId,
      customerId,
      details: { name, personalIdNumber: maskPersonalIdNumber(personalIdNumber), role, linkedExistingUser: existing !== null, restoredMembership },
      ipAddress: meta.ip ?? null,
    });
    return { userId, linkedExistingUser: existing !== null, restoredMembership };
  });
}
