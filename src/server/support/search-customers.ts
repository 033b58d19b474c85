import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { SupportCustomerUser } from "./get-customer-for-support";
import { SEARCH_MIN_LENGTH, SEARCH_PAGE_SIZE } from "./schemas";

/** A user with access to a found customer: what the customer view shows of them, in short. */
type SupportSearchUser = Pick<SupportCustomerUser, "id" | "name" | "email" | "voidedEmail" | "status" | "role" | "lastLoginAt"> & {
  revoked: boolean;
};

export type SupportSearchCustomer = {
  id: string;
  customerNumber: string;
  name: string;
  kind: "PRIVATE" | "COMPANY";
  market: "SE" | "DK" | "FI";
  city: string;
  installationCount: number;
  users: SupportSearchUser[];
};

export type SupportSearchResult =
  | { status: "tooShort"; customers: []; page: number; hasMore: false }
  | { status: "ok"; customers: SupportSearchCustomer[]; page: number; hasMore: boolean };

/** Escapes LIKE wildcards so that "%" or "_" in a query matches itself, not everything (Prisma passes them through). */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One search box for support: customer number (exact or prefix), customer name (contains), a user's
 * e-mail or a voided account's former e-mail (contains), or a metering point id (contains). Case is
 * ignored. One query with its includes; at most SEARCH_PAGE_SIZE customers per page.
 */
export async function searchCustomers(staff: Actor, q: string, page = 1): Promise<SupportSearchResult> {
  if (staff?.kind !== "staff") throw new AppError("FORBIDDEN");
  const query = q.trim().slice(0, 100);
  const pageNo = Number.isInteger(page) && page > 0 ? page : 1;
  if (query.length < SEARCH_MIN_LENGTH) return { status: "tooShort", customers: [], page: pageNo, hasMore: false };

  // Numbers are often typed or pasted with spaces ("735 999 …"); digits alone are compared for
  // customer numbers and metering points.
  const compact = query.replace(/[\s-]/g, "");
  const numeric = /^\d+$/.test(compact);
  const text = literal(query);
  const emailText = literal(query.toLowerCase());

  const or: Prisma.CustomerWhereInput[] = [
    { name: { contains: text, mode: "insensitive" } },
    {
      memberships: {
        some: {
          user: {
            OR: [
              { email: { contains: emailText, mode: "insensitive" } },
              { voidedEmail: { contains: emailText, mode: "insensitive" } },
            ],
          },
        },
      },
    },
  ];
  // Customer numbers and metering point ids are digits only. A few digits mean a customer number;
  // a part of a metering point id is only looked for from six digits on (fewer match almost every one).
  if (numeric) {
    or.push({ customerNumber: { startsWith: compact } });
    if (compact.length >= 6) or.push({ installations: { some: { meteringPointId: { contains: compact } } } });
  }

  const rows = await db.customer.findMany({
    where: { OR: or },
    orderBy: [{ customerNumber: "asc" }],
    skip: (pageNo - 1) * SEARCH_PAGE_SIZE,
    // One more than a page tells whether there is a next page without a count query.
    take: SEARCH_PAGE_SIZE + 1,
    select: {
      id: true,
      customerNumber: true,
      name: true,
      kind: true,
      market: true,
      city: true,
      _count: { select: { installations: true } },
      memberships: {
        orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
        select: {
          role: true,
          revokedAt: true,
          user: { select: { id: true, name: true, email: true, voidedEmail: true, status: true, lastLoginAt: true } },
        },
      },
    },
  });

  const customers = rows.slice(0, SEARCH_PAGE_SIZE).map((c) => ({
    id: c.id,
    customerNumber: c.customerNumber,
    name: c.name,
    kind: c.kind,
    market: c.market,
    city: c.city,
    installationCount: c._count.installations,
    users: c.memberships.map((m) => ({ ...m.user, role: m.role, revoked: m.revokedAt !== null })),
  }));
  return { status: "ok", customers, page: pageNo, hasMore: rows.length > SEARCH_PAGE_SIZE };
}
