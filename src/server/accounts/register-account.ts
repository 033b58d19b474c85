import "server-only";
import { parseAnyNationalId, parseNationalId } from "@/domain/identity";
import { writeAudit } from "@/server/audit/write-audit";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { RegistrationInput } from "./schemas";

/** Thrown for every mismatch alike, so the answer never tells which part was wrong. */
const noMatch = () => new AppError("CONFLICT", "auth.noMatch");

/**
 * Self-registration (seed 000): the account is created only when the customer number and the
 * personal or organisation number belong to the same customer, and that customer has no active
 * self-registered account yet (support voids a lost one so that the customer can register again).
 * Colleagues and property managers get access by invitation instead.
 */
export async function registerAccount(input: RegistrationInput, ip: string | null = null): Promise<{ userId: string }> {
  // Format and check digits first: a typo gets a precise message at the field.
  const anyMarket = parseAnyNationalId(input.nationalId);
  if (!anyMarket.ok) throw new AppError("VALIDATION", undefined, { nationalId: [`validation.nationalId.${anyMarket.reason === "empty" ? "format" : anyMarket.reason}`] });

  // Hash before any lookup so that the response time does not depend on what exists.
  const passwordHash = await hashPassword(input.password);

  const customer = await db.customer.findUnique({
    where: { customerNumber: input.customerNumber },
    omit: { nationalId: false },
    include: { memberships: { where: { revokedAt: null, role: "ADMINISTRATOR", user: { status: "ACTIVE" } }, select: { id: true } } },
  });
  // The customer's market decides how to read the number (a CPR can look like a samordningsnummer).
  const id = customer ? parseNationalId(customer.market, input.nationalId) : null;
  if (!customer || !id?.ok || id.value.normalized !== customer.nationalId) throw noMatch();
  if (customer.memberships.length > 0) throw noMatch();

  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw noMatch();

  return db.$transaction(async (tx) => {
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
