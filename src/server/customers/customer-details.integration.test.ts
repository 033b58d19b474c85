import { beforeEach, describe, expect, it } from "vitest";
import { createCustomer, createUser } from "@/fixtures/factories";
import type { MembershipRole } from "@/generated/prisma/enums";
import type { CustomerActor } from "@/server/access/actor";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { getCustomerDetails } from "./get-customer-details";
import type { CustomerDetailsInput } from "./schemas";
import { updateCustomerDetails } from "./update-customer-details";
import { appFailure, customerActorOf } from "../../../tests/support/actors";

const db = getTestDb();

beforeEach(async () => {
  await resetDatabase();
});

/** A Swedish private customer and one member with the given role. */
async function customerWithMember(role: MembershipRole = "ADMINISTRATOR") {
  const customer = await createCustomer(db, {
    name: "Anna Andersson",
    email: "anna@example.se",
    phone: "070-111 22 33",
    invoiceStreet: "Storgatan 12",
    invoicePostalCode: "931 30",
    invoiceCity: "Sjöbotten",
    invoiceCountry: "SE",
    invoiceDelivery: "EINVOICE",
    invoiceEmail: null,
  });
  const user = await createUser(db, { memberships: [{ customerId: customer.id, role }] });
  return { customer, user, actor: await customerActorOf(user) };
}

const validInput = (overrides: Partial<CustomerDetailsInput> = {}): CustomerDetailsInput => ({
  email: "anna@example.se",
  phone: "070-111 22 33",
  invoiceCareOf: "",
  invoiceStreet: "Storgatan 12",
  invoicePostalCode: "931 30",
  invoiceCity: "Sjöbotten",
  invoiceCountry: "SE",
  invoiceDelivery: "EINVOICE",
  invoiceEmail: "",
  ...overrides,
});

const stored = (id: string) => db.customer.findUniqueOrThrow({ where: { id } });
const auditRows = () => db.auditLog.findMany({ where: { action: "customer.detailsChanged" } });

describe("getCustomerDetails", () => {
  it("returns the details with the personal number masked and tells whether the user may edit", async () => {
    const { customer, actor } = await customerWithMember("ADMINISTRATOR");
    const details = await getCustomerDetails(actor, customer.id);
    expect(details).toMatchObject({
      id: customer.id,
      customerNumber: customer.customerNumber,
      name: "Anna Andersson",
      kind: "PRIVATE",
      market: "SE",
      nationalIdScheme: "SE_PERSONNUMMER",
      nationalIdDisplay: `${customer.nationalId.slice(0, 8)}-****`,
      email: "anna@example.se",
      invoiceDelivery: "EINVOICE",
      canEdit: true,
    });
    // The raw number never leaves the server function.
    expect(JSON.stringify(details)).not.toContain(customer.nationalId);
  });

  it("shows a company's organisation number in full", async () => {
    const company = await createCustomer(db, { kind: "COMPANY" });
    const user = await createUser(db, { memberships: [{ customerId: company.id, role: "READ" }] });
    const details = await getCustomerDetails(await customerActorOf(user), company.id);
    expect(details.nationalIdDisplay).toBe(`${company.nationalId.slice(0, 6)}-${company.nationalId.slice(6)}`);
    expect(details.canEdit).toBe(false);
  });

  it("does not let customer A read customer B (NOT_FOUND)", async () => {
    const a = await customerWithMember();
    const b = await customerWithMember();
    expect(await appFailure(getCustomerDetails(a.actor, b.customer.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(getCustomerDetails(a.actor, "not-a-uuid"))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a member whose membership was revoked after the actor was loaded", async () => {
    const { customer, user, actor } = await customerWithMember("FULL");
    await db.membership.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    expect(await appFailure(getCustomerDetails(actor, customer.id))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("updateCustomerDetails", () => {
  it("saves contact, invoice address and delivery and audits only the changed fields", async () => {
    const { customer, user, actor } = await customerWithMember("FULL");
    const result = await updateCustomerDetails(
      actor,
      customer.id,
      validInput({
        phone: "+46 70 999 88 77",
        invoiceCareOf: "Förvaltning AB",
        invoicePostalCode: "11122",
        invoiceCity: "Stockholm",
        invoiceDelivery: "EMAIL",
        invoiceEmail: "Faktura@Example.se",
      }),
      { ip: "192.0.2.1" },
    );
    expect([...result.changedFields].sort()).toEqual(["invoiceCareOf", "invoiceCity", "invoiceDelivery", "invoiceEmail", "invoicePostalCode", "phone"]);

    const after = await stored(customer.id);
    expect(after).toMatchObject({
      email: "anna@example.se",
      phone: "+46 70 999 88 77",
      invoiceCareOf: "Förvaltning AB",
      invoiceStreet: "Storgatan 12",
      invoicePostalCode: "111 22",
      invoiceCity: "Stockholm",
      invoiceDelivery: "EMAIL",
      invoiceEmail: "faktura@example.se",
      // Not editable here.
      name: "Anna Andersson",
      customerNumber: customer.customerNumber,
    });

    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: "CUSTOMER_USER",
      actorUserId: user.id,
      customerId: customer.id,
      targetType: "Customer",
      targetId: customer.id,
      ipAddress: "192.0.2.1",
    });
    expect(audit[0]!.details).toEqual({
      changedFields: result.changedFields,
      before: {
        phone: "070-111 22 33",
        invoiceCareOf: null,
        invoicePostalCode: "931 30",
        invoiceCity: "Sjöbotten",
        invoiceDelivery: "EINVOICE",
        invoiceEmail: null,
      },
      after: {
        phone: "+46 70 999 88 77",
        invoiceCareOf: "Förvaltning AB",
        invoicePostalCode: "111 22",
        invoiceCity: "Stockholm",
        invoiceDelivery: "EMAIL",
        invoiceEmail: "faktura@example.se",
      },
    });
  });

  it("writes nothing when nothing changed", async () => {
    const { customer, actor } = await customerWithMember();
    const before = await stored(customer.id);
    expect(await updateCustomerDetails(actor, customer.id, validInput())).toEqual({ changedFields: [] });
    expect(await auditRows()).toHaveLength(0);
    expect((await stored(customer.id)).updatedAt).toEqual(before.updatedAt);
  });

  it("changes nothing when validation fails", async () => {
    const { customer, actor } = await customerWithMember();
    const before = await stored(customer.id);
    const err = await appFailure(
      updateCustomerDetails(actor, customer.id, validInput({ invoiceStreet: "Nygatan 1", invoicePostalCode: "1234", phone: "12", email: "nope" })),
    );
    expect(err).toEqual({
      code: "VALIDATION",
      message: "VALIDATION",
      fieldErrors: { invoicePostalCode: ["validation.postalCode"], phone: ["validation.phone"], email: ["validation.email"] },
    });
    expect(await stored(customer.id)).toEqual(before);
    expect(await auditRows()).toHaveLength(0);
  });

  it("checks the postal code against the invoice country", async () => {
    const { customer, actor } = await customerWithMember();
    expect(await appFailure(updateCustomerDetails(actor, customer.id, validInput({ invoiceCountry: "DK", invoicePostalCode: "931 30" })))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { invoicePostalCode: ["validation.postalCode"] },
    });
    await updateCustomerDetails(actor, customer.id, validInput({ invoiceCountry: "DK", invoicePostalCode: "8000", invoiceCity: "Aarhus C" }));
    expect(await stored(customer.id)).toMatchObject({ invoiceCountry: "DK", invoicePostalCode: "8000", invoiceCity: "Aarhus C" });
  });

  it("refuses invoice delivery by e-mail without an invoice e-mail address", async () => {
    const { customer, actor } = await customerWithMember();
    const before = await stored(customer.id);
    expect(await appFailure(updateCustomerDetails(actor, customer.id, validInput({ invoiceDelivery: "EMAIL", invoiceEmail: "  " })))).toEqual({
      code: "VALIDATION",
      message: "VALIDATION",
      fieldErrors: { invoiceEmail: ["validation.required"] },
    });
    expect(await stored(customer.id)).toEqual(before);
    expect(await auditRows()).toHaveLength(0);
  });

  it("refuses a READ member (FORBIDDEN) and changes nothing", async () => {
    const { customer, actor } = await customerWithMember("READ");
    const before = await stored(customer.id);
    expect(await appFailure(updateCustomerDetails(actor, customer.id, validInput({ phone: "08-123 456 78" })))).toMatchObject({ code: "FORBIDDEN" });
    // Invalid input from a reader is refused for the role, not for the input.
    expect(await appFailure(updateCustomerDetails(actor, customer.id, validInput({ phone: "x" })))).toMatchObject({ code: "FORBIDDEN" });
    expect(await stored(customer.id)).toEqual(before);
    expect(await auditRows()).toHaveLength(0);
  });

  it("does not let customer A update customer B (NOT_FOUND), nor with a forged actor", async () => {
    const a = await customerWithMember("ADMINISTRATOR");
    const b = await customerWithMember("ADMINISTRATOR");
    const before = await stored(b.customer.id);
    expect(await appFailure(updateCustomerDetails(a.actor, b.customer.id, validInput({ phone: "08-123 456 78" })))).toMatchObject({ code: "NOT_FOUND" });

    // Even an actor that claims B (a hand-built or stale actor) is checked against the memberships.
    const forged: CustomerActor = { ...a.actor, customers: [{ ...a.actor.customers[0]!, customerId: b.customer.id }] };
    expect(await appFailure(updateCustomerDetails(forged, b.customer.id, validInput({ phone: "08-123 456 78" })))).toMatchObject({ code: "NOT_FOUND" });

    expect(await stored(b.customer.id)).toEqual(before);
    expect(await auditRows()).toHaveLength(0);
  });

  it("lets a user with several customers change each one separately", async () => {
    const first = await createCustomer(db, { invoiceDelivery: "PAPER" });
    const second = await createCustomer(db, { invoiceDelivery: "PAPER" });
    const user = await createUser(db, {
      memberships: [
        { customerId: first.id, role: "ADMINISTRATOR" },
        { customerId: second.id, role: "READ" },
      ],
    });
    const actor = await customerActorOf(user);
    const input = validInput({ invoiceStreet: first.invoiceStreet, invoicePostalCode: first.invoicePostalCode, invoiceCity: first.invoiceCity, invoiceDelivery: "EINVOICE" });
    await updateCustomerDetails(actor, first.id, input);
    expect((await stored(first.id)).invoiceDelivery).toBe("EINVOICE");
    expect(await appFailure(updateCustomerDetails(actor, second.id, input))).toMatchObject({ code: "FORBIDDEN" });
    expect((await stored(second.id)).invoiceDelivery).toBe("PAPER");
  });
});
