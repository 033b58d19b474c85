import "server-only";
import { normalizeCheckCode } from "@/domain/access/check-code";
import { parseAnyNationalId } from "@/domain/identity";
import { membershipWhereCarrying } from "@/server/access/membership-where";
import { verifyCustomerClaim } from "@/server/access/verify-customer-claim";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { RegistrationInput } from "./schemas";

/** Thrown for every mismatch alike, so the answer never tells which part was wrong. */
const noMatch = () => new AppError("CONFLICT", "auth.noMatch");

/**
 * Self-registration (seed 000): the account is created only when the customer number, the
 * personal or organisation number and the check code printed on the invoices belong to the same
 * customer, and that customer has no administrator yet (support voids a lost account so that the
 * customer can register again). Colleagues and property managers get access by invitation instead.
 * Guesses are limited per client address and per customer number tried (`verifyCustomerClaim`).
 */
export async function registerAccount(input: RegistrationInput, ip: string | null = null): Promise<{ userId: string }> {
  // Format and check digits first: a typo gets a precise message at the field.
  const anyMarket = parseAnyNationalId(input.nationalId);
  if (!anyMarket.ok) throw new AppError("VALIDATION", undefined, { nationalId: [`validation.nationalId.${anyMarket.reason === "empty" ? "format" : anyMarket.reason}`] });
  const checkCode = normalizeCheckCode(input.checkCode ?? "");
  if (!checkCode) throw new AppError("VALIDATION", undefined, { checkCode: ["validation.checkCode"] });

  // Hash before any lookup so that the response time does not depend on what exists.
  const passwordHash = await hashPassword(input.password);
  const emailTaken = (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) !== null;
  const customer = await verifyCustomerClaim(
    { customerNumber: input.customerNumber, nationalId: input.nationalId, checkCode },
    { mode: "unadministered", refuse: emailTaken },
    { ip },
    noMatch,
  );

  return db.$transaction(async (tx) => {
    // Two registrations of the same customer at the same moment: only the first becomes its administrator.
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${customer.id}::uuid FOR UPDATE`;
    const administrators = await tx.membership.count({ where: { customerId: customer.id, ...membershipWhereCarrying("manageUsers") } });
    if (administrators > 0) throw noMatch();
    const user = await tx.user.create({
      data: {
        email: input.email,
        passwordHash,
        name: customer.name,
        memberships: { create: { customerId: customer.id, role: "ADMINISTRATOR" } },
      },
    });
    await writeAudit(tx, { kind: "customer", userId: user.id, name: user.name, email: user.email, customers: [] }, {
      action: "account.registered",
      targetType: "User",
      targetId: user.id,
      customerId: customer.id,
      ipAddress: ip,
    });
    return { userId: user.id };
  });
}
