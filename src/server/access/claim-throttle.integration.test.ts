// Every guess of a customer's numbers is limited (issue 10, item 2): registration, adding a customer
// and a management company registering a client count failures per signed-in user, per client
// address and per customer number tried, in the sign-in throttle (src/server/auth/throttle.ts).
// With LOGIN_MAX_FAILURES = 5 (the default): 5 per user, 20 per address, 10 per customer number.
import { performance } from "node:perf_hooks";
import { beforeEach, describe, expect, it } from "vitest";
import { createCustomer, createManagementCompany, createUser, uniqueCustomerNumber, uniqueEmail } from "@/fixtures/factories";
import { registerAccount } from "@/server/accounts/register-account";
import { authenticate } from "@/server/auth/authenticate";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { addCustomer } from "./add-customer";
import { registerManagementClient } from "./register-management-client";

const db = getTestDb();
beforeEach(async () => resetDatabase());

const LOCKED = { code: "RATE_LIMITED", message: "auth.locked", values: { minutes: 15 } };
const registration = (c: { customerNumber: string; nationalId: string; checkCode: string }, email = uniqueEmail("ny")) => ({
  email,
  password: "ett-bra-losenord",
  confirmPassword: "ett-bra-losenord",
  customerNumber: c.customerNumber,
  nationalId: c.nationalId,
  checkCode: c.checkCode,
});

describe("adding a customer: per user", () => {
  it("after five wrong guesses the sixth attempt is refused even with the right numbers and code", async () => {
    const customer = await createCustomer(db, { kind: "COMPANY" });
    const other = await createCustomer(db, { kind: "COMPANY" });
    const user = await createUser(db);
    const actor = await customerActorOf(user);
    for (let i = 0; i < 5; i++) {
      // Wrong code, wrong number, unknown customer: each is one failure with the same answer.
      const guess = [
        { customerNumber: customer.customerNumber, nationalId: customer.nationalId, checkCode: other.checkCode },
        { customerNumber: customer.customerNumber, nationalId: other.nationalId, checkCode: customer.checkCode },
        { customerNumber: uniqueCustomerNumber(), nationalId: customer.nationalId, checkCode: customer.checkCode },
      ][i % 3]!;
      expect(await appFailure(addCustomer(actor, guess, { ip: "198.51.100.1" }))).toMatchObject({ code: "CONFLICT", message: "access.errors.addCustomerRefused" });
    }
    const right = { customerNumber: customer.customerNumber, nationalId: customer.nationalId, checkCode: customer.checkCode };
    expect(await appFailure(addCustomer(actor, right, { ip: "198.51.100.2" }))).toEqual(LOCKED);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);

    // Another user (at another address) is not affected: the customer number was tried four times, below its ten.
    const colleague = await createUser(db);
    await expect(addCustomer(await customerActorOf(colleague), right, { ip: "198.51.100.3" })).resolves.toEqual({ customerId: customer.id });
    // The lock does not reach the user's sign-in, which has its own counters.
    expect(await authenticate("customer", { email: user.email!, password: "MinaSidor!2026", ip: "198.51.100.1" })).toMatchObject({ ok: true });
  });

  it("answers the same, in about the same time, whether the customer number exists or not", async () => {
    const customer = await createCustomer(db, { kind: "COMPANY" });
    const other = await createCustomer(db, { kind: "COMPANY" });
    const existing = { customerNumber: customer.customerNumber, nationalId: other.nationalId, checkCode: customer.checkCode };
    const unknown = () => ({ customerNumber: uniqueCustomerNumber(), nationalId: other.nationalId, checkCode: customer.checkCode });
    const times: Record<"existing" | "unknown", number[]> = { existing: [], unknown: [] };
    const answers: Record<"existing" | "unknown", unknown[]> = { existing: [], unknown: [] };
    // Fresh users, so that no counter locks during the measurement; interleaved against drift.
    for (let i = 0; i < 8; i++) {
      for (const kind of ["existing", "unknown"] as const) {
        const actor = await customerActorOf(await createUser(db));
        const started = performance.now();
        answers[kind].push(await appFailure(addCustomer(actor, kind === "existing" ? existing : unknown(), { ip: `203.0.113.${i * 2 + (kind === "existing" ? 0 : 1)}` })));
        times[kind].push(performance.now() - started);
      }
    }
    expect(new Set([...answers.existing, ...answers.unknown].map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ code: "CONFLICT", message: "access.errors.addCustomerRefused" })]));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(times.existing) / median(times.unknown);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});

describe("registration: per client address and per customer number", () => {
  it("after twenty failures from one address the next is refused there even with the right details, not from another address", async () => {
    const customer = await createCustomer(db);
    for (let i = 0; i < 20; i++) {
      const unknown = { customerNumber: uniqueCustomerNumber(), nationalId: customer.nationalId, checkCode: customer.checkCode };
      expect(await appFailure(registerAccount(registration(unknown), "198.51.100.7"))).toMatchObject({ message: "auth.noMatch" });
    }
    expect(await appFailure(registerAccount(registration(customer), "198.51.100.7"))).toEqual(LOCKED);
    await expect(registerAccount(registration(customer), "198.51.100.8")).resolves.toHaveProperty("userId");
  });

  it("after ten failures on one customer number it is locked for every address and user, the right details too", async () => {
    const customer = await createCustomer(db);
    const other = await createCustomer(db);
    for (let i = 0; i < 10; i++) {
      expect(await appFailure(registerAccount(registration({ ...customer, checkCode: other.checkCode }), `192.0.2.${i + 1}`))).toMatchObject({ message: "auth.noMatch" });
    }
    expect(await appFailure(registerAccount(registration(customer), "192.0.2.200"))).toEqual(LOCKED);
    const user = await createUser(db);
    expect(await appFailure(addCustomer(await customerActorOf(user), customer, { ip: "192.0.2.201" }))).toEqual(LOCKED);
    expect(await db.user.count({ where: { memberships: { some: { customerId: customer.id } } } })).toBe(0);
    // Other customer numbers are not affected.
    await expect(registerAccount(registration(other), "192.0.2.200")).resolves.toHaveProperty("userId");
  });
});

describe("a management company registering a client: per user, shared with the other forms", () => {
  it("counts wrong guesses of its administrator and then refuses the right numbers too", async () => {
    const client = await createCustomer(db, { kind: "COMPANY" });
    await createUser(db, { memberships: [{ customerId: client.id, role: "ADMINISTRATOR" }] });
    const other = await createCustomer(db, { kind: "COMPANY" });
    const admin = await createUser(db);
    const company = await createManagementCompany(db, { members: [{ userId: admin.id, role: "ADMINISTRATOR" }] });
    const actor = await customerActorOf(admin);
    const right = { managementCompanyId: company.id, customerNumber: client.customerNumber, nationalId: client.nationalId };
    // Three guesses here and two at "add customer": the same user's five.
    for (let i = 0; i < 3; i++) {
      expect(await appFailure(registerManagementClient(actor, { ...right, customerNumber: uniqueCustomerNumber() }, { ip: "198.51.100.20" }))).toMatchObject({ message: "access.errors.clientNoMatch" });
    }
    for (let i = 0; i < 2; i++) {
      expect(await appFailure(addCustomer(actor, { customerNumber: uniqueCustomerNumber(), nationalId: other.nationalId, checkCode: other.checkCode }, { ip: "198.51.100.20" }))).toMatchObject({
        message: "access.errors.addCustomerRefused",
      });
    }
    expect(await appFailure(registerManagementClient(actor, right, { ip: "198.51.100.21" }))).toEqual(LOCKED);
    expect(await db.managementGrant.count()).toBe(0);
  });
});
