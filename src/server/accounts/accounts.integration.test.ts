import { describe, expect, it } from "vitest";
import { createCustomer, createUser, DEFAULT_PASSWORD, uniqueEmail } from "@/fixtures/factories";
import { authenticate } from "@/server/auth/authenticate";
import { loadActor } from "@/server/auth/load-actor";
import { getTestDb } from "../../../tests/support/db";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { registerAccount } from "./register-account";
import { isResetTokenUsable, requestPasswordReset, resetPassword } from "./password-reset";
import { processPasswordResetRequests } from "./process-password-reset-requests";
import { appFailure } from "../../../tests/support/actors";

const db = getTestDb();
const sink = freshDatabaseAndInbox();

const registration = (customerNumber: string, nationalId: string, checkCode: string, email = uniqueEmail("new")) => ({
  email,
  password: "ett-bra-losenord",
  confirmPassword: "ett-bra-losenord",
  customerNumber,
  nationalId,
  checkCode,
});

describe("a household registers on Mina sidor", () => {
  it("gets an account with administrator rights when customer number, personal number and the invoice's check code match", async () => {
    const customer = await createCustomer(db);
    const { userId } = await registerAccount(registration(customer.customerNumber, customer.nationalId, customer.checkCode));
    const membership = await db.membership.findFirstOrThrow({ where: { userId } });
    expect(membership).toMatchObject({ customerId: customer.id, role: "ADMINISTRATOR", revokedAt: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "account.registered" } });
    expect(audit).toMatchObject({ targetId: userId, customerId: customer.id, actorUserId: userId });
  });

  it("may type the personal number with a dash and a two-digit year, and the check code in small letters with a dash", async () => {
    const customer = await createCustomer(db);
    const typed = `${customer.nationalId.slice(2, 8)}-${customer.nationalId.slice(8)}`;
    const code = `${customer.checkCode.slice(0, 4)}-${customer.checkCode.slice(4)}`.toLowerCase();
    await expect(registerAccount(registration(customer.customerNumber, typed, code))).resolves.toHaveProperty("userId");
  });

  it("gets the same answer, and no account, whichever part is wrong", async () => {
    const customer = await createCustomer(db);
    const other = await createCustomer(db);
    const wrongId = await appFailure(registerAccount(registration(customer.customerNumber, other.nationalId, customer.checkCode)));
    const unknownNumber = await appFailure(registerAccount(registration("99999999", customer.nationalId, customer.checkCode)));
    const wrongCode = await appFailure(registerAccount(registration(customer.customerNumber, customer.nationalId, other.checkCode)));
    expect(wrongId).toEqual({ code: "CONFLICT", message: "auth.noMatch", fieldErrors: undefined });
    expect(unknownNumber).toEqual(wrongId);
    expect(wrongCode).toEqual(wrongId);
    expect(await db.user.count()).toBe(0);
  });

  it("cannot take over a customer that already has an account, nor reuse a registered e-mail", async () => {
    const customer = await createCustomer(db);
    const first = registration(customer.customerNumber, customer.nationalId, customer.checkCode);
    await registerAccount(first);
    const again = await appFailure(registerAccount(registration(customer.customerNumber, customer.nationalId, customer.checkCode)));
    expect(again.message).toBe("auth.noMatch");
    const other = await createCustomer(db);
    const sameEmail = await appFailure(registerAccount(registration(other.customerNumber, other.nationalId, other.checkCode, first.email)));
    expect(sameEmail.message).toBe("auth.noMatch");
    expect(await db.user.count()).toBe(1);
  });

  it("is told at the field when the check digit of the number is wrong", async () => {
    const customer = await createCustomer(db);
    const last = Number(customer.nationalId.at(-1));
    const typo = customer.nationalId.slice(0, -1) + String((last + 1) % 10);
    const result = await appFailure(registerAccount(registration(customer.customerNumber, typo, customer.checkCode)));
    expect(result).toMatchObject({ code: "VALIDATION", fieldErrors: { nationalId: ["validation.nationalId.checksum"] } });
    // A code that cannot be one (wrong length, a 0 or an O) is told at the field too: it reveals nothing.
    expect(await appFailure(registerAccount(registration(customer.customerNumber, customer.nationalId, "ABC0-EFGH")))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { checkCode: ["validation.checkCode"] },
    });
  });

  it("registers a Danish customer by CPR even when the number also reads as a Swedish one", async () => {
    // 010180-1231 is a valid CPR and also a valid Swedish samordningsnummer.
    const customer = await createCustomer(db, { market: "DK", nationalId: "0101801231", nationalIdScheme: "DK_CPR" });
    await expect(registerAccount(registration(customer.customerNumber, "010180-1231", customer.checkCode))).resolves.toHaveProperty("userId");
  });
});

describe("signing in", () => {
  it("accepts the right password and refuses a wrong one or an unknown address with the same answer", async () => {
    const user = await createUser(db);
    expect(await authenticate("customer", { email: user.email!, password: DEFAULT_PASSWORD })).toMatchObject({ ok: true });
    const wrong = await authenticate("customer", { email: user.email!, password: "fel-losenord" });
    const unknown = await authenticate("customer", { email: "ingen@example.com", password: "fel-losenord" });
    expect(wrong).toEqual({ ok: false, reason: "INVALID" });
    expect(unknown).toEqual(wrong);
  });

  it("locks the address for a while after five failures, even for the right password", async () => {
    const user = await createUser(db);
    for (let i = 0; i < 4; i++) expect(await authenticate("customer", { email: user.email!, password: "nej" })).toMatchObject({ reason: "INVALID" });
    expect(await authenticate("customer", { email: user.email!, password: "nej" })).toMatchObject({ reason: "LOCKED" });
    const locked = await authenticate("customer", { email: user.email!, password: DEFAULT_PASSWORD });
    expect(locked).toMatchObject({ ok: false, reason: "LOCKED" });
    expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("locks unknown addresses the same way, so locking reveals nothing", async () => {
    for (let i = 0; i < 5; i++) await authenticate("customer", { email: "okand@example.com", password: "nej" });
    expect(await authenticate("customer", { email: "okand@example.com", password: "nej" })).toMatchObject({ reason: "LOCKED" });
  });

  it("does not let a customer sign in to the staff console with the same credentials", async () => {
    const user = await createUser(db);
    expect(await authenticate("staff", { email: user.email!, password: DEFAULT_PASSWORD })).toEqual({ ok: false, reason: "INVALID" });
  });
});

describe("forgotten password", () => {
  const linkIn = (text: string) => text.match(/\/aterstall-losenord\/([A-Za-z0-9_-]+)/)?.[1];

  it("mails a link that works once and ends earlier sessions", async () => {
    const user = await createUser(db);
    expect(await requestPasswordReset(user.email!, { locale: "sv" })).toEqual({ status: "queued" });
    // The link goes out from the background worker, not from the request.
    expect(sink.messages).toHaveLength(0);
    expect(await processPasswordResetRequests()).toMatchObject({ handled: 1, mailed: 1 });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.subject).toBe("Återställ ditt lösenord till Mina sidor");
    const token = linkIn(mail.text)!;
    expect(await isResetTokenUsable(token)).toBe(true);

    await resetPassword(token, "mitt-nya-losenord");
    expect(await authenticate("customer", { email: user.email!, password: "mitt-nya-losenord" })).toMatchObject({ ok: true });
    expect(await authenticate("customer", { email: user.email!, password: DEFAULT_PASSWORD })).toMatchObject({ ok: false });
    // The session issued before the reset is no longer accepted.
    expect(await loadActor({ kind: "customer", id: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    // The link cannot be used a second time.
    expect(await isResetTokenUsable(token)).toBe(false);
    expect((await appFailure(resetPassword(token, "ett-tredje-losenord"))).code).toBe("NOT_FOUND");
  });

  it("sends nothing for an unknown address, and answers the same", async () => {
    expect(await requestPasswordReset("finns-inte@example.com")).toEqual({ status: "queued" });
    expect(await processPasswordResetRequests()).toMatchObject({ handled: 1, mailed: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it("refuses an expired link", async () => {
    const user = await createUser(db);
    await requestPasswordReset(user.email!, { locale: "en" });
    await processPasswordResetRequests();
    expect(sink.messages[0]!.subject).toBe("Reset your My pages password");
    const token = linkIn(sink.messages[0]!.text)!;
    await db.passwordResetToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await isResetTokenUsable(token)).toBe(false);
    expect((await appFailure(resetPassword(token, "mitt-nya-losenord"))).code).toBe("NOT_FOUND");
  });
});
