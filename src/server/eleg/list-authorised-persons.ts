import "server-only";
import { may, type Role } from "@/domain/access/permissions";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { maskPersonalIdNumber } from "./personal-id-number";

type AuthorisedPerson = {
  userId: string;
  name: string;
  /** Masked: the full number never leaves the server. */
  personalIdNumber: string;
  role: Role;
  /** False for persons who sign in with e-legitimation only. */
  hasPassword: boolean;
  lastLoginAt: Date | null;
};

export type AuthorisedPersonsOfCustomer = { customerId: string; customerNumber: string; customerName: string; persons: AuthorisedPerson[] };

/**
 * The persons with e-legitimation (a personal identity number) and current access to each customer
 * the actor administers (`manageUsers`, whole and own), in one query. Customers the actor only reads
 * or sees in part are left out.
 */
export async function listAuthorisedPersons(actor: CustomerActor): Promise<AuthorisedPersonsOfCustomer[]> {
  const administered = actor.customers.filter((c) => may(c, "manageUsers"));
  if (administered.length === 0) return [];
  const memberships = await db.membership.findMany({
    where: {
      customerId: { in: administered.map((c) => c.customerId) },
      revokedAt: null,
      user: { status: "ACTIVE", personalIdNumber: { not: null } },
    },
    select: {
      customerId: true,
      role: true,
      user: { select: { id: true, name: true, personalIdNumber: true, passwordHash: true, lastLoginAt: true } },
    },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
  });
  return administered.map((c) => ({
    customerId: c.customerId,
    customerNumber: c.customerNumber,
    customerName: c.customerName,
    persons: memberships
      .filter((m) => m.customerId === c.customerId)
      .map((m) => ({
        userId: m.user.id,
        name: m.user.name,
        personalIdNumber: maskPersonalIdNumber(m.user.personalIdNumber!),
        role: m.role,
        hasPassword: m.user.passwordHash !== null,
        lastLoginAt: m.user.lastLoginAt,
      })),
  }));
}
