import "server-only";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import type { Principal } from "./authenticate";

/**
 * Turns a session's principal into an actor, read fresh from the database on every request: a
 * voided account, a password change or a removed membership takes effect at once.
 */
export async function loadActor(principal: Principal): Promise<Actor | null> {
  if (principal.kind === "staff") {
    const staff = await db.staffUser.findUnique({ where: { id: principal.id } });
    if (!staff || !staff.active || staff.sessionVersion !== principal.sessionVersion) return null;
    return { kind: "staff", staffId: staff.id, name: staff.name, email: staff.email, role: staff.role };
  }
  const user = await db.user.findUnique({
    where: { id: principal.id },
    include: {
      memberships: {
        where: { revokedAt: null },
        include: { customer: { select: { customerNumber: true, name: true } }, installations: { select: { installationId: true } } },
        orderBy: { customer: { customerNumber: "asc" } },
      },
    },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== principal.sessionVersion) return null;
  return {
    kind: "customer",
    userId: user.id,
    name: user.name,
    email: user.email,
    customers: user.memberships.map((m) => ({
      customerId: m.customerId,
      customerNumber: m.customer.customerNumber,
      customerName: m.customer.name,
      role: m.role,
      allInstallations: m.allInstallations,
      installationIds: m.installations.map((i) => i.installationId),
    })),
  };
}
