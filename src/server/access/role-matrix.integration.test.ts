// The access matrix of docs/access-levels.md, cell by cell: for each level and permission, the
// server function behind the permission is called as a user of that level and must succeed or be
// refused. Permissions whose features do not exist yet (service interest, third-party requests,
// add-ons) are checked through `can` and `accessTo`, which those features will call.
import { beforeEach, describe, expect, it } from "vitest";
import { formatCheckCode } from "@/domain/access/check-code";
import { permissions, can, type Permission, type Role } from "@/domain/access/permissions";
import { createMeterSeries, uniqueEmail, validSwedishOrgNumber } from "@/fixtures/factories";
import type { CustomerActor } from "@/server/access/actor";
import { accessTo } from "@/server/access/scope";
import { exportConsumption } from "@/server/consumption/export-consumption";
import { exportQuerySchema } from "@/server/consumption/schemas";
import { getCustomerDetails } from "@/server/customers/get-customer-details";
import { updateCustomerDetails } from "@/server/customers/update-customer-details";
import { AppError } from "@/server/errors";
import { listInstallations } from "@/server/installations/list-installations";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers, type CompanyWithUsers } from "../../../tests/support/access";
import { localInbox } from "../../../tests/support/mail";
import { inviteManagementCompany } from "./invite-management-company";
import { inviteUser } from "./invite-user";
import { listCustomerAccess } from "./list-customer-access";

/** The matrix as documented (docs/access-levels.md); `can` must agree, and so must the server. */
const MATRIX: Record<Permission, Record<Role, boolean>> = {
  view: { ADMINISTRATOR: true, FULL: true, READ: true },
  download: { ADMINISTRATOR: true, FULL: true, READ: true },
  export: { ADMINISTRATOR: true, FULL: true, READ: true },
  changeCustomerDetails: { ADMINISTRATOR: true, FULL: true, READ: false },
  registerServiceInterest: { ADMINISTRATOR: true, FULL: true, READ: false },
  decideThirdPartyRequests: { ADMINISTRATOR: true, FULL: true, READ: false },
  signAddOns: { ADMINISTRATOR: true, FULL: false, READ: false },
  manageUsers: { ADMINISTRATOR: true, FULL: false, READ: false },
  inviteManagementCompany: { ADMINISTRATOR: true, FULL: false, READ: false },
  viewCheckCode: { ADMINISTRATOR: true, FULL: false, READ: false },
};

const db = getTestDb();
let c: CompanyWithUsers;
let orgSeed = 0;

localInbox();
beforeEach(async () => {
  await resetDatabase();
  c = await companyWithUsers(db, 2);
  await createMeterSeries(db, {
    installationId: c.installations[0]!.id,
    quantity: "ENERGY_KWH",
    resolution: "PT1H",
    from: "2025-01-01",
    toExclusive: "2025-01-03",
    timeZone: "Europe/Stockholm",
    generator: (d) => Array.from({ length: d.intervals }, () => 1.5),
  });
});

const userOf = (role: Role) => (role === "ADMINISTRATOR" ? c.admin : role === "FULL" ? c.full : c.read);

/** Calls what the permission guards; resolves when allowed, rejects with an AppError when not. */
const exercise: Record<Permission, (actor: CustomerActor) => Promise<unknown>> = {
  view: async (actor) => {
    await getCustomerDetails(actor, c.customer.id);
    const list = await listInstallations(actor, { customerId: c.customer.id });
    expect(list.total).toBe(2);
  },
  // No downloadable document exists yet (invoice PDFs, yearly reports); they will check this.
  download: async (actor) => accessTo(actor, c.customer.id, "download"),
  export: async (actor) => {
    const file = await exportConsumption(actor, exportQuerySchema.parse({ installation: [c.installations[0]!.id], from: "2025-01-01", to: "2025-01-02", granularity: "day" }));
    expect(file.contentType).toMatch(/^text\/csv/);
  },
  changeCustomerDetails: async (actor) => {
    const current = await getCustomerDetails(actor, c.customer.id);
    await updateCustomerDetails(actor, c.customer.id, {
      email: `${actor.userId.slice(0, 8)}@example.com`,
      phone: current.phone,
      invoiceCareOf: current.invoiceCareOf,
      invoiceStreet: current.invoiceStreet,
      invoicePostalCode: current.invoicePostalCode,
      invoiceCity: current.invoiceCity,
      invoiceCountry: current.invoiceCountry,
      invoiceDelivery: current.invoiceDelivery,
      invoiceEmail: current.invoiceEmail,
    } as never);
  },
  // Features to come (seed 001 services, seed 002 third-party access, add-on signing).
  registerServiceInterest: async (actor) => accessTo(actor, c.customer.id, "registerServiceInterest"),
  decideThirdPartyRequests: async (actor) => accessTo(actor, c.customer.id, "decideThirdPartyRequests"),
  signAddOns: async (actor) => accessTo(actor, c.customer.id, "signAddOns"),
  manageUsers: async (actor) => {
    await listCustomerAccess(actor, c.customer.id);
    await inviteUser(actor, { customerId: c.customer.id, email: uniqueEmail("matrix"), role: "READ" });
  },
  inviteManagementCompany: async (actor) =>
    inviteManagementCompany(actor, {
      customerId: c.customer.id,
      organisationNumber: validSwedishOrgNumber(770_000 + ++orgSeed, "556"),
      companyName: "Matrisen Förvaltning AB",
      email: uniqueEmail("matrix"),
    }),
  // Kunduppgifter shows the invoices' check code to the customer's administrators only.
  viewCheckCode: async (actor) => {
    const { checkCode } = await getCustomerDetails(actor, c.customer.id);
    if (checkCode === null) throw new AppError("FORBIDDEN");
    expect(checkCode).toBe(formatCheckCode(c.customer.checkCode));
  },
};

describe("the documented matrix is the one `can` enforces", () => {
  it("covers every permission", () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...permissions].sort());
  });
});

describe.each(["ADMINISTRATOR", "FULL", "READ"] as const)("%s", (role) => {
  for (const permission of permissions) {
    const allowed = MATRIX[permission][role];
    it(`${allowed ? "may" : "may not"} ${permission}`, async () => {
      expect(can(role, permission)).toBe(allowed);
      const actor = await customerActorOf(userOf(role));
      if (allowed) {
        await exercise[permission](actor);
      } else {
        const audit = await db.auditLog.count();
        expect((await appFailure(exercise[permission](actor))).code).toBe("FORBIDDEN");
        // A refusal writes nothing.
        expect(await db.auditLog.count()).toBe(audit);
      }
    });
  }
});
