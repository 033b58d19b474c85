import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SE_SUPPLY_SPOT } from "@/fixtures/demo-price-lists";
import { invoicePaymentStatus } from "@/domain/billing/invoice-status";
import { addDays, addMonths } from "@/domain/time/zoned";
import { createContract, createCustomer, createInstallation, createUser, uniqueMeteringPointId } from "@/fixtures/factories";
import type { Customer, Installation, Invoice } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { createTestInvoice, paymentReferenceFor, ratedLines, uniqueInvoiceNumber } from "../../../tests/support/invoice-fixtures";
import { explainInvoice } from "./explain-invoice";
import { getInvoice } from "./get-invoice";
import { INVOICE_STATUS_FILTERS, listInvoices, type InvoiceStatusFilter } from "./list-invoices";

const db = getTestDb();
const TODAY = "2026-03-01";
const TZ = "Europe/Stockholm";

let companyA: Customer, privateB: Customer, bulk: Customer;
let office: Installation, heat: Installation, garage: Installation, b1: Installation;
let january: Invoice, february: Invoice, overdue: Invoice, credited: Invoice, creditNote: Invoice, rebilled: Invoice, customerLevel: Invoice, bInvoice: Invoice;
let admin: CustomerActor, restricted: CustomerActor, household: CustomerActor, both: CustomerActor, bulkAdmin: CustomerActor, nobody: CustomerActor;

const BULK_INSTALLATIONS = 150;
const BULK_INVOICES = 600;

beforeAll(async () => {
  await resetDatabase();
  companyA = await createCustomer(db, { kind: "COMPANY", name: "Fastighets AB Testhus" });
  privateB = await createCustomer(db, { name: "Bertil Berg" });
  bulk = await createCustomer(db, { kind: "COMPANY", name: "Bostadsbolaget Stor AB" });

  office = await createInstallation(db, { customerId: companyA.id, type: "ELECTRICITY_SUPPLY", name: "Kontoret", street: "Storgatan 1", postalCode: "903 26", city: "Umeå", propertyDesignation: "Umeå Björken 3" });
  heat = await createInstallation(db, { customerId: companyA.id, type: "DISTRICT_HEATING", name: "Lagret", street: "Kungsgatan 5", postalCode: "903 27", city: "Umeå", propertyDesignation: "Umeå Eken 7" });
  garage = await createInstallation(db, { customerId: companyA.id, type: "ELECTRICITY_GRID", name: null, street: "Industrivägen 9", postalCode: "913 32", city: "Holmsund", propertyDesignation: "Holmsund Tallen 2" });
  b1 = await createInstallation(db, { customerId: privateB.id, type: "ELECTRICITY_GRID", street: "Lillgatan 2" });
  const officeContract = await createContract(db, { installationId: office.id, pricing: "SPOT", productName: "Timpris" });

  // January: a realistic spot bill, rated by the domain, paid.
  const rated = ratedLines({
    market: "SE",
    timeZone: TZ,
    from: "2026-01-01",
    to: "2026-02-01",
    priceLists: DEMO_SE_SUPPLY_SPOT,
    kWh: (h) => (h >= 17 && h < 21 ? 3 : 1),
    spot: (h) => (h >= 17 && h < 21 ? 180 : h < 6 ? -2 : 60),
  });
  january = await createTestInvoice(db, {
    customerId: companyA.id,
    installationId: office.id,
    contractId: officeContract.id,
    status: "PAID",
    invoiceDate: "2026-02-04",
    periodStart: "2026-01-01",
    periodEnd: "2026-02-01",
    ...rated,
  });
  february = await createTestInvoice(db, { customerId: companyA.id, installationId: office.id, contractId: officeContract.id, invoiceDate: "2026-02-25", dueDate: "2026-03-11", periodStart: "2026-02-01", periodEnd: "2026-03-01", netAmountMinor: 150_000 });
  overdue = await createTestInvoice(db, { customerId: companyA.id, installationId: heat.id, invoiceDate: "2026-02-05", dueDate: "2026-02-19", periodStart: "2026-01-01", periodEnd: "2026-02-01", netAmountMinor: 420_000 });
  // December: credited in full and billed again with new meter values.
  credited = await createTestInvoice(db, { customerId: companyA.id, installationId: garage.id, status: "CREDITED", invoiceDate: "2026-01-05", periodStart: "2025-12-01", periodEnd: "2026-01-01", netAmountMinor: 80_000 });
  creditNote = await createTestInvoice(db, {
    customerId: companyA.id,
    installationId: garage.id,
    kind: "CREDIT_NOTE",
    invoiceDate: "2026-02-10",
    periodStart: "2025-12-01",
    periodEnd: "2026-01-01",
    netAmountMinor: -80_000,
    correctsInvoiceId: credited.id,
  });
  rebilled = await createTestInvoice(db, {
    customerId: companyA.id,
    installationId: garage.id,
    invoiceDate: "2026-02-10",
    periodStart: "2025-12-01",
    periodEnd: "2026-01-01",
    netAmountMinor: 86_000,
    correctsInvoiceId: credited.id,
    explanation: { correction: { reason: "METER_VALUES" } },
  });
  customerLevel = await createTestInvoice(db, { customerId: companyA.id, installationId: null, status: "PAID", invoiceDate: "2025-06-30", periodStart: "2025-06-01", periodEnd: "2025-07-01", netAmountMinor: 5_000 });
  bInvoice = await createTestInvoice(db, { customerId: privateB.id, installationId: b1.id, invoiceDate: "2026-02-05", periodStart: "2026-01-01", periodEnd: "2026-02-01", netAmountMinor: 99_000 });
  await db.payment.create({
    data: {
      import: { create: { fileName: "bg-2026-02-14.txt", sha256: "x".repeat(64) } },
      reference: january.paymentReference,
      amountMinor: january.totalAmountMinor,
      currency: "SEK",
      paidOn: new Date("2026-02-14T00:00:00Z"),
      invoice: { connect: { id: january.id } },
    },
  });

  // A company with many installations and two and a half years of monthly invoices.
  const installations = Array.from({ length: BULK_INSTALLATIONS }, (_, n) => ({
    customerId: bulk.id,
    type: "ELECTRICITY_GRID" as const,
    meteringPointId: uniqueMeteringPointId("SE"),
    name: `Kv. Bulken ${n + 1}`,
    street: `Bulkgatan ${n + 1}`,
    postalCode: "931 30",
    city: "Sjöbotten",
    priceArea: "SE1",
    timeZone: TZ,
    meterNumber: `B${n}`,
    startDate: new Date("2020-01-01T00:00:00Z"),
  }));
  await db.installation.createMany({ data: installations });
  const bulkIds = (await db.installation.findMany({ where: { customerId: bulk.id }, select: { id: true }, orderBy: { name: "asc" } })).map((i) => i.id);
  const rows = Array.from({ length: BULK_INVOICES }, (_, n) => {
    const periodStart = addMonths("2023-09-01", Math.floor(n / 20));
    const invoiceDate = addDays(addMonths(periodStart, 1), 3 + (n % 20));
    const invoiceNumber = uniqueInvoiceNumber();
    return {
      invoiceNumber,
      customerId: bulk.id,
      installationId: bulkIds[n % BULK_INSTALLATIONS]!,
      currency: "SEK" as const,
      status: n % 7 === 0 ? ("ISSUED" as const) : ("PAID" as const),
      invoiceDate: new Date(`${invoiceDate}T00:00:00Z`),
      dueDate: new Date(`${addDays(invoiceDate, 14)}T00:00:00Z`),
      periodStart: new Date(`${periodStart}T00:00:00Z`),
      periodEnd: new Date(`${addMonths(periodStart, 1)}T00:00:00Z`),
      netAmountMinor: 10_000 + n,
      vatAmountMinor: 2_500,
      totalAmountMinor: 12_500 + n,
      paymentReference: paymentReferenceFor("SE", invoiceNumber),
    };
  });
  await db.invoice.createMany({ data: rows });

  admin = await customerActorOf(await createUser(db, { memberships: [{ customerId: companyA.id, role: "ADMINISTRATOR" }] }));
  restricted = await customerActorOf(await createUser(db, { memberships: [{ customerId: companyA.id, role: "READ", installationIds: [office.id] }] }));
  household = await customerActorOf(await createUser(db, { memberships: [{ customerId: privateB.id }] }));
  both = await customerActorOf(await createUser(db, { memberships: [{ customerId: companyA.id }, { customerId: privateB.id, role: "READ" }] }));
  bulkAdmin = await customerActorOf(await createUser(db, { memberships: [{ customerId: bulk.id, role: "ADMINISTRATOR" }] }));
  nobody = await customerActorOf(await createUser(db, { memberships: [] }));
}, 120_000);

const numbers = (list: { items: { invoiceNumber: string }[] }) => list.items.map((i) => i.invoiceNumber);
const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id).sort();
const sorted = (...invoices: Invoice[]) => invoices.map((i) => i.id).sort();

describe("listInvoices: who sees what", () => {
  it("shows a customer's administrator every invoice of the customer, newest first, and none of another customer's", async () => {
    const list = await listInvoices(admin, { today: TODAY });
    expect(list.total).toBe(7);
    expect(ids(list)).toEqual(sorted(january, february, overdue, credited, creditNote, rebilled, customerLevel));
    const dates = list.items.map((i) => i.invoiceDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(list.items[0]!.customerNumber).toBe(companyA.customerNumber);
  });

  it("shows customer B only B's invoice", async () => {
    expect(ids(await listInvoices(household, { today: TODAY }))).toEqual(sorted(bInvoice));
  });

  it("shows a member restricted to one installation only that installation's invoices (not the customer-level ones)", async () => {
    const list = await listInvoices(restricted, { today: TODAY });
    expect(ids(list)).toEqual(sorted(january, february));
  });

  it("shows nothing to a user without customers", async () => {
    expect((await listInvoices(nobody)).total).toBe(0);
  });

  it("narrows to one customer (kund) or shows all, and refuses a customer the user does not have", async () => {
    expect((await listInvoices(both, { customerId: "all" })).total).toBe(8);
    expect(ids(await listInvoices(both, { customerId: privateB.id }))).toEqual(sorted(bInvoice));
    expect((await appFailure(listInvoices(household, { customerId: companyA.id }))).code).toBe("NOT_FOUND");
  });
});

describe("listInvoices: filters", () => {
  it("finds by part of the invoice number", async () => {
    const part = february.invoiceNumber.slice(-6);
    expect(numbers(await listInvoices(admin, { invoiceNumber: part }))).toEqual([february.invoiceNumber]);
    expect((await listInvoices(household, { invoiceNumber: part })).total).toBe(0);
  });

  it("finds by metering point, typed in groups as printed", async () => {
    const grouped = office.meteringPointId.replace(/(\d{6})(\d{4})(\d{4})(\d{4})/, "$1 $2 $3 $4");
    expect(ids(await listInvoices(admin, { meteringPoint: grouped }))).toEqual(sorted(january, february));
  });

  it("finds by property name: installation name or property designation, any case", async () => {
    expect(ids(await listInvoices(admin, { property: "kontoret" }))).toEqual(sorted(january, february));
    expect(ids(await listInvoices(admin, { property: "Eken" }))).toEqual(sorted(overdue));
    expect(ids(await listInvoices(admin, { property: "holmsund tallen" }))).toEqual(sorted(credited, creditNote, rebilled));
  });

  it("finds by address: street, postal code or city", async () => {
    expect(ids(await listInvoices(admin, { address: "kungsgatan" }))).toEqual(sorted(overdue));
    expect(ids(await listInvoices(admin, { address: "HOLMSUND" }))).toEqual(sorted(credited, creditNote, rebilled));
    expect(ids(await listInvoices(admin, { address: "903 2" }))).toEqual(sorted(january, february, overdue));
  });

  it("filters by status, each agreeing with the status shown", async () => {
    const expected: Record<InvoiceStatusFilter, Invoice[]> = {
      unpaid: [february, overdue, rebilled],
      // The re-billed invoice was due 14 days after 2026-02-10.
      overdue: [overdue, rebilled],
      paid: [january, customerLevel],
      credited: [credited, creditNote],
    };
    for (const status of INVOICE_STATUS_FILTERS) {
      const list = await listInvoices(admin, { status, today: TODAY });
      expect(ids(list), status).toEqual(sorted(...expected[status]));
    }
    const all = await listInvoices(admin, { today: TODAY });
    const shown = Object.fromEntries(all.items.map((i) => [i.id, i.paymentStatus]));
    expect(shown[overdue.id]).toBe("OVERDUE");
    expect(shown[february.id]).toBe("UNPAID");
    expect(shown[credited.id]).toBe("CREDITED");
    expect(shown[creditNote.id]).toBe("CREDIT");
    expect(shown[january.id]).toBe("PAID");
  });

  it("turns an unpaid invoice overdue the day after its due date", async () => {
    expect(ids(await listInvoices(admin, { status: "overdue", today: "2026-03-11" }))).toEqual(sorted(overdue, rebilled));
    expect(ids(await listInvoices(admin, { status: "overdue", today: "2026-03-12" }))).toEqual(sorted(february, overdue, rebilled));
  });

  it("has an unpaid tab with unpaid and overdue invoices only", async () => {
    const list = await listInvoices(admin, { tab: "unpaid", today: TODAY });
    expect(ids(list)).toEqual(sorted(february, overdue, rebilled));
    expect(list.items.every((i) => i.paymentStatus === "UNPAID" || i.paymentStatus === "OVERDUE")).toBe(true);
  });

  it("filters by invoice date range, both ends included", async () => {
    expect(ids(await listInvoices(admin, { invoiceDateFrom: "2026-02-05", invoiceDateTo: "2026-02-10" }))).toEqual(sorted(overdue, creditNote, rebilled));
    expect(ids(await listInvoices(admin, { invoiceDateTo: "2025-12-31" }))).toEqual(sorted(customerLevel));
    expect(ids(await listInvoices(admin, { invoiceDateFrom: "2026-02-25" }))).toEqual(sorted(february));
  });

  it("filters by amount range incl. VAT in exact minor units, negative credit notes included", async () => {
    // february: 150 000 + 25 % = 187 500; january 127 986; rebilled 107 500; credited 100 000
    expect(january.totalAmountMinor).toBe(127_986);
    expect(ids(await listInvoices(admin, { amountMinMinor: 100_000, amountMaxMinor: 187_500 }))).toEqual(sorted(february, january, credited, rebilled));
    expect(ids(await listInvoices(admin, { amountMinMinor: 100_001, amountMaxMinor: 187_499 }))).toEqual(sorted(january, rebilled));
    expect(ids(await listInvoices(admin, { amountMaxMinor: 0 }))).toEqual(sorted(creditNote));
    expect(ids(await listInvoices(admin, { amountMinMinor: 187_501 }))).toEqual(sorted(overdue));
  });

  it("combines filters", async () => {
    expect(ids(await listInvoices(admin, { address: "Umeå", status: "unpaid", invoiceDateFrom: "2026-02-20", today: TODAY }))).toEqual(sorted(february));
  });
});

describe("listInvoices: many installations, no three-month limit, pages of 25", () => {
  it("counts every invoice and pages through all of them without overlap", async () => {
    const first = await listInvoices(bulkAdmin, { today: TODAY });
    expect(first).toMatchObject({ total: BULK_INVOICES, page: 1, pageSize: 25, pageCount: 24 });
    const seen = new Set<string>();
    let previousLast = "9999-12-31";
    for (let page = 1; page <= first.pageCount; page++) {
      const list = await listInvoices(bulkAdmin, { page, today: TODAY });
      expect(list.items).toHaveLength(25);
      expect(list.items[0]!.invoiceDate <= previousLast).toBe(true);
      previousLast = list.items.at(-1)!.invoiceDate;
      for (const item of list.items) seen.add(item.id);
    }
    expect(seen.size).toBe(BULK_INVOICES);
    // The oldest invoices, two and a half years back, are on the last page.
    const last = await listInvoices(bulkAdmin, { page: 24 });
    expect(last.items.at(-1)!.periodStart).toBe("2023-09-01");
  });

  it("shows the last page for a page past the end", async () => {
    const list = await listInvoices(bulkAdmin, { page: 99 });
    expect(list.page).toBe(24);
    expect(list.items).toHaveLength(25);
  });

  it("counts the filtered total: unpaid invoices of 150 installations", async () => {
    const expected = Array.from({ length: BULK_INVOICES }, (_, n) => n).filter((n) => n % 7 === 0).length;
    const list = await listInvoices(bulkAdmin, { tab: "unpaid", today: TODAY });
    expect(list.total).toBe(expected);
    expect(list.pageCount).toBe(Math.ceil(expected / 25));
  });

  it("answers a filtered page quickly", async () => {
    const started = performance.now();
    const list = await listInvoices(bulkAdmin, { address: "bulkgatan 1", amountMinMinor: 12_600, page: 2 });
    const ms = performance.now() - started;
    expect(list.total).toBeGreaterThan(0);
    expect(ms).toBeLessThan(2_000);
  });
});

describe("getInvoice", () => {
  it("returns the invoice with its lines in order, its payment and its status", async () => {
    const invoice = await getInvoice(admin, january.id, { today: TODAY });
    expect(invoice).toMatchObject({ invoiceNumber: january.invoiceNumber, paymentStatus: "PAID", currency: "SEK", periodStart: "2026-01-01", periodEnd: "2026-02-01" });
    expect(invoice.lines.map((l) => l.position)).toEqual(invoice.lines.map((_, i) => i + 1));
    expect(invoice.lines.map((l) => l.code)).toEqual(["SUPPLY_MONTHLY_FEE", "SUPPLY_ENERGY_SPOT", "SUPPLY_MARGIN"]);
    expect(invoice.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(invoice.netAmountMinor);
    expect(invoice.payments).toEqual([{ paidOn: "2026-02-14", amountMinor: january.totalAmountMinor, currency: "SEK", reference: january.paymentReference }]);
    expect(invoice.installation?.meteringPointId).toBe(office.meteringPointId);
    expect(invoice.contract?.productName).toBe("Timpris");
  });

  it("links a corrected invoice to its credit note and re-billed invoice, and back", async () => {
    const original = await getInvoice(admin, credited.id, { today: TODAY });
    expect(original.correctedBy.map((r) => r.invoiceNumber).sort()).toEqual([creditNote.invoiceNumber, rebilled.invoiceNumber].sort());
    const rebill = await getInvoice(admin, rebilled.id, { today: TODAY });
    expect(rebill.corrects).toMatchObject({ invoiceNumber: credited.invoiceNumber, kind: "INVOICE", periodStart: "2025-12-01", paymentStatus: "CREDITED" });
    expect((await getInvoice(admin, creditNote.id)).corrects?.id).toBe(credited.id);
  });

  it("is NOT_FOUND for another customer's invoice, a non-granted installation's, and a malformed id", async () => {
    expect((await appFailure(getInvoice(household, january.id))).code).toBe("NOT_FOUND");
    expect((await appFailure(getInvoice(admin, bInvoice.id))).code).toBe("NOT_FOUND");
    expect((await appFailure(getInvoice(restricted, overdue.id))).code).toBe("NOT_FOUND");
    expect((await appFailure(getInvoice(restricted, customerLevel.id))).code).toBe("NOT_FOUND");
    expect((await appFailure(getInvoice(admin, "not-an-id"))).code).toBe("NOT_FOUND");
    expect((await getInvoice(restricted, january.id)).id).toBe(january.id);
  });
});

describe("explainInvoice", () => {
  it("explains the spot average of a rated bill: higher than the plain average, because of the evening peak", async () => {
    const { explanation } = await explainInvoice(admin, january.id, { today: TODAY });
    expect(explanation.spot).toHaveLength(1);
    const spot = explanation.spot[0]!;
    expect(spot.comparison).toBe("higher");
    expect(Number(spot.weightedAverage)).toBeGreaterThan(Number(spot.plainAverage));
    // 31 days × 6 night hours at −2 öre/kWh
    expect(spot.negativeIntervals).toBe(31 * 6);
    expect(explanation.nextInvoice).toEqual({ invoiceDate: "2026-03-04", dueDate: "2026-03-18", source: "estimate" });
    expect(explanation.lines.map((l) => l.category)).toEqual(["fixedFee", "energy", "energy"]);
  });

  it("explains what a correction corrected: which invoice, which period, the difference", async () => {
    const { explanation } = await explainInvoice(admin, rebilled.id, { today: TODAY });
    expect(explanation.correction).toMatchObject({
      role: "rebill",
      original: { invoiceNumber: credited.invoiceNumber, periodStart: "2025-12-01", periodEnd: "2026-01-01", totalAmountMinor: 100_000 },
      differenceMinor: 7_500,
      reasons: ["METER_VALUES"],
    });
  });

  it("is NOT_FOUND for another customer", async () => {
    expect((await appFailure(explainInvoice(household, january.id))).code).toBe("NOT_FOUND");
    expect((await appFailure(explainInvoice(restricted, rebilled.id))).code).toBe("NOT_FOUND");
  });

  it("agrees with the payment status rule for every invoice it shows", async () => {
    for (const invoice of [january, february, overdue, credited, creditNote, rebilled]) {
      const detail = await getInvoice(admin, invoice.id, { today: TODAY });
      expect(detail.paymentStatus).toBe(
        invoicePaymentStatus({ kind: invoice.kind, status: invoice.status, totalAmountMinor: invoice.totalAmountMinor, dueDate: detail.dueDate }, TODAY),
      );
    }
  });
});
