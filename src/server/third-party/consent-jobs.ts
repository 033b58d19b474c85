import "server-only";
// The background work of third-party access, run by the worker (scripts/worker.ts) every few
// seconds and callable once from tests: requests nobody answered in time and consents past their
// validity expire (each a recorded transition, announced to the third party), the customer's
// people are told of new requests and reminded before a consent ends, webhooks are sent, and
// expired access tokens and old rate-limit windows are removed.
import { rolesWith } from "@/server/access/membership-where";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { formatMeteringPointId } from "@/domain/identity";
import { translator } from "@/i18n/translator";
import { formatDate } from "@/lib/format";
import { sendMail } from "@/server/mail/send-mail";
import { applyConsentEvent, TransitionRefused } from "./apply-consent-event";
import { lastValidDay } from "./approve-consent-requests";
import { dispatchWebhooks, type DispatchResult } from "./dispatch-webhooks";

/** A reminder goes out this many days before a consent ends. */
export const REMINDER_DAYS_BEFORE_END = 14;

/** Expires what is due at `now`; returns how many requests and consents expired. */
export async function expireConsents(now: Date = new Date()): Promise<number> {
  const due = await db.consentRequest.findMany({
    where: { OR: [{ state: "AWAITING_CUSTOMER", answerBy: { lte: now } }, { state: "ACTIVE", validTo: { lte: now } }] },
    select: { id: true, version: true },
    take: 500,
  });
  let expired = 0;
  for (const r of due) {
    try {
      await db.$transaction((tx) => applyConsentEvent(tx, r.id, { type: "expire" }, { kind: "system" }, now, { expectedVersion: r.version }));
      expired += 1;
    } catch (error) {
      // Decided or ended by someone else in the meantime: nothing left to expire.
      if (!(error instanceof TransitionRefused)) throw error;
    }
  }
  return expired;
}

type Notice = "new" | "reminder";

/** The customer's own people who may decide on the installation's requests, with an address. */
async function recipientsFor(customerId: string, installationId: string) {
  return db.user.findMany({
    where: {
      status: "ACTIVE",
      email: { not: null },
      memberships: {
        some: {
          customerId,
          revokedAt: null,
          managementGrantId: null,
          role: { in: rolesWith("decideThirdPartyRequests") },
          OR: [{ allInstallations: true }, { installations: { some: { installationId } } }],
        },
      },
    },
    select: { email: true, locale: true },
  });
}

/**
 * Mails about new requests (once per request) and reminders before a consent ends (once per
 * consent). A request is marked as told before the mail is sent, so a crash can lose a mail but
 * never send it twice; the portal shows the same information in any case.
 */
export async function sendConsentNotices(now: Date = new Date()): Promise<{ newRequests: number; reminders: number }> {
  const reminderEdge = new Date(now.getTime() + REMINDER_DAYS_BEFORE_END * 86_400_000);
  const select = {
    id: true,
    customerId: true,
    installationId: true,
    validTo: true,
    answerBy: true,
    thirdParty: { select: { name: true } },
    installation: { select: { meteringPointId: true, street: true, city: true, timeZone: true } },
  } as const;
  const [fresh, ending] = await Promise.all([
    db.consentRequest.findMany({ where: { state: "AWAITING_CUSTOMER", customerNotifiedAt: null, answerBy: { gt: now } }, select, take: 200 }),
    db.consentRequest.findMany({ where: { state: "ACTIVE", reminderSentAt: null, validTo: { gt: now, lte: reminderEdge } }, select, take: 200 }),
  ]);
  const counts = { newRequests: 0, reminders: 0 };
  for (const [kind, list] of [["new", fresh], ["reminder", ending]] as [Notice, typeof fresh][]) {
    for (const r of list) {
      const claimed = await db.consentRequest.updateMany({
        where: { id: r.id, ...(kind === "new" ? { customerNotifiedAt: null } : { reminderSentAt: null }) },
        data: kind === "new" ? { customerNotifiedAt: now } : { reminderSentAt: now },
      });
      if (claimed.count !== 1 || !r.customerId || !r.installationId || !r.installation) continue;
      for (const to of await recipientsFor(r.customerId, r.installationId)) {
        const t = await translator(to.locale, "thirdParty");
        const values = {
          company: r.thirdParty.name,
          meteringPoint: formatMeteringPointId(r.installation.meteringPointId),
          address: `${r.installation.street}, ${r.installation.city}`,
          date: formatDate(lastValidDay((kind === "new" ? r.answerBy : r.validTo)!, r.installation.timeZone), to.locale === "en" ? "en" : "sv", "long"),
          link: `${env().APP_URL}/tredjepartsatkomst`,
        };
        await sendMail({ to: to.email!, subject: t(`mail.${kind}.subject`, values), text: t(`mail.${kind}.body`, values) }).catch((error) =>
          console.error(`third-party ${kind} mail to a user failed`, error instanceof Error ? error.message : error),
        );
      }
      counts[kind === "new" ? "newRequests" : "reminders"] += 1;
    }
  }
  return counts;
}

export type JobsResult = { expired: number; newRequests: number; reminders: number; webhooks: DispatchResult; tokensRemoved: number; rateWindowsRemoved: number };

/**
 * One round of every job. Expiry goes first, so the webhooks of the expiries go out in this round;
 * then the webhooks are sent while the notices and the clean-up run, so neither waits for a slow
 * receiver. `scheduled` settles when everything but the webhooks is done: the worker starts its next
 * round then, and a webhook lane still waiting for a receiver keeps its lease (the next round's
 * lanes leave that third party alone).
 */
export function startConsentJobs(options: { now?: Date; fetchImpl?: typeof fetch } = {}): {
  scheduled: Promise<Omit<JobsResult, "webhooks">>;
  webhooks: Promise<DispatchResult>;
} {
  const now = options.now ?? new Date();
  const expired = expireConsents(now);
  // Without a given `now` the dispatcher reads the clock at every call, as a long round needs.
  const webhooks = expired.then(() => dispatchWebhooks({ now: options.now, fetchImpl: options.fetchImpl }));
  const scheduled = expired.then(async (count) => {
    const notices = await sendConsentNotices(now);
    const tokens = await db.apiAccessToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3600_000) } } });
    // Rate and failure windows last at most 15 minutes; an older row only takes room.
    const windows = await db.apiRateWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 3600_000) } } });
    return { expired: count, ...notices, tokensRemoved: tokens.count, rateWindowsRemoved: windows.count };
  });
  // Each is awaited by the caller; these keep a failure of one from being reported as unhandled
  // while the caller still waits for the other.
  webhooks.catch(() => {});
  scheduled.catch(() => {});
  return { scheduled, webhooks };
}

/** One round of every job, resolved when all of it (the webhooks too) is done. */
export async function runConsentJobs(options: { now?: Date; fetchImpl?: typeof fetch } = {}): Promise<JobsResult> {
  const { scheduled, webhooks } = startConsentJobs(options);
  const [jobs, sent] = await Promise.all([scheduled, webhooks]);
  return { ...jobs, webhooks: sent };
}
