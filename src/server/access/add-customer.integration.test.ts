import { beforeEach, describe, expect, it } from "vitest";
import { createCustomer, createUser, uniqueCustomerNumber } from "@/fixtures/factories";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { addCustomer } from "./add-customer";

const db = getTestDb();
beforeEach(async () => resetDatabase());

const dashed = (orgNumber: string) => `${orgNumber.slice(0, 6)}-${orgNumber.slice(6)}`;

describe("adding a customer to one's login", () => {
  it("adds a company with matching customer number, organisation number and check code, as its administrator", async () => {
    const first = await createCustomer(db, { kind: "COMPANY" });
    const second = await createCustomer(db, { kind: "COMPANY", nationalId: first.nationalId });
    const user = await createUser(db, { memberships: [{ customerId: first.id, role: "ADMINISTRATOR" }] });
    const result = await addCustomer(await customerActorOf(user), { customerNumber: second.customerNumber, nationalId: dashed(second.nationalId), checkCode: second.checkCode });
    expect(result).toEqual({ customerId: second.id });
    const actor = await customerActorOf(user);
    expect(actor.customers.map((c) => [c.customerId, c.role]).sort()).toEqual(
      [
        [first.id, "ADMINISTRATOR"],
        [second.id, "ADMINISTRATOR"],
      ].sort(),
    );
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.customerAdded" } });
    expect(audit).toMatchObject({ customerId: second.id, actorUserId: user.id, details: { customerNumber: second.customerNumber, role: "ADMINISTRATOR" } });
  });

  it("adds a household's second customer number with the personal identity number", async () => {
    const home = await createCustomer(db);
    const cabin = await createCustomer(db, { nationalId: home.nationalId });
    const user = await createUser(db, { memberships: [{ customerId: home.id, role: "ADMINISTRATOR" }] });
    const typed = `${cabin.nationalId.slice(2, 8)}-${cabin.nationalId.slice(8)}`;
    await addCustomer(await customerActorOf(user), { customerNumber: cabin.customerNumber, nationalId: typed, checkCode: cabin.checkCode });
    expect((await customerActorOf(user)).customers).toHaveLength(2);
  });

  it("gives one answer for wrong numbers, a wrong check code and a customer that already has an administrator", async () => {
    const user = await createUser(db);
    const actor = await customerActorOf(user);
    const free = await createCustomer(db, { kind: "COMPANY" });
    const other = await createCustomer(db, { kind: "COMPANY" });
    const taken = await createCustomer(db, { kind: "COMPANY" });
    await createUser(db, { memberships: [{ customerId: taken.id, role: "ADMINISTRATOR" }] });

    const wrongNumber = await appFailure(addCustomer(actor, { customerNumber: free.customerNumber, nationalId: other.nationalId, checkCode: free.checkCode }));
    const unknown = await appFailure(addCustomer(actor, { customerNumber: uniqueCustomerNumber(), nationalId: free.nationalId, checkCode: free.checkCode }));
    const hasAdmin = await appFailure(addCustomer(actor, { customerNumber: taken.customerNumber, nationalId: taken.nationalId, checkCode: taken.checkCode }));
    const wrongCode = await appFailure(addCustomer(actor, { customerNumber: free.customerNumber, nationalId: free.nationalId, checkCode: other.checkCode }));
    expect(wrongNumber).toEqual({ code: "CONFLICT", message: "access.errors.addCustomerRefused", fieldErrors: undefined });
    expect(unknown).toEqual(wrongNumber);
    expect(hasAdmin).toEqual(wrongNumber);
    expect(wrongCode).toEqual(wrongNumber);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("treats a customer whose only administrator was removed or voided as free", async () => {
    const customer = await createCustomer(db, { kind: "COMPANY" });
    await createUser(db, { memberships: [{ customerId: customer.id, role: "ADMINISTRATOR", revokedAt: new Date() }] });
    await createUser(db, { email: null, status: "VOIDED", memberships: [{ customerId: customer.id, role: "ADMINISTRATOR" }] });
    const user = await createUser(db);
    await addCustomer(await customerActorOf(user), { customerNumber: customer.customerNumber, nationalId: customer.nationalId, checkCode: customer.checkCode });
    expect((await customerActorOf(user)).customers[0]).toMatchObject({ customerId: customer.id, role: "ADMINISTRATOR" });
  });

  it("is told at the field when the number's check digit is wrong, and when they already have the customer", async () => {
    const customer = await createCustomer(db, { kind: "COMPANY" });
    const user = await createUser(db, { memberships: [{ customerId: customer.id, role: "READ" }] });
    const last = Number(customer.nationalId.at(-1));
    const typo = customer.nationalId.slice(0, -1) + String((last + 1) % 10);
    expect(await appFailure(addCustomer(await customerActorOf(user), { customerNumber: customer.customerNumber, nationalId: typo, checkCode: customer.checkCode }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { nationalId: ["validation.nationalId.checksum"] },
    });
    expect(await appFailure(addCustomer(await customerActorOf(user), { customerNumber: "12", nationalId: customer.nationalId, checkCode: customer.checkCode }))).toMatchObject({
      fieldErrors: { customerNumber: ["validation.customerNumber"] },
    });
    // A Read user of a customer without administrator does not become administrator by adding it again.
    expect(await appFailure(addCustomer(await customerActorOf(user), { customerNumber: customer.customerNumber, nationalId: customer.nationalId, checkCode: customer.checkCode }))).toMatchObject({
      message: "access.errors.alreadyYours",
    });
    expect((await customerActorOf(user)).customers[0]?.role).toBe("READ");
  });

  it("needs the check code from the invoice: the public numbers alone are not enough", async () => {
    const customer = await createCustomer(db, { kind: "COMPANY" });
    const user = await createUser(db);
    const actor = await customerActorOf(user);
    expect(await appFailure(addCustomer(actor, { customerNumber: customer.customerNumber, nationalId: customer.nationalId, checkCode: "" }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { checkCode: ["validation.required"] },
    });
    expect(await appFailure(addCustomer(actor, { customerNumber: customer.customerNumber, nationalId: customer.nationalId } as never))).toMatchObject({ code: "VALIDATION" });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });
});
