import { beforeAll, describe, expect, it } from "vitest";
import { formatNationalId } from "@/domain/identity";
import {
  createCustomer,
  createInstallation,
  createStaffUser,
  createUser,
  DEFAULT_PASSWORD,
  uniqueCustomerNumber,
  uniqueEmail,
} from "@/fixtures/factories";
import type { CustomerActor, StaffActor } from "@/server/access/actor";
import { registerAccount } from "@/server/accounts/register-account";
import { authenticate } from "@/server/auth/authenticate";
import { loadActor } from "@/server/auth/load-actor";
import { isAppError } from "@/server/errors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { getCustomerForSupport } from "./get-customer-for-support";
import { listAuditLog } from "./list-audit-log";
import { fieldErrorsOf } from "@/server/boundary/field-errors";
import { parseAuditFilter, voidUserSchema } from "./schemas";
import { searchCustomers } from "./search-customers";
import { sendResetLink } from "./send-reset-link";
import { voidUserAccount } from "./void-user-account";
import { appFailure } from "../../../tests/support/actors";
import { localInbox } from "../../../tests/support/mail";

const db = getTestDb();
const sink = localInbox();
let staff: StaffActor;

beforeAll(async () => {
  await resetDatabase();
  const row = await createStaffUser(db, { name: "Siv Support" });
  staff = { kind: "staff", staffId: row.id, name: row.name, email: row.email, role: row.role };
});

/** A customer with an administrator who registered with the given (or a fresh) e-mail address. */
async function household(options: { email?: string; name?: string } = {}) {
  const customer = await createCustomer(db, options.name ? { name: options.name } : {});
  const installation = await createInstallation(db, { customerId: customer.id });
  const user = await createUser(db, {
    email: options.email ?? uniqueEmail("kund"),
    name: customer.name,
    memberships: [{ customerId: customer.id, role: "ADMINISTRATOR" }],
  });
  return { customer, installation, user };
}

const customerActor = (userId: string): CustomerActor => ({ kind: "customer", userId, name: "Kund", email: null, customers: [] });

describe("searching customers and users", () => {
  let a: Awaited<ReturnType<typeof household>>;
  let voided: Awaited<ReturnType<typeof household>>;

  beforeAll(async () => {
    a = await household({ name: "Ulrika Qvarnström", email: uniqueEmail("ulrika.qvarnstrom") });
    await db.user.update({ where: { id: a.user.id }, data: { lastLoginAt: new Date("2026-02-01T08:00:00Z") } });
    voided = await household({ name: "Bertil Zetterlund" });
    await db.user.update({
      where: { id: voided.user.id },
      data: { status: "VOIDED", email: null, voidedEmail: "bortglomd.zetterlund@example.se", voidedAt: new Date() },
    });
  });

  const numbers = (r: Awaited<ReturnType<typeof searchCustomers>>) => r.customers.map((c) => c.customerNumber);

  it("finds a customer by exact customer number and by its beginning", async () => {
    const exact = await searchCustomers(staff, ` ${a.customer.customerNumber} `);
    expect(numbers(exact)).toEqual([a.customer.customerNumber]);
    const prefix = await searchCustomers(staff, a.customer.customerNumber.slice(0, 5));
    expect(numbers(prefix)).toContain(a.customer.customerNumber);
  });

  it("finds a customer by part of the name, ignoring case", async () => {
    const r = await searchCustomers(staff, "qvARNström");
    expect(numbers(r)).toEqual([a.customer.customerNumber]);
  });

  it("finds a customer by a user's e-mail and lists the users with status, role and last login", async () => {
    const r = await searchCustomers(staff, "ULRIKA.QVARNSTROM");
    expect(numbers(r)).toEqual([a.customer.customerNumber]);
    expect(r.customers[0]!.users).toEqual([
      expect.objectContaining({
        id: a.user.id,
        email: a.user.email,
        status: "ACTIVE",
        role: "ADMINISTRATOR",
        lastLoginAt: new Date("2026-02-01T08:00:00Z"),
      }),
    ]);
  });

  it("finds a voided account by its former e-mail address", async () => {
    const r = await searchCustomers(staff, "bortglomd.zetterlund");
    expect(numbers(r)).toEqual([voided.customer.customerNumber]);
    expect(r.customers[0]!.users[0]).toMatchObject({ status: "VOIDED", email: null, voidedEmail: "bortglomd.zetterlund@example.se" });
  });

  it("finds a customer by metering point id, whole, with spaces or in part", async () => {
    const gsrn = a.installation.meteringPointId;
    expect(numbers(await searchCustomers(staff, gsrn))).toEqual([a.customer.customerNumber]);
    const spaced = gsrn.replace(/(\d{6})(\d{6})(\d{6})/, "$1 $2 $3");
    expect(numbers(await searchCustomers(staff, spaced))).toEqual([a.customer.customerNumber]);
    expect(numbers(await searchCustomers(staff, gsrn.slice(-10)))).toEqual([a.customer.customerNumber]);
  });

  it("asks for at least two characters and treats LIKE wildcards literally", async () => {
    expect(await searchCustomers(staff, " a ")).toMatchObject({ status: "tooShort", customers: [] });
    expect((await searchCustomers(staff, "%%")).customers).toEqual([]);
    expect((await searchCustomers(staff, "__")).customers).toEqual([]);
    // …and a name that really contains them is still found.
    const special = await createCustomer(db, { name: "Kraft_100% Ekonomisk förening" });
    expect(numbers(await searchCustomers(staff, "t_100%"))).toEqual([special.customerNumber]);
  });

  it("returns at most 50 customers per page and tells when there are more", async () => {
    for (let i = 0; i < 52; i++) await createCustomer(db, { name: `Sidbrytning Testsson ${i}` });
    const first = await searchCustomers(staff, "sidbrytning", 1);
    expect(first.customers).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    const second = await searchCustomers(staff, "sidbrytning", 2);
    expect(second.customers).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    expect(new Set([...numbers(first), ...numbers(second)]).size).toBe(52);
  });
});

describe("the customer view", () => {
  it("shows details with the national id masked, installations, users and audit entries", async () => {
    const { customer, installation, user } = await household();
    await sendResetLink(staff, { userId: user.id });
    const view = await getCustomerForSupport(staff, customer.id);
    expect(view).not.toBeNull();
    expect(view!.nationalIdMasked).toBe(`${customer.nationalId.slice(0, 8)}-****`);
    expect(JSON.stringify(view)).not.toContain(customer.nationalId);
    expect(view).not.toHaveProperty("nationalId");
    expect(view!.installations).toEqual([expect.objectContaining({ id: installation.id, meteringPointId: installation.meteringPointId })]);
    expect(view!.users).toEqual([expect.objectContaining({ id: user.id, status: "ACTIVE", role: "ADMINISTRATOR" })]);
    // The reset link is recorded against the user, not the customer, and still belongs here.
    expect(view!.audit.map((r) => r.action)).toContain("support.resetLinkSent");
  });

  it("is null for an unknown or malformed id", async () => {
    expect(await getCustomerForSupport(staff, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getCustomerForSupport(staff, "not-a-uuid")).toBeNull();
  });
});

describe("voiding a user account", () => {
  it("ends the account at once and frees the address and the customer for a new registration", async () => {
    const { customer, user } = await household();
    const other = await createCustomer(db);
    await db.membership.create({ data: { userId: user.id, customerId: other.id, role: "READ" } });
    await db.passwordResetToken.create({ data: { userId: user.id, tokenHash: `unused-${user.id}`, expiresAt: new Date(Date.now() + 3_600_000) } });
    const typedId = formatNationalId(customer.nationalId, customer.nationalIdScheme);
    const registration = { email: user.email!, password: "ett-nytt-losenord", confirmPassword: "ett-nytt-losenord", customerNumber: customer.customerNumber, nationalId: typedId, checkCode: customer.checkCode };

    // Before: the account works and blocks a second registration.
    const signIn = await authenticate("customer", { email: user.email!, password: DEFAULT_PASSWORD });
    expect(signIn.ok).toBe(true);
    expect((await appFailure(registerAccount(registration))).code).toBe("CONFLICT");

    await voidUserAccount(staff, { userId: user.id, reason: "Kunden kommer inte åt sin e-post", customerId: customer.id, ip: "10.0.0.7" });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true, resetTokens: true } });
    expect(after).toMatchObject({ status: "VOIDED", email: null, voidedEmail: user.email, voidedByStaffId: staff.staffId, sessionVersion: user.sessionVersion + 1 });
    expect(after.voidedAt).toBeInstanceOf(Date);
    expect(after.memberships).toHaveLength(2);
    expect(after.memberships.every((m) => m.revokedAt !== null)).toBe(true);
    expect(after.resetTokens.every((t) => t.usedAt !== null)).toBe(true);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "support.accountVoided", targetId: user.id } });
    expect(audit).toMatchObject({ actorType: "STAFF", actorStaffId: staff.staffId, actorUserId: null, customerId: customer.id, targetType: "User", ipAddress: "10.0.0.7" });
    expect(audit.details).toMatchObject({ reason: "Kunden kommer inte åt sin e-post", email: user.email });
    expect((audit.details as { customerNumbers: string[] }).customerNumbers.sort()).toEqual([customer.customerNumber, other.customerNumber].sort());

    // The session issued before is refused, and the old credentials no longer sign in.
    expect(await loadActor(signIn.ok ? signIn.principal : { kind: "customer", id: user.id, sessionVersion: 1 })).toBeNull();
    expect((await authenticate("customer", { email: user.email!, password: DEFAULT_PASSWORD })).ok).toBe(false);

    // The customer registers again with the same address.
    const { userId } = await registerAccount(registration);
    expect(userId).not.toBe(user.id);
    const fresh = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(fresh).toMatchObject({ email: user.email, status: "ACTIVE" });
    expect(fresh.memberships).toEqual([expect.objectContaining({ customerId: customer.id, role: "ADMINISTRATOR", revokedAt: null })]);
  });

  it("refuses an account that is already voided, with one audit entry only", async () => {
    const { user } = await household();
    await voidUserAccount(staff, { userId: user.id, reason: "Dubbelkonto" });
    expect((await appFailure(voidUserAccount(staff, { userId: user.id, reason: "Igen" }))).code).toBe("CONFLICT");
    expect(await db.auditLog.count({ where: { action: "support.accountVoided", targetId: user.id } })).toBe(1);
  });

  it("lets only one of two simultaneous voids win", async () => {
    const { user } = await household();
    const results = await Promise.allSettled([
      voidUserAccount(staff, { userId: user.id, reason: "Samtidigt ett" }),
      voidUserAccount(staff, { userId: user.id, reason: "Samtidigt två" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isAppError(rejected.reason) && rejected.reason.code).toBe("CONFLICT");
    expect(await db.auditLog.count({ where: { action: "support.accountVoided", targetId: user.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("asks in the form for a reason and the confirmation box, each with its own message", () => {
    const userId = "00000000-0000-4000-8000-000000000000";
    const unconfirmed = voidUserSchema.safeParse({ userId, reason: " x " });
    expect(unconfirmed.success).toBe(false);
    expect(fieldErrorsOf(unconfirmed.error!)).toEqual({ reason: ["support.reasonRequired"], confirm: ["support.confirmRequired"] });
    expect(voidUserSchema.safeParse({ userId, reason: "Kunden har flyttat", confirm: "on" }).success).toBe(true);
  });

  it("requires a reason and an existing user", async () => {
    const { user } = await household();
    const noReason = await appFailure(voidUserAccount(staff, { userId: user.id, reason: "  " }));
    expect(noReason).toMatchObject({ code: "VALIDATION", fieldErrors: { reason: ["support.reasonRequired"] } });
    expect((await appFailure(voidUserAccount(staff, { userId: "00000000-0000-4000-8000-000000000000", reason: "Okänd" }))).code).toBe("NOT_FOUND");
    expect((await appFailure(voidUserAccount(staff, { userId: "x", reason: "Okänd" }))).code).toBe("NOT_FOUND");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("ACTIVE");
  });
});

describe("sending a reset link", () => {
  it("mails the link to an active user and records it with the staff member as actor", async () => {
    const { user } = await household();
    const { email } = await sendResetLink(staff, { userId: user.id, ip: "10.0.0.8" });
    expect(email).toBe(user.email);

    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.to).toEqual([user.email]);
    expect(sink.messages[0]!.text).toMatch(/\/aterstall-losenord\/[A-Za-z0-9_-]{20,}/);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "support.resetLinkSent", targetId: user.id } });
    expect(audit).toMatchObject({ actorType: "STAFF", actorStaffId: staff.staffId, targetType: "User", ipAddress: "10.0.0.8" });
    const token = await db.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(token).toMatchObject({ requestedByStaffId: staff.staffId, usedAt: null });
  });

  it("refuses a voided account and sends nothing", async () => {
    const { user } = await household();
    await voidUserAccount(staff, { userId: user.id, reason: "Kunden har flyttat" });
    expect((await appFailure(sendResetLink(staff, { userId: user.id }))).code).toBe("CONFLICT");
    expect(sink.messages).toHaveLength(0);
    expect(await db.auditLog.count({ where: { action: "support.resetLinkSent", targetId: user.id } })).toBe(0);
  });
});

describe("a customer user calling the support functions", () => {
  it("is refused with FORBIDDEN and changes nothing", async () => {
    const { customer, user } = await household();
    const actor = customerActor(user.id);
    const codes = await Promise.all([
      appFailure(searchCustomers(actor, customer.customerNumber)),
      appFailure(getCustomerForSupport(actor, customer.id)),
      appFailure(voidUserAccount(actor, { userId: user.id, reason: "Försök" })),
      appFailure(sendResetLink(actor, { userId: user.id })),
      appFailure(listAuditLog(actor, { page: 1 })),
    ]);
    expect(codes.map((c) => c.code)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("ACTIVE");
    expect(sink.messages).toHaveLength(0);
  });
});

describe("the audit log", () => {
  // Entries far in the past, so that the other tests' entries (written now) stay out of the ranges.
  let target: Awaited<ReturnType<typeof household>>;
  let bystander: Awaited<ReturnType<typeof household>>;
  const day = (iso: string) => new Date(iso);

  beforeAll(async () => {
    target = await household();
    bystander = await household();
    const rows = [];
    // 120 entries for the target customer on 2001-05-01…, one per hour.
    for (let i = 0; i < 120; i++) {
      rows.push({
        at: new Date(Date.UTC(2001, 4, 1, 0, 0) + i * 3_600_000),
        actorType: "CUSTOMER_USER" as const,
        actorUserId: target.user.id,
        customerId: target.customer.id,
        action: "customer.detailsChanged",
        targetType: "Customer",
        targetId: target.customer.id,
        details: { field: "phone" },
      });
    }
    await db.auditLog.createMany({ data: rows });
    await db.auditLog.createMany({
      data: [
        // About the target's user but filed under no customer (as a reset is).
        { at: day("2001-04-15T10:00:00Z"), actorType: "STAFF", actorStaffId: staff.staffId, action: "support.resetLinkSent", targetType: "User", targetId: target.user.id },
        { at: day("2001-04-15T11:00:00Z"), actorType: "SYSTEM", action: "account.passwordReset", targetType: "User", targetId: target.user.id },
        // Another customer's entry on the same day.
        { at: day("2001-04-15T12:00:00Z"), actorType: "CUSTOMER_USER", actorUserId: bystander.user.id, customerId: bystander.customer.id, action: "account.registered", targetType: "User", targetId: bystander.user.id },
        // 2001-03-01 23:30 UTC is 2001-03-02 00:30 in Stockholm.
        { at: day("2001-03-01T23:30:00Z"), actorType: "SYSTEM", action: "legacy.import", targetType: "Batch", targetId: "b-1" },
      ],
    });
  });

  it("filters by customer number, including entries about the customer's users, newest first, 50 per page", async () => {
    const first = await listAuditLog(staff, { customerNumber: target.customer.customerNumber, to: "2001-12-31", page: 1 });
    expect(first).toMatchObject({ total: 122, pages: 3, page: 1, pageSize: 50 });
    expect(first.rows).toHaveLength(50);
    const times = first.rows.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(first.rows[0]).toMatchObject({ action: "customer.detailsChanged", actorType: "CUSTOMER_USER", actorLabel: target.user.email, customerNumber: target.customer.customerNumber });

    const last = await listAuditLog(staff, { customerNumber: target.customer.customerNumber, to: "2001-12-31", page: 3 });
    expect(last.rows).toHaveLength(22);
    expect(last.rows.slice(-2).map((r) => r.action)).toEqual(["account.passwordReset", "support.resetLinkSent"]);
    expect(last.rows.at(-1)).toMatchObject({ actorType: "STAFF", actorLabel: "Siv Support", targetLabel: target.user.email, customerNumber: null });
    expect(last.rows.at(-2)).toMatchObject({ actorType: "SYSTEM", actorLabel: null });
    expect(last.rows.some((r) => r.customerId === bystander.customer.id)).toBe(false);
  });

  it("filters by action and by whole days in Swedish time", async () => {
    const byAction = await listAuditLog(staff, { action: "account.registered", from: "2001-01-01", to: "2001-12-31", page: 1 });
    expect(byAction.rows.map((r) => r.targetId)).toEqual([bystander.user.id]);

    const sameDay = await listAuditLog(staff, { from: "2001-04-15", to: "2001-04-15", page: 1 });
    expect(sameDay.total).toBe(3);

    expect((await listAuditLog(staff, { from: "2001-03-02", to: "2001-03-02", page: 1 })).rows.map((r) => r.action)).toEqual(["legacy.import"]);
    expect((await listAuditLog(staff, { from: "2001-03-01", to: "2001-03-01", page: 1 })).total).toBe(0);
  });

  it("is empty for an unknown customer number", async () => {
    const r = await listAuditLog(staff, { customerNumber: uniqueCustomerNumber(), page: 1 });
    expect(r).toMatchObject({ total: 0, rows: [] });
  });

  it("reads its filters from the query string and rejects a reversed range", () => {
    expect(parseAuditFilter({ kund: "1234", handelse: "", fran: "2026-01-01", till: "2026-01-31", sida: "2" }).filter).toEqual({
      customerNumber: "1234",
      from: "2026-01-01",
      to: "2026-01-31",
      page: 2,
    });
    expect(parseAuditFilter({ sida: "abc" }).filter).toEqual({ page: 1 });
    const reversed = parseAuditFilter({ fran: "2026-02-01", till: "2026-01-01" });
    expect(reversed.filter).toBeNull();
    expect(reversed.fieldErrors).toEqual({ to: ["support.log.rangeInvalid"] });
    expect(parseAuditFilter({ fran: "2026-02-30" }).fieldErrors).toHaveProperty("from");
  });
});
