// Identity numbers at the forms that check them (issue 10, item 15): registration, adding a customer
// and inviting a management company read the number the way the authorities define it, and a
// number that is never issued gets a message at the field saying why, with nothing stored.
import { describe, expect, it } from "vitest";
import { luhnCheckDigit } from "@/domain/identity";
import { createCustomer, createUser, uniqueEmail } from "@/fixtures/factories";
import { registerAccount } from "@/server/accounts/register-account";
import { getTestDb } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers } from "../../../tests/support/access";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { addCustomer } from "./add-customer";
import { inviteManagementCompany } from "./invite-management-company";

const db = getTestDb();
const sink = freshDatabaseAndInbox();

const registration = (customer: { customerNumber: string; checkCode: string | null }, nationalId: string) => ({
  email: uniqueEmail("new"),
  password: "ett-bra-losenord",
  confirmPassword: "ett-bra-losenord",
  customerNumber: customer.customerNumber,
  nationalId,
  checkCode: customer.checkCode!,
});

/** A personnummer with a correct check digit: `yymmdd` + birth number, written with `separator`. */
function personnummer(yymmdd: string, birthNumber: string, separator: "-" | "+"): string {
  return `${yymmdd}${separator}${birthNumber}${luhnCheckDigit(yymmdd + birthNumber)}`;
}

describe("a customer who turns 100 this year", () => {
  // Born on 31 December a hundred years ago: the birthday is still ahead all year (except on the
  // day itself), and Folkbokföringslagen 18 § writes the number with "+" from 1 January.
  const year = new Date().getUTCFullYear() - 100;
  const yymmdd = `${String(year % 100).padStart(2, "0")}1231`;

  it("registers with the number written with \"+\"", async () => {
    const birthNumber = "123";
    const customer = await createCustomer(db, { market: "SE", nationalId: `${year}1231${birthNumber}${luhnCheckDigit(yymmdd + birthNumber)}`, nationalIdScheme: "SE_PERSONNUMMER" });
    await expect(registerAccount(registration(customer, personnummer(yymmdd, birthNumber, "+")))).resolves.toHaveProperty("userId");
  });

  it("adds the customer to a login with the number written with \"+\"", async () => {
    const birthNumber = "124";
    const customer = await createCustomer(db, { market: "SE", nationalId: `${year}1231${birthNumber}${luhnCheckDigit(yymmdd + birthNumber)}`, nationalIdScheme: "SE_PERSONNUMMER" });
    const user = await createUser(db);
    await expect(addCustomer(await customerActorOf(user), { customerNumber: customer.customerNumber, checkCode: customer.checkCode!, nationalId: personnummer(yymmdd, birthNumber, "+") })).resolves.toEqual({ customerId: customer.id });
  });
});

describe("a number that is never issued is refused at the field", () => {
  it("in registration: birth number 000", async () => {
    const customer = await createCustomer(db);
    const result = await appFailure(registerAccount(registration(customer, personnummer("811218", "000", "-"))));
    expect(result).toMatchObject({ code: "VALIDATION", fieldErrors: { nationalId: ["validation.nationalId.serial"] } });
    expect(await db.user.count()).toBe(0);
  });

  it("when adding a customer: an organisationsnummer in group 4, and a Danish birth date in the future", async () => {
    const user = await createUser(db);
    const actor = await customerActorOf(user);
    const customer = await createCustomer(db, { kind: "COMPANY" });
    expect(await appFailure(addCustomer(actor, { customerNumber: customer.customerNumber, checkCode: customer.checkCode!, nationalId: "412345-6784" }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { nationalId: ["validation.nationalId.group"] },
    });
    // 1 January 2057 by the CPR's century digit 5: not born yet.
    expect(await appFailure(addCustomer(actor, { customerNumber: customer.customerNumber, checkCode: customer.checkCode!, nationalId: "010157-5000" }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { nationalId: ["validation.nationalId.date"] },
    });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("when inviting a management company: an organisationsnummer in group 0", async () => {
    const c = await companyWithUsers(db);
    const refused = await appFailure(inviteManagementCompany(await customerActorOf(c.admin), { customerId: c.customer.id, organisationNumber: "012345-6782", companyName: "Nollgruppen Förvaltning AB", email: uniqueEmail() }));
    expect(refused).toMatchObject({ code: "VALIDATION", fieldErrors: { organisationNumber: ["validation.nationalId.group"] } });
    expect(await db.managementGrant.count()).toBe(0);
    expect(sink.messages).toHaveLength(0);
  });
});
