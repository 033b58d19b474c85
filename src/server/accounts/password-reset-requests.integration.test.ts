import { describe, expect, it } from "vitest";
import { createUser } from "@/fixtures/factories";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { RESET_LIMITS, requestPasswordReset } from "./password-reset";
import { processPasswordResetRequests } from "./process-password-reset-requests";

// "Forgotten password" as an outsider probing for accounts would use it (decision 011).
const db = getTestDb();
const sink = freshDatabaseAndInbox();

/** What a request leaves behind in the database and the inbox before the worker runs. */
async function traces() {
  return {
    requests: await db.passwordResetRequest.count(),
    tokens: await db.passwordResetToken.count(),
    audit: await db.auditLog.count(),
    mails: sink.messages.length,
  };
}

describe("asking for a reset link", () => {
  it("answers and does the same for an address with an account as for one without", async () => {
    const user = await createUser(db);
    const known = await requestPasswordReset(user.email!, { ip: "192.0.2.1" });
    const afterKnown = await traces();
    await resetDatabase();
    const unknown = await requestPasswordReset("ingen.har.denna@example.com", { ip: "192.0.2.1" });
    const afterUnknown = await traces();

    expect(known).toEqual(unknown);
    // One queued request each, and nothing that depends on the account: no token, audit or mail yet.
    expect(afterKnown).toEqual({ requests: 1, tokens: 0, audit: 0, mails: 0 });
    expect(afterUnknown).toEqual(afterKnown);
  });

  it("mails the link from the worker, in the language the request was made in, with the request's address in the log", async () => {
    const user = await createUser(db);
    await requestPasswordReset(user.email!.toUpperCase(), { locale: "en", ip: "192.0.2.9" });
    expect(await processPasswordResetRequests()).toEqual({ handled: 1, mailed: 1, retrying: 0, failed: 0 });
    expect(sink.messages.map((m) => [m.to, m.subject])).toEqual([[[user.email], "Reset your My pages password"]]);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "account.resetRequested" } })).toMatchObject({ targetId: user.id, ipAddress: "192.0.2.9" });
    // Handled once: the next round finds nothing.
    expect(await processPasswordResetRequests()).toMatchObject({ handled: 0 });
  });

  it(`allows ${RESET_LIMITS.perAddressPerHour} links per address an hour, counted alike for unknown addresses`, async () => {
    const user = await createUser(db);
    const now = new Date("2026-12-04T10:15:00Z");
    for (const email of [user.email!, "okand@example.com"]) {
      for (let i = 0; i < RESET_LIMITS.perAddressPerHour; i++) expect(await requestPasswordReset(email, { ip: `192.0.2.${i + 10}` }, now)).toEqual({ status: "queued" });
      expect(await requestPasswordReset(email, { ip: "192.0.2.99" }, now)).toEqual({ status: "limited", retryAfterMinutes: 45 });
    }
    expect(await db.passwordResetRequest.count()).toBe(2 * RESET_LIMITS.perAddressPerHour);
    // The next hour the address may ask again.
    expect(await requestPasswordReset(user.email!, { ip: "192.0.2.99" }, new Date("2026-12-04T11:00:00Z"))).toEqual({ status: "queued" });
  });

  it(`allows ${RESET_LIMITS.perClientPerHour} requests an hour from one client address, whatever the addresses`, async () => {
    const now = new Date("2026-12-04T10:59:30Z");
    for (let i = 0; i < RESET_LIMITS.perClientPerHour; i++) expect(await requestPasswordReset(`prov${i}@example.com`, { ip: "203.0.113.5" }, now)).toEqual({ status: "queued" });
    expect(await requestPasswordReset("en-till@example.com", { ip: "203.0.113.5" }, now)).toEqual({ status: "limited", retryAfterMinutes: 1 });
    // Somebody else is not affected.
    expect(await requestPasswordReset("en-till@example.com", { ip: "203.0.113.6" }, now)).toEqual({ status: "queued" });
  });

  it("keeps the request while the mail server is down and mails it once when it is back", async () => {
    const user = await createUser(db);
    await requestPasswordReset(user.email!);
    await sink.stop();
    const now = new Date();
    expect(await processPasswordResetRequests({ now })).toEqual({ handled: 0, mailed: 0, retrying: 1, failed: 0 });
    expect(await db.passwordResetRequest.findFirstOrThrow()).toMatchObject({ attempts: 1, processedAt: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });

    await sink.restart();
    // Not before the back-off has passed, then once.
    expect(await processPasswordResetRequests({ now: new Date(now.getTime() + 30_000) })).toMatchObject({ handled: 0 });
    expect(await processPasswordResetRequests({ now: new Date(now.getTime() + 61_000) })).toMatchObject({ handled: 1, mailed: 1 });
    expect(sink.messages).toHaveLength(1);
  });

  it("is handled once when two workers run at the same time", async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(db)));
    for (const u of users) await requestPasswordReset(u.email!);
    const [a, b] = await Promise.all([processPasswordResetRequests(), processPasswordResetRequests()]);
    expect(a.mailed + b.mailed).toBe(5);
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(users.map((u) => u.email).sort());
  });
});
