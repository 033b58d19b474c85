import "server-only";
import { checkCodesMatch } from "@/domain/access/check-code";
import { parseNationalId } from "@/domain/identity";
import { claimCounters, countFailure, minutesFrom, secondsLocked } from "@/server/auth/throttle";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { membershipWhereCarrying } from "./membership-where";

export type CustomerClaim = {
  customerNumber: string;
  /** As typed; read by the rules of the customer's market. */
  nationalId: string;
  /** Normalized (src/domain/access/check-code.ts), or null when none was given. */
  checkCode: string | null;
};

export type ClaimRules = {
  /**
   * "unadministered": self-registration and adding a customer to one's login, which make the
   * claimant the customer's administrator: only a customer without administrators, and always
   * with its check code. "client": a management company registering a client: the numbers, and
   * the check code when the customer has no administrator who could accept a request (a code
   * that is given must be right either way).
   */
  mode: "unadministered" | "client";
  /** Something else about the attempt is already refused (an e-mail in use): same work, same answer. */
  refuse?: boolean;
};

export type ClaimedCustomer = { id: string; customerNumber: string; name: string; administrators: number };

/**
 * The one check of a customer number against an identity number and a check code, for every form
 * that claims a customer. Throttled (src/server/auth/throttle.ts) per target customer number, per
 * signed-in user and per client address: a locked counter refuses even the right numbers with
 * "too many attempts, try again in N minutes" (RATE_LIMITED). Every mismatch — an unknown number, a
 * wrong identity number or check code, a customer that may not be claimed this way — does the same
 * work, counts one failure and throws the caller's one `refusal`, so neither the answer nor its
 * time tells which part was wrong or whether the customer exists. Failures are counted outside
 * any transaction, so a caller's rollback cannot undo them.
 */
export async function verifyCustomerClaim(
  claim: CustomerClaim,
  rules: ClaimRules,
  who: { userId?: string | null; ip?: string | null },
  refusal: () => AppError,
): Promise<ClaimedCustomer> {
  const counters = claimCounters({ customerNumber: claim.customerNumber, userId: who.userId, ip: who.ip });
  const locked = await secondsLocked(counters);
  if (locked > 0) throw new AppError("RATE_LIMITED", "auth.locked", undefined, { minutes: minutesFrom(locked) });

  const customer = await db.customer.findUnique({
    where: { customerNumber: claim.customerNumber },
    select: {
      id: true,
      customerNumber: true,
      name: true,
      market: true,
      nationalId: true,
      checkCode: true,
      // Administrators who can act for the whole customer (accept a request, invite): see `may`.
      _count: { select: { memberships: { where: membershipWhereCarrying("manageUsers") } } },
    },
  });
  // Every part is compared, whatever failed first, so the work is the same for every answer. The
  // market decides how to read the number (some Danish CPR numbers are also Swedish samordningsnummer).
  const id = parseNationalId(customer?.market ?? "SE", claim.nationalId);
  const numbersMatch = Boolean(customer && id.ok && id.value.normalized === customer.nationalId);
  const codeMatches = checkCodesMatch(claim.checkCode, customer?.checkCode ?? null);
  const administrators = customer?._count.memberships ?? 0;
  const codeNeeded = rules.mode === "unadministered" || administrators === 0 || claim.checkCode !== null;
  const claimable = rules.mode === "client" || administrators === 0;

  if (!customer || !numbersMatch || (codeNeeded && !codeMatches) || !claimable || rules.refuse) {
    await countFailure(counters);
    throw refusal();
  }
  return { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, administrators };
}
